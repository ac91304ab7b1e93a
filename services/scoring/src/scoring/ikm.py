"""Public satisfaction (IKM, domain.md section 6) and citizen signals, pure and deterministic.

Precision: every IKM quantity is an exact ``Fraction``. Floats are not exact here: with 40
respondents and the default 1/9 weights an IKM of exactly 55.625 comes out of float arithmetic
as 55.62499999999999 and would display (and be banded) as 55.62 instead of 55.63. Exact ties
at the third decimal do occur for realistic unit sizes, so values stay exact and only the
display value is ever rounded, once, half-up (as people and a spreadsheet's ``ROUND`` do).

Missing elements: the official formula assumes all 9 elements are answered; a citizen may skip
one (``SurveySubmitted.answers``). An element nobody answered is left out and the weights are
renormalised over the answered ones (``renormalised`` says so), instead of refusing the unit
or counting the element as zero.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from statistics import median, quantiles
from types import MappingProxyType

from contracts import ExplanationLine
from contracts.vocabulary import ComplaintStatus, IkmElement

ANSWER_MIN, ANSWER_MAX = 1, 4
IKM_SCALE = 25  # converts the 1..4 answer scale to 25..100
DEFAULT_WEIGHTS: Mapping[IkmElement, Fraction] = MappingProxyType(
    {element: Fraction(1, len(IkmElement)) for element in IkmElement}
)
DISPLAY_PLACES = Decimal("0.01")

# Krejcie-Morgan constants: chi-square for 1 degree of freedom at 95%, P = 0.5, d = 0.05.
KM_CHI_SQUARE, KM_P, KM_MARGIN_SQUARED = Fraction("3.841"), Fraction(1, 4), Fraction("0.0025")

OFFICER_RATING_MIN, OFFICER_RATING_MAX = 1, 5
DEFAULT_PRIOR_STRENGTH = 10.0
# Our default, not a regulation: regions configure their own complaint handling target.
DEFAULT_COMPLAINT_SLA_HOURS = 120.0
OPEN_STATUSES = frozenset({ComplaintStatus.RECEIVED, ComplaintStatus.IN_PROGRESS})

Weight = float | int | Fraction | Decimal


class QualityBand(Enum):
    """Official service quality band (mutu pelayanan) with its lowest 2-decimal IKM value."""

    A = ("A", "Sangat Baik", "Very good", Decimal("88.31"))
    B = ("B", "Baik", "Good", Decimal("76.61"))
    C = ("C", "Kurang Baik", "Less than good", Decimal("65.00"))
    D = ("D", "Tidak Baik", "Not good", Decimal("25.00"))

    def __init__(self, letter: str, label_id: str, label_en: str, lower: Decimal) -> None:
        self.letter = letter
        self.label_id = label_id
        self.label_en = label_en
        self.lower = lower


def round_for_display(value: Fraction) -> Decimal:
    """Exact half-up rounding to 2 decimals: the only place an IKM value is rounded."""
    hundredths = value * 100
    floor = math.floor(hundredths)
    rounded = floor + 1 if hundredths - floor >= Fraction(1, 2) else floor
    return (Decimal(rounded) / 100).quantize(DISPLAY_PLACES)


def band_for(value: Fraction | Decimal) -> QualityBand:
    """Quality band of an IKM value, judged on its 2-decimal display value.

    The official bands have 2-decimal boundaries with gaps (88.30 | 88.31): an unrounded
    88.305 would fall in no band. Banding the displayed value keeps the number people read and
    its band consistent (88.305 shows as 88.31 and is A).
    """
    shown = round_for_display(Fraction(value))
    for band in QualityBand:
        if shown >= band.lower:
            return band
    return QualityBand.D


@dataclass(frozen=True)
class Tally:
    """Running sum and count of the answers to one element (what a projection would keep)."""

    total: int
    count: int


@dataclass(frozen=True)
class ElementScore:
    """One element's NRR, the weight it carried, and its 25..100 converted value."""

    element: IkmElement
    count: int
    total: int
    nrr: Fraction
    weight: Fraction
    converted: Fraction

    @property
    def weighted_nrr(self) -> Fraction:
        """NRR tertimbang (NRR x weight), the column the official worksheet shows."""
        return self.nrr * self.weight

    @property
    def display(self) -> Decimal:
        """Converted element value (NRR x 25) rounded to 2 decimals for display."""
        return round_for_display(self.converted)

    @property
    def band(self) -> QualityBand:
        """Quality band of this element alone."""
        return band_for(self.converted)


@dataclass(frozen=True)
class IkmResult:
    """An exact IKM with its per-element breakdown and bilingual explanation."""

    value: Fraction
    elements: tuple[ElementScore, ...]
    missing: tuple[IkmElement, ...]
    renormalised: bool
    explanation: tuple[ExplanationLine, ...]

    @property
    def display(self) -> Decimal:
        """The IKM rounded to 2 decimals, as published."""
        return round_for_display(self.value)

    @property
    def band(self) -> QualityBand:
        """Official quality band of the published value."""
        return band_for(self.value)

    def __float__(self) -> float:
        """Nearest float to the exact value (for storage; never for banding)."""
        return float(self.value)


def tally(responses: Iterable[Mapping[IkmElement, int]]) -> dict[IkmElement, Tally]:
    """Per-element sum and count of survey answers, rejecting answers outside 1..4."""
    totals: dict[IkmElement, list[int]] = {}
    for number, answers in enumerate(responses):
        for element, answer in answers.items():
            if isinstance(answer, bool) or not ANSWER_MIN <= answer <= ANSWER_MAX:
                raise ValueError(
                    f"response {number}: answer to {element} must be {ANSWER_MIN}..{ANSWER_MAX},"
                    f" got {answer!r}"
                )
            pair = totals.setdefault(IkmElement(element), [0, 0])
            pair[0] += answer
            pair[1] += 1
    return {element: Tally(total, count) for element, (total, count) in totals.items()}


def validate_weights(weights: Mapping[IkmElement, Weight]) -> dict[IkmElement, Fraction]:
    """Custom weights as exact fractions: all 9 elements, none negative, summing to 1."""
    missing = [element.value for element in IkmElement if element not in weights]
    if missing:
        raise ValueError(f"IKM weights: missing element(s) {', '.join(missing)}")
    unknown = [str(key) for key in weights if key not in set(IkmElement)]
    if unknown:
        raise ValueError(f"IKM weights: unknown element(s) {', '.join(unknown)}")
    exact: dict[IkmElement, Fraction] = {}
    for element in IkmElement:
        weight = weights[element]
        if isinstance(weight, bool) or not math.isfinite(weight) or weight < 0:
            raise ValueError(f"IKM weights: {element} must be a finite number >= 0, got {weight!r}")
        exact[element] = Fraction(weight)
    total = math.fsum(float(weight) for weight in exact.values())
    if not math.isclose(total, 1.0, rel_tol=1e-9, abs_tol=1e-12):
        raise ValueError(f"IKM weights must sum to 1, they sum to {total!r}")
    # Within tolerance of 1 (e.g. nine 0.1111111111 floats): divide by the exact sum so the
    # IKM of all-4 answers is exactly 100 and of all-1 answers exactly 25.
    exact_total = sum(exact.values(), Fraction(0))
    return {element: weight / exact_total for element, weight in exact.items()}


def ikm_from_tallies(
    tallies: Mapping[IkmElement, Tally], weights: Mapping[IkmElement, Weight] | None = None
) -> IkmResult:
    """IKM = 25 x sum(NRR_i x w_i), NRR_i = sum of answers to U_i / number of answers to U_i."""
    exact_weights = dict(DEFAULT_WEIGHTS) if weights is None else validate_weights(weights)
    answered = [
        element for element in IkmElement if element in tallies and tallies[element].count > 0
    ]
    for element in answered:
        item = tallies[element]
        if not ANSWER_MIN * item.count <= item.total <= ANSWER_MAX * item.count:
            raise ValueError(
                f"{element}: total {item.total} impossible for {item.count} answers of 1..4"
            )
    answered_weight = sum((exact_weights[element] for element in answered), Fraction(0))
    if answered_weight == 0:
        raise ValueError("IKM needs at least one answered element with a positive weight")
    missing = tuple(element for element in IkmElement if element not in answered)
    renormalised = answered_weight != 1
    elements = tuple(
        _element_score(element, tallies[element], exact_weights[element] / answered_weight)
        for element in answered
    )
    value = IKM_SCALE * sum((item.weighted_nrr for item in elements), Fraction(0))
    return IkmResult(
        value=value,
        elements=elements,
        missing=missing,
        renormalised=renormalised,
        explanation=_ikm_lines(value, elements, missing, renormalised),
    )


def ikm(
    responses: Iterable[Mapping[IkmElement, int]],
    weights: Mapping[IkmElement, Weight] | None = None,
) -> IkmResult:
    """IKM of a unit from its survey responses (each a mapping element -> answer 1..4)."""
    return ikm_from_tallies(tally(responses), weights)


def _element_score(element: IkmElement, item: Tally, weight: Fraction) -> ElementScore:
    nrr = Fraction(item.total, item.count)
    return ElementScore(
        element=element,
        count=item.count,
        total=item.total,
        nrr=nrr,
        weight=weight,
        converted=IKM_SCALE * nrr,
    )


def _id_number(value: Decimal) -> str:
    return str(value).replace(".", ",")


def _ikm_lines(
    value: Fraction,
    elements: tuple[ElementScore, ...],
    missing: tuple[IkmElement, ...],
    renormalised: bool,
) -> tuple[ExplanationLine, ...]:
    shown, band = round_for_display(value), band_for(value)
    answers = sum(item.count for item in elements)
    lines = [
        ExplanationLine(
            code="ikm.value",
            id=(
                f"IKM {_id_number(shown)} (mutu {band.letter}, {band.label_id}) dari {answers}"
                f" jawaban atas {len(elements)} unsur."
            ),
            en=(
                f"IKM {shown} (band {band.letter}, {band.label_en}) from {answers} answers"
                f" to {len(elements)} elements."
            ),
        )
    ]
    if missing:
        names = ", ".join(element.value for element in missing)
        lines.append(
            ExplanationLine(
                code="ikm.renormalised" if renormalised else "ikm.missing",
                id=f"Unsur tanpa jawaban: {names}; bobotnya dibagi ulang ke unsur yang dijawab.",
                en=f"Elements without answers: {names}; their weight was redistributed to the answered ones.",
            )
        )
    return tuple(lines)


def krejcie_morgan(population: int) -> int:
    """Minimum sample: s = 3.841 N 0.25 / (0.0025 (N - 1) + 3.841 0.25), rounded up (exact)."""
    if isinstance(population, bool) or population < 0:
        raise ValueError(f"population must be an integer >= 0, got {population!r}")
    if population == 0:
        return 0
    numerator = KM_CHI_SQUARE * population * KM_P
    denominator = KM_MARGIN_SQUARED * (population - 1) + KM_CHI_SQUARE * KM_P
    return math.ceil(numerator / denominator)


def sample_sufficient(responses: int, population: int) -> bool:
    """Whether a unit has at least the Krejcie-Morgan sample for the population it served."""
    if isinstance(responses, bool) or responses < 0:
        raise ValueError(f"responses must be an integer >= 0, got {responses!r}")
    return responses >= krejcie_morgan(population)


@dataclass(frozen=True)
class OfficerRating:
    """A citizen rating average pulled toward the unit's mean when the officer has few ratings."""

    n: int
    raw_mean: float | None
    shrunk_mean: float


def shrink(
    ratings: Sequence[int], unit_mean: float, prior_strength: float = DEFAULT_PRIOR_STRENGTH
) -> OfficerRating:
    """Bayesian average (n mean + m unit_mean) / (n + m): two 5-star ratings are not a 5.0."""
    if not math.isfinite(prior_strength) or prior_strength < 0:
        raise ValueError(f"prior strength must be a finite number >= 0, got {prior_strength!r}")
    if not (math.isfinite(unit_mean) and OFFICER_RATING_MIN <= unit_mean <= OFFICER_RATING_MAX):
        raise ValueError(f"unit mean must be within 1..5, got {unit_mean!r}")
    for rating in ratings:
        if isinstance(rating, bool) or not OFFICER_RATING_MIN <= rating <= OFFICER_RATING_MAX:
            raise ValueError(f"officer ratings must be 1..5, got {rating!r}")
    n = len(ratings)
    if n == 0:
        return OfficerRating(n=0, raw_mean=None, shrunk_mean=float(unit_mean))
    if prior_strength == 0:
        mean = Fraction(sum(ratings), n)
        return OfficerRating(n=n, raw_mean=float(mean), shrunk_mean=float(mean))
    # Exact arithmetic, one rounding at the end: the shrunk float then lies between the raw
    # mean's float and the prior's, which float arithmetic would not promise.
    strength = Fraction(prior_strength)
    shrunk = (sum(ratings) + strength * Fraction(unit_mean)) / (n + strength)
    return OfficerRating(n=n, raw_mean=float(Fraction(sum(ratings), n)), shrunk_mean=float(shrunk))


def shrink_unit(
    ratings_by_officer: Mapping[str, Sequence[int]],
    prior_strength: float = DEFAULT_PRIOR_STRENGTH,
) -> dict[str, OfficerRating]:
    """Shrunk rating of every officer of a unit toward the unit's pooled mean."""
    pooled = [rating for ratings in ratings_by_officer.values() for rating in ratings]
    if not pooled:
        raise ValueError("a unit mean needs at least one rating")
    unit_mean = float(Fraction(sum(pooled), len(pooled)))
    return {
        officer: shrink(ratings, unit_mean, prior_strength)
        for officer, ratings in ratings_by_officer.items()
    }


@dataclass(frozen=True)
class Complaint:
    """What the complaint signals need from one complaint."""

    filed_at: datetime
    resolved_at: datetime | None
    status: ComplaintStatus


@dataclass(frozen=True)
class ComplaintSignals:
    """Complaint volume and handling speed of a unit or officer."""

    count: int
    open_count: int
    resolved_count: int
    median_resolution_hours: float | None
    p90_resolution_hours: float | None
    sla_hours: float
    within_sla_share: float | None


def complaint_signals(
    complaints: Iterable[Complaint],
    *,
    as_of: datetime,
    sla_hours: float = DEFAULT_COMPLAINT_SLA_HOURS,
) -> ComplaintSignals:
    """Count, open count, median/p90 resolution hours and the share resolved within the SLA.

    Resolution statistics use resolved complaints only (p90 interpolates like a spreadsheet's
    PERCENTILE.INC). The SLA share counts every resolved complaint plus each open one already
    past the SLA at ``as_of`` (late whatever happens next); open complaints still within the
    SLA and rejected ones are left out. ``as_of`` is explicit so the result is reproducible.
    """
    if not math.isfinite(sla_hours) or sla_hours <= 0:
        raise ValueError(f"SLA hours must be a finite number > 0, got {sla_hours!r}")
    _require_aware(as_of, "as_of")
    items = list(complaints)
    hours: list[float] = []
    open_count = late_open = 0
    for number, item in enumerate(items):
        _require_aware(item.filed_at, f"complaint {number} filed_at")
        if item.status is ComplaintStatus.RESOLVED:
            if item.resolved_at is None:
                raise ValueError(f"complaint {number} is resolved but has no resolved_at")
            _require_aware(item.resolved_at, f"complaint {number} resolved_at")
            if item.resolved_at < item.filed_at:
                raise ValueError(f"complaint {number} was resolved before it was filed")
            hours.append((item.resolved_at - item.filed_at).total_seconds() / 3600)
        elif item.resolved_at is not None:
            raise ValueError(f"complaint {number} has resolved_at but status {item.status}")
        elif item.status in OPEN_STATUSES:
            open_count += 1
            late_open += (as_of - item.filed_at).total_seconds() / 3600 > sla_hours
    within = sum(value <= sla_hours for value in hours)
    judged = len(hours) + late_open
    return ComplaintSignals(
        count=len(items),
        open_count=open_count,
        resolved_count=len(hours),
        median_resolution_hours=median(hours) if hours else None,
        p90_resolution_hours=_p90(hours),
        sla_hours=sla_hours,
        within_sla_share=within / judged if judged else None,
    )


def _p90(hours: list[float]) -> float | None:
    if not hours:
        return None
    if len(hours) == 1:
        return hours[0]
    return quantiles(hours, n=10, method="inclusive")[8]


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
