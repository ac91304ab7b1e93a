"""Awards of a closed period: eligible candidates ranked per unit and per region, top-N win.

A run is a pure function of the rules version, the period and the candidates, so re-running
it or replaying its events gives the same awards with the same ids (ADR 017).
"""

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from contracts.vocabulary import PositionType, Predikat
from rewards.bilingual import Refusal, Text, joined
from rewards.candidates import Candidate
from rewards.eligibility import Assessment, assess
from rewards.periods import Cadence, parse_period
from rewards.ranking import Ranked, rank, refuse_duplicates
from rewards.rulebook import RewardRules, TopN


class Scope(StrEnum):
    """Whom a winner is compared with: the own unit or the whole region."""

    UNIT = "unit"
    REGION = "region"


CADENCE_WORDS = {
    Cadence.MONTHLY: "bulanan",
    Cadence.QUARTERLY: "triwulanan",
    Cadence.YEARLY: "tahunan",
}
SCOPE_WORDS = {Scope.UNIT: ("unit", "unit"), Scope.REGION: ("daerah", "region")}
TITLES = {
    Cadence.MONTHLY: Text("title", "ASN Terbaik Bulan Ini", "Best ASN of the Month"),
    Cadence.QUARTERLY: Text("title", "ASN Terbaik Triwulan Ini", "Best ASN of the Quarter"),
    Cadence.YEARLY: Text("title", "ASN Terbaik Tahun Ini", "Best ASN of the Year"),
}  # fmt: skip


def award_kind(cadence: Cadence, scope: Scope) -> str:
    """The reward kind events carry, e.g. ``asn_terbaik_bulanan_unit``."""
    return f"asn_terbaik_{CADENCE_WORDS[cadence]}_{SCOPE_WORDS[scope][0]}"


def award_id(
    *, region: str, period: str, kind: str, scope_key: str, nip: str, rule_version: str
) -> str:
    """The same award always gets the same id, so a second grant of it is a duplicate key."""
    parts = (region, period, kind, scope_key, nip, rule_version)
    return "award-" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Award:
    """One winner of one award in one scope, with the reasons and the tie-break that decided."""

    award_id: str
    region: str
    period: str
    kind: str
    scope: Scope
    scope_key: str  # the unit id, or the region
    rank: int
    nip: str
    unit_id: str
    position_type: PositionType
    predikat: Predikat
    composite: Decimal
    rule_version: str
    score_event_id: str
    reasons: tuple[Text, ...]

    @property
    def key(self) -> tuple[str, str, str]:
        """What one grant is about, whatever the rules version: kind, scope and person."""
        return (self.kind, self.scope_key, self.nip)

    def reason(self) -> Text:
        """All reasons as one text that fits a ``reward.granted`` event."""
        return joined("award.reasons", self.reasons).clipped()


@dataclass(frozen=True)
class ScopeResult:
    """The eligible candidates of one award in one scope, in order, and how many win."""

    kind: str
    scope: Scope
    scope_key: str
    top_n: int
    ranked: tuple[Ranked, ...]


@dataclass(frozen=True)
class AwardRun:
    """Everything a period's run decided: assessments, rankings and awards."""

    region: str
    period: str
    rule_version: str
    assessments: tuple[Assessment, ...]  # by NIP
    scopes: tuple[ScopeResult, ...]
    awards: tuple[Award, ...]

    def assessment_of(self, nip: str) -> Assessment | None:
        """How the candidate fared against eligibility (None: no score in the period)."""
        return next((item for item in self.assessments if item.nip == nip), None)

    def placing(self, kind: str, scope_key: str, nip: str) -> tuple[Ranked, int] | None:
        """The candidate's place in a scope and the scope's top-N, if eligible there."""
        for scope in self.scopes:
            if (scope.kind, scope.scope_key) == (kind, scope_key):
                for item in scope.ranked:
                    if item.candidate.nip == nip:
                        return item, scope.top_n
        return None


def select_awards(
    rules: RewardRules, *, region: str, period: str, candidates: Sequence[Candidate]
) -> AwardRun:
    """Rank and pick winners under ``rules``, whether or not the period is closed (preview)."""
    if rules.region is not None and rules.region != region:
        raise ValueError(f"rules {rules.version} are for region {rules.region}, not {region}")
    refuse_duplicates(item.nip for item in candidates)
    cadence = parse_period(period).cadence
    assessments = {
        item.nip: assess(item, rules.eligibility, places=rules.composite_places)
        for item in candidates
    }
    eligible = [item for item in candidates if assessments[item.nip].eligible]
    scopes: list[ScopeResult] = []
    section = rules.awards_for(cadence)
    if section is not None:
        for scope, top in ((Scope.UNIT, section.unit), (Scope.REGION, section.region)):
            if top is not None:
                scopes.extend(_scope_results(rules, cadence, scope, top, period, region, eligible))
    awards = tuple(
        _award(rules, scope, item, assessments[item.candidate.nip], region, period, cadence)
        for scope in scopes
        for item in scope.ranked[: scope.top_n]
    )
    return AwardRun(
        region=region,
        period=period,
        rule_version=rules.version,
        assessments=tuple(assessments[nip] for nip in sorted(assessments)),
        scopes=tuple(scopes),
        awards=awards,
    )


def run_period(
    rules: RewardRules,
    *,
    region: str,
    period: str,
    candidates: Sequence[Candidate],
    closed: bool,
) -> AwardRun:
    """The awards of a period that has closed; an open period is refused."""
    if not closed:
        label = parse_period(period).label()
        raise Refusal(
            Text(
                "run.period_open",
                f"Periode {label.id} belum ditutup; penghargaan dihitung setelah periode ditutup.",
                f"Period {label.en} is not closed yet; awards are computed once it is closed.",
            )
        )
    return select_awards(rules, region=region, period=period, candidates=candidates)


def _scope_results(
    rules: RewardRules,
    cadence: Cadence,
    scope: Scope,
    top: TopN,
    period: str,
    region: str,
    eligible: Iterable[Candidate],
) -> list[ScopeResult]:
    groups: dict[str, list[Candidate]] = {}
    for item in eligible:
        groups.setdefault(item.unit_id if scope is Scope.UNIT else region, []).append(item)
    return [
        ScopeResult(
            kind=award_kind(cadence, scope),
            scope=scope,
            scope_key=key,
            top_n=top.top_n,
            ranked=rank(
                groups[key], rules.tie_breakers, places=rules.composite_places, period=period
            ),
        )
        for key in sorted(groups)
    ]


def _award(
    rules: RewardRules,
    scope: ScopeResult,
    placed: Ranked,
    assessment: Assessment,
    region: str,
    period: str,
    cadence: Cadence,
) -> Award:
    candidate = placed.candidate
    title, label = TITLES[cadence], parse_period(period).label()
    where_id, where_en = SCOPE_WORDS[scope.scope]
    headline = Text(
        "award.rank",
        f"{title.id} {label.id} ({where_id} {scope.scope_key}): peringkat {placed.rank} dari"
        f" {len(scope.ranked)} pegawai yang memenuhi syarat, nilai gabungan {placed.composite}.",
        f"{title.en} {label.en} ({where_en} {scope.scope_key}): place {placed.rank} of"
        f" {len(scope.ranked)} eligible employees, composite {placed.composite}.",
    )
    tie = placed.tie_text()
    return Award(
        award_id=award_id(
            region=region,
            period=period,
            kind=scope.kind,
            scope_key=scope.scope_key,
            nip=candidate.nip,
            rule_version=rules.version,
        ),
        region=region,
        period=period,
        kind=scope.kind,
        scope=scope.scope,
        scope_key=scope.scope_key,
        rank=placed.rank,
        nip=candidate.nip,
        unit_id=candidate.unit_id,
        position_type=candidate.position_type,
        predikat=candidate.predikat,
        composite=placed.composite,
        rule_version=rules.version,
        score_event_id=candidate.score_event_id,
        reasons=(headline, *assessment.grounds, *((tie,) if tie else ())),
    )
