"""Bias-aware behaviour evidence: rater-effect correction, source weights and guardrail flags.

Pure and deterministic on the *set* of inputs: everything is grouped by sorted keys and summed
in that order (or with ``math.fsum``), so the order ratings arrive in never changes a number.
Scores arrive as tallies per ratee (sums per source, rater and value) kept by the fold; ADR 014
explains the model and its defaults.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import accumulate, pairwise
from operator import mul
from statistics import median
from types import MappingProxyType

from contracts import ExplanationLine
from contracts.vocabulary import BerakhlakValue, FeedbackSource, Rating

SCORE_MIN, SCORE_MAX = 1.0, 5.0
LEVELS: Mapping[Rating, int] = MappingProxyType(
    {Rating.DIATAS: 1, Rating.SESUAI: 0, Rating.DIBAWAH: -1}
)
MAD_TO_SIGMA = 0.6745
"""Iglewicz-Hoaglin modified z-score: 0.6745 * (x - median) / MAD is ~N(0, 1) for normal data."""


@dataclass(frozen=True)
class SourceWeight:
    """One source's share of the behaviour composite and the count below which it is absent."""

    weight: float
    minimum: int


# Our design choice (domain.md section 2: the rules set no weights). Self-ratings are not a
# source of the composite: they serve the conversation, not the score (as in ADR 010's view).
DEFAULT_WEIGHTS: Mapping[FeedbackSource, SourceWeight] = MappingProxyType(
    {
        FeedbackSource.SUPERVISOR: SourceWeight(0.35, 1),
        FeedbackSource.PEER: SourceWeight(0.25, 3),
        FeedbackSource.SUBORDINATE: SourceWeight(0.20, 3),
        FeedbackSource.TEAM: SourceWeight(0.10, 1),
        FeedbackSource.CITIZEN: SourceWeight(0.10, 10),
    }
)


@dataclass(frozen=True)
class EvidenceConfig:
    """Every tunable number of this module; the defaults are documented in ADR 014."""

    rater_k: float = 5.0
    """Shrinkage: a rater's offset is multiplied by n/(n+k), n = colleagues they rated."""
    max_rounds: int = 500
    tolerance: float = 1e-9
    citizen_k: float = 10.0
    """Citizen officer ratings are shrunk toward the region's citizen mean with n/(n+k)."""
    weights: Mapping[FeedbackSource, SourceWeight] = field(default_factory=lambda: DEFAULT_WEIGHTS)
    favouritism_margin: float = 1.0
    favouritism_min_others: int = 3
    ppk_k: float = 5.0
    ppk_outlier_z: float = 3.5
    ppk_mad_floor: float = 0.1
    """Smallest MAD used, so a region where most PPKs match the evidence exactly does not turn
    every small deviation into an infinite z-score."""
    ppk_min_leniency: float = 0.25
    """A PPK is flagged only when their shrunk leniency is also at least this far from zero."""
    ppk_min_region: int = 5
    """Fewer PPKs than this in a region: no median to be an outlier from, so no flag."""
    evidence_margin_levels: int = 2
    strong_evidence_margin_levels: int = 1
    strong_evidence_items: int = 6
    """Evidence counts as strong from this many reported IKI; then one level already needs a
    justification."""

    def __post_init__(self) -> None:
        """Refuse settings that would make the arithmetic meaningless rather than fail later."""
        if self.rater_k < 0 or self.citizen_k < 0 or self.ppk_k < 0:
            raise ValueError("shrinkage constants must be >= 0")
        if any(w.weight < 0 or w.minimum < 1 for w in self.weights.values()):
            raise ValueError("weights must be >= 0 and minimum counts >= 1")


DEFAULT_CONFIG = EvidenceConfig()


@dataclass(frozen=True)
class FeedbackScore:
    """One 1-5 score for one BerAKHLAK value, as ``feedback.submitted`` carries it."""

    rater_ref: str
    ratee_nip: str
    value: BerakhlakValue
    score: int
    source: FeedbackSource = FeedbackSource.PEER

    def __post_init__(self) -> None:
        """The contract bounds scores to 1-5; anything else is a caller bug, not evidence."""
        if not SCORE_MIN <= self.score <= SCORE_MAX:
            raise ValueError(f"score {self.score} outside 1-5")


@dataclass(frozen=True)
class RaterEffect:
    """A rater's estimated leniency (+) or severity (-) in score points, already shrunk."""

    rater_ref: str
    effect: float
    raw: float
    """Mean offset before shrinkage (0 when nothing was comparable)."""
    ratees: int
    """Colleagues rated who also had other raters: the n of the shrinkage n/(n+k)."""


class FlagKind(StrEnum):
    """What a guardrail noticed; a flag asks for a look or a justification, never a verdict."""

    FAVOURITISM = "favouritism"
    PPK_LENIENCY = "ppk_leniency"
    PPK_EVIDENCE_GAP = "ppk_evidence_gap"


@dataclass(frozen=True)
class Flag:
    """An explainable guardrail finding with the numbers behind it, in both languages."""

    kind: FlagKind
    subject: str
    related: str | None
    numbers: Mapping[str, float]
    message: str
    message_en: str
    audience: str
    """Who should see it: ``atasan_ppk`` (must judge a justification) or ``region_admin``."""


@dataclass(frozen=True)
class SourceEvidence:
    """One source's corrected mean (1-5) about one employee and how many raters stand behind it."""

    source: FeedbackSource
    mean: float
    count: int


@dataclass(frozen=True)
class BehaviourComposite:
    """Weighted behaviour evidence on the 1-5 scale with the weights actually used."""

    value: float
    weights: Mapping[FeedbackSource, float]
    absent: tuple[FeedbackSource, ...]
    explanation: tuple[ExplanationLine, ...]


@dataclass(frozen=True)
class PpkRating:
    """A PPK's 3-level rating of one employee next to what the evidence suggested."""

    ppk_nip: str
    employee_nip: str
    rating: Rating
    suggested: Rating
    evidence_items: int = 0


@dataclass(frozen=True)
class PpkLeniency:
    """A PPK's mean (rating - suggestion) in levels, shrunk by count, and its robust z-score."""

    ppk_nip: str
    ratings: int
    raw: float
    shrunk: float
    z: float | None


# --- rater effects ---------------------------------------------------------------------------

Cell = tuple[str, BerakhlakValue]
"""(ratee, value): the unit the other raters are compared within."""
Cells = dict[Cell, dict[str, tuple[int, int]]]
"""Per cell, cells and raters both in sorted order: each rater's (score sum, count)."""
RatingKey = tuple[FeedbackSource, str, BerakhlakValue]
"""(source, rater, value) of a ratee's scores."""
Tally = dict[RatingKey, tuple[int, int]]
"""One ratee's 360 scores as (score sum, count) per key: integers, exact in any order, and a
fold keeps it current per answer, so estimates never walk every single score again."""
Tallies = Mapping[str, Tally]
"""Tallies per ratee: the form every estimate here reads."""


def add_scores(
    tally: Tally,
    source: FeedbackSource,
    rater_ref: str,
    scores: Iterable[tuple[BerakhlakValue, int]],
) -> None:
    """Count one answer's scores in a tally, in place."""
    for value, score in scores:
        key = (source, rater_ref, value)
        total, count = tally.get(key, (0, 0))
        tally[key] = (total + score, count + 1)


def tally(ratings: Iterable[FeedbackScore]) -> dict[str, Tally]:
    """Single scores as tallies per ratee (what a fold of ``feedback.submitted`` keeps)."""
    out: dict[str, Tally] = defaultdict(dict)
    for item in ratings:
        add_scores(out[item.ratee_nip], item.source, item.rater_ref, ((item.value, item.score),))
    return dict(out)


def _group(tallies: Tallies) -> Cells:
    """Self-ratings are dropped: they say nothing about how a rater rates others."""
    grouped: dict[Cell, dict[str, tuple[int, int]]] = defaultdict(dict)
    self_source = FeedbackSource.SELF  # hoisted: reading a member off an enum class is slow
    for ratee, sums in tallies.items():
        for (source, rater, value), (total, count) in sums.items():
            if source is not self_source and rater != ratee:
                per_rater = grouped[(ratee, value)]
                before_total, before_count = per_rater.get(rater, (0, 0))
                per_rater[rater] = (before_total + total, before_count + count)
    return {cell: dict(sorted(grouped[cell].items())) for cell in sorted(grouped)}


def _shared(cells: Cells) -> Iterator[tuple[str, Mapping[str, tuple[int, int]], int, int]]:
    """Cells with two raters or more, as (ratee, raters, score sum, count): leave-one-out means."""
    for (ratee, _), raters in cells.items():
        if len(raters) > 1:
            total, count = map(sum, zip(*raters.values(), strict=True))
            yield ratee, raters, total, count


@dataclass(frozen=True)
class _Design:
    """Each rater's residual sum as an affine function of all offsets, as sparse rows.

    A residual is linear in the other raters' offsets, so its coefficients are fixed once
    and a fixed-point round is one sparse product instead of a re-grouping of every rating.
    """

    raters: list[str]
    ratees: list[int]
    """Per rater: colleagues with a value others rated too, the n of n/(n+k)."""
    bases: list[float]
    """Per rater: the residual sum when every offset is 0."""
    starts: list[int]
    """Rater ``i``'s coefficients are ``columns`` and ``weights`` at ``starts[i]:starts[i+1]``."""
    columns: list[int]
    weights: list[float]


def _design(cells: Cells) -> _Design:
    """One pass over the shared values in sorted-key order, so every sum has a fixed order."""
    raters = sorted({rater for per_cell in cells.values() for rater in per_cell})
    index = {rater: i for i, rater in enumerate(raters)}
    shared = list(_shared(cells))
    values = Counter((rater, ratee) for ratee, per_cell, _, _ in shared for rater in per_cell)
    bases = [0.0] * len(raters)
    rows: list[dict[int, float]] = [{} for _ in raters]
    # A pair's residual is the mean over its m shared values of own - (others' sum - sum of
    # n_j * offset_j) / others' count: a constant plus offset_j * n_j / (others' count * m) for
    # each other rater j. The rater's own offset cancels out of a leave-one-out mean.
    for ratee, per_cell, cell_total, cell_count in shared:
        members = [(index[rater], count) for rater, (_, count) in per_cell.items()]
        for (rater, (total, count)), (i, _) in zip(per_cell.items(), members, strict=True):
            others, pair_values = cell_count - count, values[(rater, ratee)]
            bases[i] += (total / count - (cell_total - total) / others) / pair_values
            row = rows[i]
            for j, n in members:
                if j != i:
                    row[j] = row.get(j, 0.0) + n / (others * pair_values)
    ratees = Counter(rater for rater, _ in values)
    return _Design(
        raters=raters,
        ratees=[ratees[rater] for rater in raters],
        bases=bases,
        starts=[0, *accumulate(len(row) for row in rows)],
        columns=[j for row in rows for j in sorted(row)],
        weights=[row[j] for row in rows for j in sorted(row)],
    )


def _residual_sums(design: _Design, offsets: list[float]) -> list[float]:
    """Per rater: own minus the others' corrected means, summed over colleagues."""
    terms = list(map(mul, design.weights, map(offsets.__getitem__, design.columns)))
    return [
        base + sum(terms[start:end])
        for base, (start, end) in zip(design.bases, pairwise(design.starts), strict=True)
    ]


def _per_rater(design: _Design, sums: Sequence[float], k: float) -> list[float]:
    """Each rater's residual sum over (n + k): the mean shrunk by n/(n+k); 0 when n is 0."""
    return [total / (n + k) if n else 0.0 for total, n in zip(sums, design.ratees, strict=True)]


def estimate_rater_effects(
    ratings: Tallies, config: EvidenceConfig = DEFAULT_CONFIG
) -> dict[str, RaterEffect]:
    """Each rater's leniency, estimated across everyone they rated and shrunk when they rated few.

    Alternates: ratee means from the others' corrected scores, then each rater's offset as the
    sum of their per-colleague residuals over (n + k), which is the mean times n/(n+k). A level
    shared by everyone is not a rater effect, so the fixed point is unique and the map contracts.
    """
    design = _design(_group(ratings))
    offsets = [0.0] * len(design.raters)
    for _ in range(config.max_rounds):
        updated = _per_rater(design, _residual_sums(design, offsets), config.rater_k)
        change = max(
            (abs(new - old) for new, old in zip(updated, offsets, strict=True)), default=0.0
        )
        offsets = updated
        if change <= config.tolerance:
            break
    raw = _per_rater(design, _residual_sums(design, offsets), 0.0)
    return {
        rater: RaterEffect(rater_ref=rater, effect=offsets[i], raw=raw[i], ratees=design.ratees[i])
        for i, rater in enumerate(design.raters)
    }


def _clip(score: float) -> float:
    return min(SCORE_MAX, max(SCORE_MIN, score))


def _offset(effects: Mapping[str, RaterEffect], rater: str) -> float:
    """A rater the region estimate has not seen counts as neutral."""
    effect = effects.get(rater)
    return 0.0 if effect is None else effect.effect


@dataclass(frozen=True)
class RateeBehaviour:
    """One employee's 360 evidence after correction: per value (all sources) and per source."""

    per_value: Mapping[BerakhlakValue, float]
    sources: Mapping[FeedbackSource, SourceEvidence]


Terms = dict[BerakhlakValue, tuple[list[float], int]]
"""Per value: each rating's (score sum - count * rater effect), and how many scores."""


def _add_term(terms: Terms, value: BerakhlakValue, term: float, count: int) -> None:
    found, counted = terms.get(value, ([], 0))
    found.append(term)
    terms[value] = (found, counted + count)


def _means(terms: Terms) -> dict[BerakhlakValue, float]:
    """Corrected mean per value, clipped to 1-5; ``math.fsum`` makes it exact in any order."""
    return {value: _clip(math.fsum(found) / count) for value, (found, count) in terms.items()}


def ratee_behaviour(ratee: str, sums: Tally, effects: Mapping[str, RaterEffect]) -> RateeBehaviour:
    """Mean of (score - rater effect) per value, and per source averaged over values.

    One pass over the ratee's tally. Self-ratings count nowhere; a source's rater count
    includes anyone who answered under it.
    """
    per_value: Terms = {}
    per_source: dict[FeedbackSource, Terms] = {}
    raters: dict[FeedbackSource, set[str]] = {}
    self_source = FeedbackSource.SELF
    for (source, rater, value), (total, count) in sums.items():
        if source is self_source:
            continue
        raters.setdefault(source, set()).add(rater)
        if rater == ratee:
            continue
        term = total - count * _offset(effects, rater)
        _add_term(per_value, value, term, count)
        _add_term(per_source.setdefault(source, {}), value, term, count)
    sources = {}
    for source in sorted(per_source):
        means = _means(per_source[source])
        sources[source] = SourceEvidence(
            source, math.fsum(means.values()) / len(means), len(raters[source])
        )
    return RateeBehaviour(MappingProxyType(_means(per_value)), MappingProxyType(sources))


def corrected_behaviour(
    ratings: Tallies, effects: Mapping[str, RaterEffect]
) -> dict[str, dict[BerakhlakValue, float]]:
    """Per employee and value: mean of (score - rater effect), clipped to 1-5; self excluded."""
    out = {
        ratee: ratee_behaviour(ratee, sums, effects).per_value for ratee, sums in ratings.items()
    }
    return {ratee: dict(values) for ratee, values in sorted(out.items()) if values}


def source_evidence(
    ratings: Tallies, effects: Mapping[str, RaterEffect]
) -> dict[str, dict[FeedbackSource, SourceEvidence]]:
    """Per employee and 360 source: corrected per-value means averaged over values, and raters."""
    out = {ratee: ratee_behaviour(ratee, sums, effects).sources for ratee, sums in ratings.items()}
    return {ratee: dict(sources) for ratee, sources in sorted(out.items()) if sources}


def citizen_evidence(
    scores: Sequence[int], prior: float, config: EvidenceConfig = DEFAULT_CONFIG
) -> SourceEvidence | None:
    """Citizen officer ratings (anonymous, so no rater effect) shrunk toward the region's mean.

    The feedback service's token, rate limit and duplicate checks stop most stuffing; whatever
    slips through is diluted by n/(n+k) and by the source's small weight.
    """
    if not scores:
        return None
    total = math.fsum(float(s) for s in scores) + config.citizen_k * prior
    return SourceEvidence(
        FeedbackSource.CITIZEN, _clip(total / (len(scores) + config.citizen_k)), len(scores)
    )


def supervisor_evidence(notes: Sequence[bool | None]) -> SourceEvidence | None:
    """Supervisor notes on the 1-5 scale: 3 + 2 * (positive - negative) / notes; neutral is 3."""
    if not notes:
        return None
    balance = sum(1 for n in notes if n is True) - sum(1 for n in notes if n is False)
    return SourceEvidence(FeedbackSource.SUPERVISOR, 3.0 + 2.0 * balance / len(notes), len(notes))


def _line(code: str, id_text: str, en_text: str) -> ExplanationLine:
    return ExplanationLine(code=code, id=id_text, en=en_text)


def redistributed_weights(
    present: Iterable[FeedbackSource], config: EvidenceConfig = DEFAULT_CONFIG
) -> dict[FeedbackSource, float]:
    """Configured weights of the present sources, scaled to sum to 1; absent ones get nothing.

    A source with no positive weight configured is ignored; when all present sources have
    weight 0 they share equally, so evidence is never silently dropped.
    """
    chosen = sorted({s for s in present if s in config.weights})
    if not chosen:
        return {}
    total = math.fsum(config.weights[s].weight for s in chosen)
    if total <= 0:
        return dict.fromkeys(chosen, 1.0 / len(chosen))
    return {s: config.weights[s].weight / total for s in chosen}


def combine_sources(
    evidence: Iterable[SourceEvidence], config: EvidenceConfig = DEFAULT_CONFIG
) -> BehaviourComposite | None:
    """Weighted mean of the sources that reach their minimum count; None when none does.

    A missing source never counts as zero: its weight is spread proportionally over the
    present ones. Each source at most once (which of two would win is not ours to guess).
    """
    items = list(evidence)
    if len({e.source for e in items}) < len(items):
        raise ValueError("a source was given twice: combine its evidence first")
    by_source = {e.source: e for e in items if e.source in config.weights}
    present = [s for s, e in by_source.items() if e.count >= config.weights[s].minimum]
    weights = redistributed_weights(present, config)
    absent = tuple(sorted(s for s in config.weights if s not in weights))
    if not weights:
        return None
    value = _clip(math.fsum(w * by_source[s].mean for s, w in weights.items()))
    lines = [
        _line(
            f"behaviour.source.{s}",
            f"Sumber {s}: rata-rata terkoreksi {by_source[s].mean:.2f} dari {by_source[s].count}"
            f" penilai, bobot {w:.0%}.",
            f"Source {s}: corrected mean {by_source[s].mean:.2f} from {by_source[s].count}"
            f" raters, weight {w:.0%}.",
        )
        for s, w in weights.items()
    ]
    if absent:
        names = ", ".join(absent)
        lines.append(
            _line(
                "behaviour.redistributed",
                f"Sumber belum cukup ({names}); bobotnya dibagi ulang, bukan dihitung nol.",
                f"Sources missing or too few ({names}); their weight was redistributed, not"
                " counted as zero.",
            )
        )
    lines.append(
        _line(
            "behaviour.value",
            f"Nilai perilaku gabungan {value:.2f} dari 5.",
            f"Combined behaviour score {value:.2f} out of 5.",
        )
    )
    return BehaviourComposite(value, weights, absent, tuple(lines))


# --- guardrails ------------------------------------------------------------------------------


Compared = tuple[float, float, int]
"""One shared value: (own mean score, others' mean corrected score, other raters)."""


def _compared(
    cells: Cells, effects: Mapping[str, RaterEffect]
) -> dict[str, dict[str, list[Compared]]]:
    """Per rater and colleague, sorted: every shared value compared under the given effects."""
    out: dict[str, dict[str, list[Compared]]] = defaultdict(lambda: defaultdict(list))
    for ratee, raters, _, count in _shared(cells):
        corrected = {r: t - n * _offset(effects, r) for r, (t, n) in raters.items()}
        corrected_total = math.fsum(corrected.values())
        for rater, (own, own_count) in raters.items():
            others = (corrected_total - corrected[rater]) / (count - own_count)
            out[rater][ratee].append((own / own_count, others, len(raters) - 1))
    return {rater: dict(sorted(out[rater].items())) for rater in sorted(out)}


def _gap(values: Sequence[Compared]) -> Compared:
    """(mean own score, mean others' score, fewest others) over some of a pair's values."""
    own = math.fsum(value[0] for value in values) / len(values)
    others = math.fsum(value[1] for value in values) / len(values)
    return own, others, min(value[2] for value in values)


def favouritism_flags(
    ratings: Tallies,
    effects: Mapping[str, RaterEffect],
    config: EvidenceConfig = DEFAULT_CONFIG,
) -> list[Flag]:
    """Raters who score one colleague far above what the others give them, beyond their leniency.

    The rater's general leniency is re-estimated *without* that colleague (the favour would
    otherwise hide inside it), and only values with at least ``favouritism_min_others`` other
    raters are compared.
    """
    flags: list[Flag] = []
    for rater, per_ratee in _compared(_group(ratings), effects).items():
        gaps = {ratee: _gap(values) for ratee, values in per_ratee.items()}
        residuals = {ratee: own - others for ratee, (own, others, _) in gaps.items()}
        for ratee, values in per_ratee.items():
            enough = [v for v in values if v[2] >= config.favouritism_min_others]
            if not enough:
                continue
            given, others, fewest = _gap(enough)
            rest = [r for e, r in residuals.items() if e != ratee]
            leniency = math.fsum(rest) / (len(rest) + config.rater_k)
            excess = given - others - leniency
            if excess <= config.favouritism_margin:
                continue
            flags.append(
                Flag(
                    kind=FlagKind.FAVOURITISM,
                    subject=rater,
                    related=ratee,
                    numbers={
                        "given": given,
                        "others_mean": others,
                        "rater_leniency": leniency,
                        "excess": excess,
                        "other_raters": float(fewest),
                        "margin": config.favouritism_margin,
                    },
                    message=(
                        f"Penilai {rater} memberi {ratee} rata-rata {given:.2f}; penilai lain"
                        f" ({fewest}+) memberi {others:.2f}. Setelah kelonggaran umum penilai"
                        f" ({leniency:+.2f}) selisihnya {excess:+.2f}, di atas batas"
                        f" {config.favouritism_margin:.2f}: mungkin favoritisme, perlu dicek."
                    ),
                    message_en=(
                        f"Rater {rater} gave {ratee} a mean of {given:.2f}; the other raters"
                        f" ({fewest}+) gave {others:.2f}. After the rater's general leniency"
                        f" ({leniency:+.2f}) the gap is {excess:+.2f}, above the"
                        f" {config.favouritism_margin:.2f} margin: possible favouritism, worth"
                        " a look."
                    ),
                    audience="region_admin",
                )
            )
    return flags


def ppk_leniency(
    ratings: Iterable[PpkRating], config: EvidenceConfig = DEFAULT_CONFIG
) -> dict[str, PpkLeniency]:
    """Each PPK's mean (rating - suggestion) in levels, shrunk by n/(n+k), with a robust z-score.

    z = 0.6745 * (shrunk - median) / max(MAD, floor) over the PPKs given (one region); None
    when the region has fewer than ``ppk_min_region`` PPKs.
    """
    diffs: dict[str, list[int]] = defaultdict(list)
    for item in ratings:
        diffs[item.ppk_nip].append(LEVELS[item.rating] - LEVELS[item.suggested])
    shrunk = {ppk: math.fsum(d) / (len(d) + config.ppk_k) for ppk, d in sorted(diffs.items())}
    z: dict[str, float | None] = dict.fromkeys(shrunk)
    if len(shrunk) >= config.ppk_min_region:
        centre = median(shrunk.values())
        mad = max(median(abs(v - centre) for v in shrunk.values()), config.ppk_mad_floor)
        z = {ppk: MAD_TO_SIGMA * (v - centre) / mad for ppk, v in shrunk.items()}
    return {
        ppk: PpkLeniency(
            ppk_nip=ppk,
            ratings=len(diffs[ppk]),
            raw=math.fsum(diffs[ppk]) / len(diffs[ppk]),
            shrunk=value,
            z=z[ppk],
        )
        for ppk, value in shrunk.items()
    }


def ppk_leniency_flags(
    ratings: Iterable[PpkRating], config: EvidenceConfig = DEFAULT_CONFIG
) -> list[Flag]:
    """PPKs whose shrunk leniency is an outlier in their region, in either direction."""
    flags: list[Flag] = []
    for ppk, est in ppk_leniency(ratings, config).items():
        if est.z is None or abs(est.z) <= config.ppk_outlier_z:
            continue
        if abs(est.shrunk) < config.ppk_min_leniency:
            continue
        lenient = est.shrunk > 0
        word_id, word_en = ("longgar", "lenient") if lenient else ("ketat", "severe")
        flags.append(
            Flag(
                kind=FlagKind.PPK_LENIENCY,
                subject=ppk,
                related=None,
                numbers={
                    "ratings": float(est.ratings),
                    "raw": est.raw,
                    "shrunk": est.shrunk,
                    "z": est.z,
                    "threshold": config.ppk_outlier_z,
                },
                message=(
                    f"PPK {ppk} menilai rata-rata {est.raw:+.2f} tingkat dari saran bukti atas"
                    f" {est.ratings} pegawai ({est.shrunk:+.2f} setelah penyusutan); skor-z"
                    f" robust {est.z:+.1f} melewati {config.ppk_outlier_z}: lebih {word_id}"
                    " dari PPK lain di daerah ini."
                ),
                message_en=(
                    f"PPK {ppk} rated {est.raw:+.2f} levels from the evidence's suggestion on"
                    f" average over {est.ratings} employees ({est.shrunk:+.2f} after shrinkage);"
                    f" robust z {est.z:+.1f} beyond {config.ppk_outlier_z}: more {word_en} than"
                    " the region's other PPKs."
                ),
                audience="region_admin",
            )
        )
    return flags


def evidence_gap_flags(
    ratings: Iterable[PpkRating], config: EvidenceConfig = DEFAULT_CONFIG
) -> list[Flag]:
    """Ratings that differ from the evidence beyond the margin: a justification for the atasan."""
    flags: list[Flag] = []
    for item in sorted(
        ratings, key=lambda r: (r.employee_nip, r.ppk_nip, r.rating, r.suggested, r.evidence_items)
    ):
        gap = LEVELS[item.rating] - LEVELS[item.suggested]
        strong = item.evidence_items >= config.strong_evidence_items
        margin = config.strong_evidence_margin_levels if strong else config.evidence_margin_levels
        if abs(gap) < margin:
            continue
        strength_id, strength_en = ("kuat", "strong") if strong else ("biasa", "ordinary")
        flags.append(
            Flag(
                kind=FlagKind.PPK_EVIDENCE_GAP,
                subject=item.employee_nip,
                related=item.ppk_nip,
                numbers={
                    "gap_levels": float(gap),
                    "margin_levels": float(margin),
                    "evidence_items": float(item.evidence_items),
                },
                message=(
                    f"Penilaian PPK {item.rating} berbeda {abs(gap)} tingkat dari saran bukti"
                    f" {item.suggested} (bukti {strength_id}: {item.evidence_items} IKI; batas"
                    f" {margin}): perlu justifikasi, terlihat oleh atasan PPK."
                ),
                message_en=(
                    f"The PPK's rating {item.rating} is {abs(gap)} level(s) from the evidence's"
                    f" suggestion {item.suggested} ({strength_en} evidence: {item.evidence_items}"
                    f" IKI; margin {margin}): needs a justification, visible to the atasan PPK."
                ),
                audience="atasan_ppk",
            )
        )
    return flags
