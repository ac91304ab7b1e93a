"""The composite index 0-100, as versioned formulas: a year keeps the version it opened with.

A version is chosen by the moment region HR opened the year (``period.opened``), never by the
clock of the machine that replays: any past score can be recomputed from its inputs and version.
ADR 015 documents every number here.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType

from contracts.vocabulary import Rating, RhkKind
from scoring.rules import Achievement


@dataclass(frozen=True)
class Parts:
    """The inputs of the composite; ``None`` means the source is missing (never zero)."""

    iki: Sequence[Achievement] = ()
    behaviour: float | None = None
    """Bias-corrected, source-weighted behaviour evidence on the 1-5 scale."""
    official: tuple[Rating, Rating] | None = None
    """The PPK's (or the appeal's) results and behaviour ratings."""
    unexcused_days: int = 0


@dataclass(frozen=True)
class Composite:
    """The composite with the share each part actually carried and each part's 0-100 points."""

    value: float
    weights: Mapping[str, float]
    points: Mapping[str, float]
    deduction: float
    redistributed: bool
    """Some part was missing and its weight went to the present ones."""


RESULTS, BEHAVIOUR, OFFICIAL = "results", "behaviour", "official"


@dataclass(frozen=True)
class Formula:
    """One version of the composite: weights, caps and the discipline deduction."""

    version: str
    effective_from: datetime
    weights: Mapping[str, float] = field(
        default_factory=lambda: MappingProxyType({RESULTS: 0.45, BEHAVIOUR: 0.30, OFFICIAL: 0.25})
    )
    kind_weights: Mapping[RhkKind, float] = field(
        default_factory=lambda: MappingProxyType({RhkKind.UTAMA: 2.0, RhkKind.TAMBAHAN: 1.0})
    )
    achievement_cap: float = 120.0
    rating_points: Mapping[Rating, float] = field(
        default_factory=lambda: MappingProxyType(
            {Rating.DIATAS: 100.0, Rating.SESUAI: 80.0, Rating.DIBAWAH: 40.0}
        )
    )
    points_per_absence: float = 2.0
    max_deduction: float = 20.0
    behaviour_diatas: float = 4.25
    """Behaviour evidence at or above this (1-5) suggests DIATAS ..."""
    behaviour_sesuai: float = 2.75
    """... at or above this SESUAI, below it DIBAWAH."""

    def results_points(self, iki: Sequence[Achievement]) -> float | None:
        """Kind-weighted mean achievement, capped, on 0-100; None without any reported IKI."""
        if not iki:
            return None
        total = math.fsum(self.kind_weights[item.kind] for item in iki)
        capped = math.fsum(
            self.kind_weights[item.kind] * min(item.pct, self.achievement_cap) for item in iki
        )
        return capped / total / self.achievement_cap * 100

    def composite(self, parts: Parts) -> Composite | None:
        """Weighted mean of the present parts (weights redistributed), minus the deduction."""
        points: dict[str, float] = {}
        if (results := self.results_points(parts.iki)) is not None:
            points[RESULTS] = results
        if parts.behaviour is not None:
            points[BEHAVIOUR] = (min(5.0, max(1.0, parts.behaviour)) - 1) / 4 * 100
        if parts.official is not None:
            points[OFFICIAL] = math.fsum(self.rating_points[r] for r in parts.official) / 2
        if not points:
            return None
        total = math.fsum(self.weights[name] for name in points)
        weights = {name: self.weights[name] / total for name in sorted(points)}
        deduction = min(self.max_deduction, self.points_per_absence * parts.unexcused_days)
        value = math.fsum(weights[name] * points[name] for name in weights)
        return Composite(
            value=min(100.0, max(0.0, value - deduction)),
            weights=MappingProxyType(weights),
            points=MappingProxyType(points),
            deduction=deduction,
            redistributed=len(points) < len(self.weights),
        )

    def suggested_behaviour(self, behaviour: float | None) -> Rating:
        """The behaviour rating the evidence suggests; without evidence, meets expectation."""
        if behaviour is None or self.behaviour_sesuai <= behaviour < self.behaviour_diatas:
            return Rating.SESUAI
        return Rating.DIATAS if behaviour >= self.behaviour_diatas else Rating.DIBAWAH


FORMULAS: tuple[Formula, ...] = (
    Formula(version="kinerja-2026.1", effective_from=datetime(2000, 1, 1, tzinfo=UTC)),
)
"""Every published version, oldest first; a new one applies to years opened after its date."""
BY_VERSION: Mapping[str, Formula] = MappingProxyType({f.version: f for f in FORMULAS})


def formula_for(opened_at: datetime) -> Formula:
    """The version in force when a year was opened."""
    chosen = FORMULAS[0]
    for candidate in FORMULAS:
        if candidate.effective_from <= opened_at:
            chosen = candidate
    return chosen
