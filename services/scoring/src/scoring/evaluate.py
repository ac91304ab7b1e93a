"""From one employee's state (plus region-wide estimates) to a score with its receipt; pure."""

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple

from contracts import ScoreComputed
from contracts.scoring import AngkaKredit, ReceiptFlag
from contracts.vocabulary import (
    AttendanceStatus,
    BerakhlakValue,
    FeedbackSource,
    PositionType,
    Predikat,
    Rating,
    RhkKind,
)
from kit.calendar import WorkingDays
from scoring import credit, discipline, receipt, rules
from scoring.formula import Formula, Parts
from scoring.rater_effects import (
    DEFAULT_CONFIG,
    BehaviourComposite,
    EvidenceConfig,
    RaterEffect,
    SourceEvidence,
    Tally,
    citizen_evidence,
    combine_sources,
    ratee_behaviour,
    supervisor_evidence,
)
from scoring.state import State, deciding_appeal, feedback_tally

PRODUCER = "scoring"
DEFAULT_CITIZEN_PRIOR = 3.0
MAX_LINK = 2000  # the receipt's evidence field; a longer reference is not shown, never cut


@dataclass(frozen=True)
class Context:
    """What one employee's score needs from the region: estimated by the last region sweep."""

    formula: Formula
    effects: Mapping[str, RaterEffect] = field(default_factory=dict)
    citizen_prior: float = DEFAULT_CITIZEN_PRIOR
    flags: Mapping[str, tuple[ReceiptFlag, ...]] = field(default_factory=dict)
    working_days: WorkingDays = field(default_factory=WorkingDays)
    config: EvidenceConfig = DEFAULT_CONFIG


@dataclass(frozen=True)
class Iki:
    """One IKI's latest report, as the receipt shows it."""

    rhk_id: str
    iki_id: str
    name: str
    kind: RhkKind
    pct: float
    period: str
    evidence: str | None


@dataclass(frozen=True)
class Official:
    """The ratings that decide the predikat: the PPK's, or the atasan PPK's appeal decision."""

    hasil_kerja: Rating
    perilaku: Rating
    final: bool
    appeal: str | None
    rater_nip: str | None


@dataclass(frozen=True)
class Evaluation:
    """Everything computed for one employee, before it becomes an event and a receipt."""

    iki: tuple[Iki, ...]
    sources: Mapping[FeedbackSource, SourceEvidence]
    raw_means: Mapping[FeedbackSource, float]
    per_value: Mapping[BerakhlakValue, float]
    behaviour: BehaviourComposite | None
    official: Official | None
    suggested: tuple[Rating, Rating]
    parts: Parts
    discipline: discipline.DisciplineSummary | None


def latest_iki(state: State) -> tuple[Iki, ...]:
    """Latest period's report per IKI; IKI not (yet) in a known plan count as ``utama``."""
    plan = {(item["rhk_id"], item["iki_id"]): item for item in state["plan"]}
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for item in state["progress"]:
        key = (item["rhk_id"], item["iki_id"])
        if key not in latest or item["period"] > latest[key]["period"]:
            latest[key] = item
    out = []
    for key, item in sorted(latest.items()):
        planned = plan.get(key, {})
        evidence = [link for link in item.get("evidence") or [] if len(link) <= MAX_LINK]
        out.append(
            Iki(
                rhk_id=key[0],
                iki_id=key[1],
                name=planned.get("name", key[1]),
                kind=RhkKind(planned.get("kind", RhkKind.UTAMA)),
                pct=item["pct"],
                period=item["period"],
                evidence=evidence[0] if evidence else None,
            )
        )
    return tuple(out)


def official_of(state: State) -> Official | None:
    """The deciding ratings, if any: an appeal decision about the current assessment wins."""
    appeal = deciding_appeal(state)
    raw = appeal or state.get("assessment")
    if raw is None:
        return None
    assessment = state.get("assessment") or {}
    return Official(
        hasil_kerja=Rating(raw["hasil_kerja"]),
        perilaku=Rating(raw["perilaku"]),
        final=appeal is not None or bool(raw["final"]),
        appeal=appeal["decision"] if appeal else None,
        rater_nip=assessment.get("rater_nip"),
    )


class StoredDay(NamedTuple):
    """An attendance day as the state keeps it, in the shape the discipline rules read."""

    status: AttendanceStatus
    late_code: str | None
    early_code: str | None


def _attendance(state: State) -> dict[date, StoredDay]:
    return {
        date.fromisoformat(day): StoredDay(
            AttendanceStatus(entry["status"]), entry["late_code"], entry["early_code"]
        )
        for day, entry in state["attendance"].items()
    }


def _raw_means(others: Tally) -> dict[FeedbackSource, float]:
    """Per source, the plain mean of every score (what the receipt compares the correction to)."""
    sums: dict[FeedbackSource, tuple[int, int]] = {}
    for (source, _, _), (total, count) in others.items():
        before_total, before_count = sums.get(source, (0, 0))
        sums[source] = (before_total + total, before_count + count)
    return {source: total / count for source, (total, count) in sums.items()}


def evaluate(state: State, context: Context) -> Evaluation:
    """All evidence of one employee, bias-corrected and weighted, next to the official ratings."""
    nip = state["nip"]
    self_source = FeedbackSource.SELF
    others: Tally = {
        key: sums for key, sums in feedback_tally(state).items() if key[0] is not self_source
    }
    corrected = ratee_behaviour(nip, others, context.effects)
    sources = dict(corrected.sources)
    notes = [entry["positive"] for _, entry in sorted(state["notes"].items())]
    if (supervisor := supervisor_evidence(notes)) is not None:
        sources[FeedbackSource.SUPERVISOR] = supervisor
    citizen_scores = [e["rating"] for _, e in sorted(state["citizen"].items()) if e["rating"]]
    citizens = citizen_evidence(citizen_scores, context.citizen_prior, context.config)
    if citizens is not None:
        sources[FeedbackSource.CITIZEN] = citizens
    behaviour = combine_sources(sources.values(), context.config)
    iki = latest_iki(state)
    official = official_of(state)
    days = (
        discipline.summarise(_attendance(state), context.working_days, year=state["year"])
        if state["attendance"]
        else None
    )
    parts = Parts(
        iki=tuple(rules.Achievement(item.kind, item.pct) for item in iki),
        behaviour=behaviour.value if behaviour else None,
        official=(official.hasil_kerja, official.perilaku) if official else None,
        unexcused_days=days.unexcused_days if days else 0,
    )
    suggested_results = (
        rules.suggested_results_rating([rules.Achievement(i.kind, i.pct) for i in iki])
        if iki
        else Rating.SESUAI
    )
    raw_means = _raw_means(others)
    if citizen_scores:
        raw_means[FeedbackSource.CITIZEN] = math.fsum(citizen_scores) / len(citizen_scores)
    return Evaluation(
        iki=iki,
        sources=MappingProxyType(sources),
        raw_means=MappingProxyType(raw_means),
        per_value=corrected.per_value,
        behaviour=behaviour,
        official=official,
        suggested=(suggested_results, context.formula.suggested_behaviour(parts.behaviour)),
        parts=parts,
        discipline=days,
    )


def score_period(state: State) -> str:
    """The period a score speaks for: the assessed one, else the latest reported, else the year."""
    official = deciding_appeal(state) or state.get("assessment")
    if official:
        return str(official["period"])
    periods = [item["period"] for item in state["progress"]]
    return max(periods) if periods else str(state["year"])


def _angka_kredit(employee: Mapping[str, Any] | None, predikat: Predikat) -> AngkaKredit | None:
    """AK for the whole year from the predikat, for functional employees with a known jenjang."""
    if employee is None or employee.get("position_type") != PositionType.FUNGSIONAL:
        return None
    try:
        result = credit.angka_kredit_for(PositionType.FUNGSIONAL, employee.get("jenjang"), predikat)
    except credit.CreditTableError:
        return None  # unknown jenjang: HR must fix the directory; no number is better than a guess
    if result is None:
        return None
    return AngkaKredit(
        jenjang=result.jenjang,
        months=result.months,
        value=str(result.ak),
        confirmed=not result.unconfirmed,
    )


def score(
    state: State,
    context: Context,
    employee: Mapping[str, Any] | None,
    evaluation: Evaluation | None = None,
) -> ScoreComputed | None:
    """The ``score.computed`` the state implies, or None while there is no evidence at all.

    ``evaluation``: this state's evaluation under this context, when a sweep made it already.
    """
    evaluation = evaluation or evaluate(state, context)
    composite = context.formula.composite(evaluation.parts)
    if composite is None:
        return None
    official = evaluation.official
    results, behaviour = (
        (official.hasil_kerja, official.perilaku) if official else evaluation.suggested
    )
    predikat = rules.predikat_for(results, behaviour)
    flags = context.flags.get(state["nip"], ())
    lines = receipt.explanation(evaluation, composite, predikat)
    return ScoreComputed(
        region=state["region"],
        producer=PRODUCER,
        nip=state["nip"],
        year=state["year"],
        period=score_period(state),
        predikat=predikat,
        provisional=official is None,
        rating_hasil_kerja=results,
        rating_perilaku=behaviour,
        achievement_pct=(
            math.fsum(min(i.pct, rules.ACHIEVEMENT_CEILING) for i in evaluation.iki)
            / len(evaluation.iki)
            if evaluation.iki
            else None
        ),
        composite=composite.value,
        formula_version=context.formula.version,
        explanation=lines,
        receipt=receipt.build(
            evaluation,
            context.formula,
            composite,
            period=score_period(state),
            flags=flags,
            angka_kredit=_angka_kredit(employee, predikat),
        ),
    )


ENVELOPE = frozenset({"event_id", "type", "version", "occurred_at", "producer"})
"""Left out of a result: which announcement carried it, not what it says."""


def result_document(event: ScoreComputed) -> dict[str, Any]:
    """What is kept as the current result: the event's payload, minus its envelope."""
    return event.model_dump(mode="json", exclude=set(ENVELOPE))


def result_json(event: ScoreComputed) -> str:
    """The same result as JSON text (what the worker hands back, compared as text)."""
    return event.model_dump_json(exclude=set(ENVELOPE))
