"""Fairness harness: does rater-effect correction recover true performance better than an average?

A synthetic region with known true behaviour per employee and injected biases (a lenient PPK,
a favouritism pair, a harsh peer, a ballot-stuffing burst of citizens for one officer). Prints
the Spearman correlation with the truth of a naive average of all raw scores and of our
corrected composite, and the precision/recall of the favouritism and PPK leniency flags.
Offline, stdlib ``random`` only; numbers are printed, never asserted (the unit test asserts
only "ours beats naive" on a fixed seed).

Run: ``.venv/bin/python bench/fairness.py --seed 7 --employees 300``
"""

import argparse
import random
import statistics
import sys
from dataclasses import dataclass

from contracts.vocabulary import BerakhlakValue, FeedbackSource, Rating
from scoring.rater_effects import (
    DEFAULT_CONFIG,
    EvidenceConfig,
    FeedbackScore,
    Flag,
    PpkRating,
    citizen_evidence,
    combine_sources,
    estimate_rater_effects,
    evidence_gap_flags,
    favouritism_flags,
    ppk_leniency_flags,
    source_evidence,
    tally,
)

UNIT_SIZE = 10
PEERS_PER_EMPLOYEE = 6
SUBORDINATES_PER_COORDINATOR = 6
TRUTH_MEAN, TRUTH_SD, TRUTH_LOW, TRUTH_HIGH = 3.2, 0.6, 1.3, 4.7
RATER_LENIENCY_SD = 0.5
PAIR_NOISE_SD = 0.25
"""How one rater sees one colleague, shared by all seven values."""
ITEM_NOISE_SD = 0.5
PPK_TEAM_LENIENCY_SD = 0.3
CITIZEN_NOISE_SD = 0.9
CITIZENS_MIN, CITIZENS_MAX = 8, 25
EVIDENCE_NOISE_SD = 0.3
DIATAS_FROM, SESUAI_FROM = 3.8, 2.6
INJECTED_LENIENT_PPK_TEAM = 1.5
INJECTED_HARSH = -1.5
INJECTED_FAVOUR = 2.0
STUFFING_ATTEMPTS = 200
STUFFING_PASS_RATE = 0.10
"""The feedback service's token, rate limit and duplicate checks refuse ~90% of the burst."""
SENSITIVITY_MARGINS = (1.0, 1.5, 2.0)


@dataclass(frozen=True)
class Employee:
    """A synthetic ASN with a known true behaviour level on the 1-5 scale."""

    nip: str
    unit: int
    truth: float
    rater_ref: str
    front_office: bool


@dataclass(frozen=True)
class Population:
    """Everything a region's scoring would see, plus the injected ground truth."""

    employees: tuple[Employee, ...]
    ratings: tuple[FeedbackScore, ...]
    citizen: dict[str, list[int]]
    ppk_ratings: tuple[PpkRating, ...]
    favouritism_pairs: frozenset[tuple[str, str]]
    lenient_ppks: frozenset[str]
    lenient_ppk_ref: str
    harsh_rater: str
    stuffed_officer: str
    stuffed_ratings: int


@dataclass(frozen=True)
class FairnessResult:
    """The harness's numbers: what the bench prints and the unit test asserts on."""

    naive_spearman: float
    composite_spearman: float
    favouritism_flags: tuple[Flag, ...]
    favouritism_precision: float | None
    favouritism_recall: float
    leniency_flags: tuple[Flag, ...]
    leniency_precision: float | None
    leniency_recall: float
    evidence_gap_flags: int
    harsh_effect: float
    lenient_ppk_effect: float
    stuffed: tuple[float, float, float]
    """(truth, naive, composite) of the officer who got the burst."""

    @property
    def ratio(self) -> float:
        """Composite over naive Spearman: above 1 means the correction helped."""
        return self.composite_spearman / self.naive_spearman


def ranks(values: list[float]) -> list[float]:
    """1-based ranks with ties given their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            out[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return out


def spearman(xs: list[float], ys: list[float]) -> float:
    """Spearman's rho: Pearson's correlation of the ranks (ties averaged)."""
    return statistics.correlation(ranks(xs), ranks(ys))


def _clip_round(value: float) -> int:
    return int(min(5, max(1, round(value))))


def _level(value: float) -> Rating:
    if value >= DIATAS_FROM:
        return Rating.DIATAS
    return Rating.SESUAI if value >= SESUAI_FROM else Rating.DIBAWAH


def _nip(kind: int, i: int) -> str:
    return f"{kind}{i:017d}"


def simulate(seed: int, employees: int) -> Population:
    """Build one synthetic region; the same seed and size always give the same population."""
    rng = random.Random(seed)
    units = max(1, employees // UNIT_SIZE)
    staff = tuple(
        Employee(
            nip=_nip(1, i),
            unit=i % units,
            truth=min(TRUTH_HIGH, max(TRUTH_LOW, rng.gauss(TRUTH_MEAN, TRUTH_SD))),
            rater_ref=f"ref-e{i:05d}",
            front_office=(i % units) % 3 == 0,
        )
        for i in range(employees)
    )
    members: dict[int, list[Employee]] = {
        u: [e for e in staff if e.unit == u] for u in range(units)
    }
    leniency = {e.rater_ref: rng.gauss(0, RATER_LENIENCY_SD) for e in staff}
    ppk_nip = {u: _nip(2, u) for u in range(units)}
    ppk_ref = {u: f"ref-p{u:04d}" for u in range(units)}
    for u in range(units):
        leniency[ppk_ref[u]] = rng.gauss(0, PPK_TEAM_LENIENCY_SD)
    lenient_unit = 1 % units
    leniency[ppk_ref[lenient_unit]] = INJECTED_LENIENT_PPK_TEAM
    harsh = members[0][1] if len(members[0]) > 2 else members[0][0]
    leniency[harsh.rater_ref] = INJECTED_HARSH

    # Who rates whom: the unit's first member coordinates the rest (subordinates rate them),
    # the others are rated by peers; the harsh peer rates everyone in their unit.
    raters: dict[str, list[tuple[str, FeedbackSource]]] = {}
    for unit_members in members.values():
        coordinator, rest = unit_members[0], unit_members[1:]
        for e in unit_members:
            if e is coordinator:
                chosen = rng.sample(rest, min(SUBORDINATES_PER_COORDINATOR, len(rest)))
                raters[e.nip] = [(r.rater_ref, FeedbackSource.SUBORDINATE) for r in chosen]
            else:
                pool = [r for r in rest if r is not e]
                chosen = rng.sample(pool, min(PEERS_PER_EMPLOYEE, len(pool)))
                raters[e.nip] = [(r.rater_ref, FeedbackSource.PEER) for r in chosen]
            if harsh.unit == e.unit and e is not harsh:
                refs = {ref for ref, _ in raters[e.nip]}
                if harsh.rater_ref not in refs:
                    source = FeedbackSource.SUBORDINATE if e is coordinator else FeedbackSource.PEER
                    raters[e.nip].append((harsh.rater_ref, source))
            raters[e.nip].append((ppk_ref[e.unit], FeedbackSource.TEAM))

    # The favouritism pair: a peer in another unit than the harsh one gives a friend +2; the
    # friend is mid-range, so the favour is not hidden by the 5-point ceiling.
    fav_unit = 2 % units
    candidates = sorted(
        (abs(e.truth - 3.0), e.nip, ref)
        for e in members[fav_unit][1:]
        for ref, source in raters[e.nip]
        if source is FeedbackSource.PEER and ref != harsh.rater_ref
    )
    _, friend, favouring = candidates[0]
    pairs = frozenset({(favouring, friend)})

    truth = {e.nip: e.truth for e in staff}
    ratings: list[FeedbackScore] = []
    for e in staff:
        for ref, source in raters[e.nip]:
            seen = truth[e.nip] + leniency[ref] + rng.gauss(0, PAIR_NOISE_SD)
            if (ref, e.nip) in pairs:
                seen += INJECTED_FAVOUR
            for value in BerakhlakValue:
                score = _clip_round(seen + rng.gauss(0, ITEM_NOISE_SD))
                ratings.append(FeedbackScore(ref, e.nip, value, score, source))

    citizen: dict[str, list[int]] = {}
    for e in staff:
        if e.front_office:
            n = rng.randint(CITIZENS_MIN, CITIZENS_MAX)
            citizen[e.nip] = [
                _clip_round(e.truth + rng.gauss(0, CITIZEN_NOISE_SD)) for _ in range(n)
            ]
    front = [e for e in staff if e.front_office]
    stuffed = min(front, key=lambda e: (abs(e.truth - 2.6), e.nip))
    passed = sum(1 for _ in range(STUFFING_ATTEMPTS) if rng.random() < STUFFING_PASS_RATE)
    citizen[stuffed.nip] = citizen[stuffed.nip] + [5] * passed

    ppk_ratings: list[PpkRating] = []
    for e in staff:
        suggested = _level(e.truth + rng.gauss(0, EVIDENCE_NOISE_SD))
        honest = _level(e.truth + rng.gauss(0, EVIDENCE_NOISE_SD))
        rating = Rating.DIATAS if e.unit == lenient_unit else honest
        ppk_ratings.append(PpkRating(ppk_nip[e.unit], e.nip, rating, suggested, rng.randint(3, 9)))

    return Population(
        employees=staff,
        ratings=tuple(ratings),
        citizen=citizen,
        ppk_ratings=tuple(ppk_ratings),
        favouritism_pairs=pairs,
        lenient_ppks=frozenset({ppk_nip[lenient_unit]}),
        lenient_ppk_ref=ppk_ref[lenient_unit],
        harsh_rater=harsh.rater_ref,
        stuffed_officer=stuffed.nip,
        stuffed_ratings=passed,
    )


def _precision_recall(found: set[str], expected: set[str]) -> tuple[float | None, float]:
    hits = len(found & expected)
    precision = hits / len(found) if found else None
    return precision, hits / len(expected) if expected else 1.0


def evaluate(population: Population, config: EvidenceConfig = DEFAULT_CONFIG) -> FairnessResult:
    """Naive average vs our composite against the truth, and the flags against the injections."""
    raw: dict[str, list[float]] = {e.nip: [] for e in population.employees}
    for item in population.ratings:
        raw[item.ratee_nip].append(float(item.score))
    for nip, scores in population.citizen.items():
        raw[nip].extend(float(s) for s in scores)
    naive = {nip: statistics.fmean(scores) for nip, scores in raw.items()}

    tallies = tally(population.ratings)
    effects = estimate_rater_effects(tallies, config)
    evidence = source_evidence(tallies, effects)
    prior = statistics.fmean(s for scores in population.citizen.values() for s in scores)
    composite: dict[str, float] = {}
    for e in population.employees:
        sources = list(evidence.get(e.nip, {}).values())
        citizens = citizen_evidence(population.citizen.get(e.nip, []), prior, config)
        if citizens is not None:
            sources.append(citizens)
        combined = combine_sources(sources, config)
        # Unreachable in this population (everyone has peers); a real caller shows "no evidence".
        composite[e.nip] = combined.value if combined is not None else naive[e.nip]

    truth = [e.truth for e in population.employees]
    nips = [e.nip for e in population.employees]
    favour = tuple(favouritism_flags(tallies, effects, config))
    lenient = tuple(ppk_leniency_flags(population.ppk_ratings, config))
    fav_p, fav_r = _precision_recall(
        {f"{f.subject}>{f.related}" for f in favour},
        {f"{rater}>{ratee}" for rater, ratee in population.favouritism_pairs},
    )
    len_p, len_r = _precision_recall({f.subject for f in lenient}, set(population.lenient_ppks))
    stuffed = population.stuffed_officer
    return FairnessResult(
        naive_spearman=spearman([naive[n] for n in nips], truth),
        composite_spearman=spearman([composite[n] for n in nips], truth),
        favouritism_flags=favour,
        favouritism_precision=fav_p,
        favouritism_recall=fav_r,
        leniency_flags=lenient,
        leniency_precision=len_p,
        leniency_recall=len_r,
        evidence_gap_flags=len(evidence_gap_flags(population.ppk_ratings, config)),
        harsh_effect=effects[population.harsh_rater].effect,
        lenient_ppk_effect=effects[population.lenient_ppk_ref].effect,
        stuffed=(
            next(e.truth for e in population.employees if e.nip == stuffed),
            naive[stuffed],
            composite[stuffed],
        ),
    )


def _share(value: float | None) -> str:
    return "n/a (no flags)" if value is None else f"{value:.2f}"


def print_report(population: Population, result: FairnessResult, seed: int) -> None:
    """The numbers, one per line, with what was injected next to what was found."""
    citizens = sum(len(s) for s in population.citizen.values())
    units = len({e.unit for e in population.employees})
    print(
        f"seed {seed}: {len(population.employees)} employees in {units} units, "
        f"{len(population.ratings)} 360 scores, {citizens} citizen ratings "
        f"({population.stuffed_ratings} of {STUFFING_ATTEMPTS} stuffed got through)"
    )
    print()
    print("Spearman correlation with the true behaviour")
    print(f"  naive average of all raw scores  {result.naive_spearman:.4f}")
    print(f"  corrected composite (ours)       {result.composite_spearman:.4f}")
    print(f"  ratio ours/naive                 {result.ratio:.4f}")
    print()
    print("Rater effects recovered (injected -> estimated, shrunk)")
    print(f"  harsh peer         {INJECTED_HARSH:+.2f} -> {result.harsh_effect:+.2f}")
    print(
        f"  lenient PPK (team) {INJECTED_LENIENT_PPK_TEAM:+.2f} -> {result.lenient_ppk_effect:+.2f}"
    )
    truth, naive, ours = result.stuffed
    print(f"  stuffed officer    truth {truth:.2f}, naive {naive:.2f}, composite {ours:.2f}")
    print()
    print("Flags against the injected ground truth")
    print(
        f"  favouritism   raised {len(result.favouritism_flags):>3}  "
        f"precision {_share(result.favouritism_precision)}  "
        f"recall {result.favouritism_recall:.2f}"
    )
    print(
        f"  PPK leniency  raised {len(result.leniency_flags):>3}  "
        f"precision {_share(result.leniency_precision)}  recall {result.leniency_recall:.2f}"
    )
    print(f"  PPK rating vs evidence (needs justification): {result.evidence_gap_flags} raised")
    print("  favouritism margin sensitivity (same estimates, stricter margin):")
    for margin in SENSITIVITY_MARGINS:
        kept = {
            (f.subject, f.related) for f in result.favouritism_flags if f.numbers["excess"] > margin
        }
        hits = len(kept & population.favouritism_pairs)
        precision = _share(hits / len(kept) if kept else None)
        recall = hits / len(population.favouritism_pairs)
        print(
            f"    margin {margin:.1f}: raised {len(kept):>3}  precision {precision}  "
            f"recall {recall:.2f}"
        )
    for flag in (*result.favouritism_flags, *result.leniency_flags):
        print(f"  - {flag.message_en}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Seed and population size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=7, help="random seed (default %(default)s)")
    parser.add_argument(
        "--employees", type=int, default=300, help="population size (default %(default)s)"
    )
    args = parser.parse_args(argv)
    if args.employees < 3 * UNIT_SIZE:
        parser.error(f"--employees must be at least {3 * UNIT_SIZE} (three units)")
    return args


def main(argv: list[str] | None = None) -> int:
    """Simulate, evaluate, print."""
    args = parse_args(argv)
    population = simulate(args.seed, args.employees)
    print_report(population, evaluate(population), args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
