"""A region year seen whole: rater effects, guardrail flags and distribution checks; pure.

Everything is derived from the set of facts (sorted keys, ``math.fsum``), never from the order
they arrived in, so two replays of the same topics settle on the same outputs.
"""

import hashlib
import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from contracts import DistributionChecked, Event, FairnessFlagChanged
from contracts.scoring import CurveWarning, ReceiptFlag
from contracts.vocabulary import FlagKind, OrgPredikat, Predikat
from scoring import distribution, evaluate, rules
from scoring.rater_effects import (
    Flag,
    PpkRating,
    estimate_rater_effects,
    evidence_gap_flags,
    favouritism_flags,
    ppk_leniency_flags,
)
from scoring.state import State, feedback_tally

PRODUCER = "scoring"
ENVELOPE = {"event_id", "type", "version", "occurred_at", "producer", "region", "open"}
RECEIPT_KINDS = frozenset({FlagKind.PPK_EVIDENCE_GAP, FlagKind.DISCIPLINE})
"""Flags about the employee themself, shown on their receipt (the others go to HR/atasan)."""


@dataclass(frozen=True)
class Outcome:
    """The region's new estimates and the outputs to compare with what was announced before."""

    context: evaluate.Context
    flags_doc: dict[str, dict[str, Any]]
    distribution_doc: dict[str, dict[str, Any]]
    evaluations: Mapping[str, evaluate.Evaluation] = field(default_factory=dict)
    """Each known employee's evaluation under ``context``, so announcing need not redo it."""

    def events(self, previous: Mapping[str, Any], region: str) -> list[Event]:
        """Flags raised, changed or cleared and distribution checks changed since ``previous``."""
        events: list[Event] = []
        before: dict[str, dict[str, Any]] = previous.get("flags") or {}
        for flag_id, payload in sorted(self.flags_doc.items()):
            if before.get(flag_id) != payload:
                events.append(
                    FairnessFlagChanged(region=region, producer=PRODUCER, open=True, **payload)
                )
        for flag_id, payload in sorted(before.items()):
            if flag_id not in self.flags_doc:
                events.append(
                    FairnessFlagChanged(region=region, producer=PRODUCER, open=False, **payload)
                )
        checked: dict[str, dict[str, Any]] = previous.get("distribution") or {}
        for unit_id, payload in sorted(self.distribution_doc.items()):
            if checked.get(unit_id) != payload:
                events.append(DistributionChecked(region=region, producer=PRODUCER, **payload))
        return events


def _payload(event: Event) -> dict[str, Any]:
    return event.model_dump(mode="json", exclude=ENVELOPE)


def _flag_id(kind: FlagKind, *parts: object) -> str:
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:24]
    return f"{kind}-{digest}"


def _flag_event(flag: Flag, year: int, region: str, suffix: str = "") -> FairnessFlagChanged:
    return FairnessFlagChanged(
        region=region,
        producer=PRODUCER,
        flag_id=_flag_id(FlagKind(flag.kind), flag.subject, flag.related, year, suffix),
        kind=FlagKind(flag.kind),
        subject=flag.subject,
        related=flag.related,
        year=year,
        open=True,
        audience=flag.audience,
        message_id=flag.message,
        message_en=flag.message_en,
        numbers=dict(flag.numbers),
    )


def _ppk_ratings(
    evaluations: Mapping[str, evaluate.Evaluation],
) -> tuple[list[PpkRating], list[PpkRating]]:
    """The PPKs' own ratings (appeal decisions excluded) next to the evidence's suggestions."""
    results, behaviour = [], []
    for nip, item in sorted(evaluations.items()):
        official = item.official
        if official is None or official.appeal is not None or official.rater_nip is None:
            continue
        if item.iki:
            results.append(
                PpkRating(
                    official.rater_nip, nip, official.hasil_kerja, item.suggested[0], len(item.iki)
                )
            )
        if item.behaviour is not None:
            raters = sum(e.count for e in item.sources.values())
            behaviour.append(
                PpkRating(official.rater_nip, nip, official.perilaku, item.suggested[1], raters)
            )
    return results, behaviour


def _discipline_flags(
    evaluations: Mapping[str, evaluate.Evaluation], year: int, region: str
) -> list[FairnessFlagChanged]:
    flags = []
    for nip, item in sorted(evaluations.items()):
        summary = item.discipline
        if summary is None or summary.sanction is None:
            continue
        flags.append(
            FairnessFlagChanged(
                region=region,
                producer=PRODUCER,
                flag_id=_flag_id(FlagKind.DISCIPLINE, nip, year),
                kind=FlagKind.DISCIPLINE,
                subject=nip,
                year=year,
                open=True,
                audience="region_admin",
                message_id=summary.id,
                message_en=summary.en,
                numbers={
                    "unexcused_days": float(summary.unexcused_days),
                    "longest_run": float(summary.longest_run),
                },
            )
        )
    return flags


def _distribution(
    evaluations: Mapping[str, evaluate.Evaluation],
    formula_context: evaluate.Context,
    units: Mapping[str, State],
    people: Mapping[str, Mapping[str, Any]],
    year: int,
    region: str,
) -> dict[str, dict[str, Any]]:
    """Per unit: predikat counts of its scored staff, checked against its org predikat."""
    members: dict[str, list[Predikat]] = defaultdict(list)
    for nip, item in sorted(evaluations.items()):
        if formula_context.formula.composite(item.parts) is None:
            continue
        pair = (
            (item.official.hasil_kerja, item.official.perilaku) if item.official else item.suggested
        )
        members[str(people[nip]["unit_id"])].append(rules.predikat_for(*pair))
    out: dict[str, dict[str, Any]] = {}
    for unit_id, predikats in sorted(members.items()):
        counts = distribution.count(predikats)
        org = (units.get(unit_id) or {}).get("org")
        warnings: tuple[CurveWarning, ...] = ()
        org_predikat = OrgPredikat(org["predikat"]) if org else None
        if org_predikat is not None:
            check = distribution.check(org_predikat, counts)
            warnings = tuple(
                CurveWarning(
                    code=w.rule_id, id=w.message_id, en=w.message_en, count=w.count, pct=w.pct
                )
                for w in check.warnings
            )
        out[unit_id] = _payload(
            DistributionChecked(
                region=region,
                producer=PRODUCER,
                unit_id=unit_id,
                year=year,
                org_predikat=org_predikat,
                total=len(predikats),
                counts={k: v for k, v in counts.items() if v},
                warnings=warnings,
                needs_justification=bool(warnings),
            )
        )
    return out


def region(
    employees: Mapping[str, State],
    units: Mapping[str, State],
    people: Mapping[str, Mapping[str, Any]],
    base: evaluate.Context,
) -> Outcome:
    """Estimate the region's rater effects and citizen prior, then its flags and distributions."""
    known = {nip: item for nip, item in sorted(employees.items()) if nip in people}
    if not known:
        return Outcome(base, {}, {})
    sample = next(iter(known.values()))
    region_name, year = str(sample["region"]), int(sample["year"])
    ratings = {nip: feedback_tally(item) for nip, item in known.items()}
    effects = estimate_rater_effects(ratings, base.config)
    citizens = [e["rating"] for item in known.values() for e in item["citizen"].values()]
    prior = math.fsum(citizens) / len(citizens) if citizens else evaluate.DEFAULT_CITIZEN_PRIOR
    context = replace(base, effects=effects, citizen_prior=prior, flags={})
    evaluations = {nip: evaluate.evaluate(item, context) for nip, item in known.items()}
    results, behaviour = _ppk_ratings(evaluations)
    flags = [
        *(
            _flag_event(f, year, region_name)
            for f in favouritism_flags(ratings, effects, base.config)
        ),
        *(_flag_event(f, year, region_name) for f in ppk_leniency_flags(results, base.config)),
        *(
            _flag_event(f, year, region_name, "hasil")
            for f in evidence_gap_flags(results, base.config)
        ),
        *(
            _flag_event(f, year, region_name, "perilaku")
            for f in evidence_gap_flags(behaviour, base.config)
        ),
        *_discipline_flags(evaluations, year, region_name),
    ]
    receipts: dict[str, list[ReceiptFlag]] = defaultdict(list)
    for flag in flags:
        if flag.kind in RECEIPT_KINDS:
            receipts[flag.subject].append(
                ReceiptFlag(
                    flag_id=flag.flag_id, kind=flag.kind, id=flag.message_id, en=flag.message_en
                )
            )
    return Outcome(
        context=replace(context, flags={nip: tuple(items) for nip, items in receipts.items()}),
        flags_doc={flag.flag_id: _payload(flag) for flag in flags},
        distribution_doc=_distribution(evaluations, context, units, people, year, region_name),
        evaluations=evaluations,
    )
