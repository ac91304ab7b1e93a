"""Rater-effect correction, source weights with redistribution, and the guardrail flags."""

import math
import random
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contracts.vocabulary import BerakhlakValue, FeedbackSource, Rating
from scoring.rater_effects import (
    DEFAULT_CONFIG,
    EvidenceConfig,
    FeedbackScore,
    FlagKind,
    PpkRating,
    RaterEffect,
    SourceEvidence,
    citizen_evidence,
    combine_sources,
    corrected_behaviour,
    estimate_rater_effects,
    evidence_gap_flags,
    favouritism_flags,
    ppk_leniency,
    ppk_leniency_flags,
    redistributed_weights,
    source_evidence,
    supervisor_evidence,
    tally,
)

V1, V2 = BerakhlakValue.AKUNTABEL, BerakhlakValue.KOLABORATIF
PEER, TEAM, CITIZEN = FeedbackSource.PEER, FeedbackSource.TEAM, FeedbackSource.CITIZEN
ATAS, SESUAI, BAWAH = Rating.DIATAS, Rating.SESUAI, Rating.DIBAWAH
K = DEFAULT_CONFIG.rater_k


def score(rater: str, ratee: str, value: BerakhlakValue, points: int) -> FeedbackScore:
    return FeedbackScore(rater, ratee, value, points, PEER)


def panel(truth: dict[str, int], bias: dict[str, int]) -> list[FeedbackScore]:
    """Every rater rates every ratee on both values: truth plus the rater's bias."""
    return [
        score(rater, ratee, value, level + offset)
        for rater, offset in bias.items()
        for ratee, level in truth.items()
        for value in (V1, V2)
    ]


TRUTH = {"e1": 2, "e2": 3, "e3": 3, "e4": 2, "e5": 3, "e6": 2}
HONEST = {"a": 0, "b": 0, "c": 0}


def test_a_uniformly_lenient_rater_is_corrected() -> None:
    # Four honest raters rate twelve colleagues; a lenient one (+2 on everyone) rates half of
    # them. e1 and e7 are equally good, but only e1 has the lenient rater.
    truth = {f"e{i}": 2 + i % 2 for i in range(1, 13)}
    ratings = panel(truth, {**HONEST, "d": 0})
    ratings += panel({e: t for e, t in truth.items() if int(e[1:]) <= 6}, {"lenient": 2})
    effects = estimate_rater_effects(tally(ratings))

    lenient = effects["lenient"]
    assert lenient.ratees == 6
    # The shrinkage is exactly n/(n+k) of the raw mean offset.
    assert lenient.effect == pytest.approx(lenient.raw * 6 / (6 + K))
    assert lenient.raw == pytest.approx(2.0, abs=0.3)
    assert all(abs(effects[r].effect) < 0.25 for r in [*HONEST, "d"])
    corrected = corrected_behaviour(tally(ratings), effects)
    raw_gap = (4 * 3 + 5) / 5 - 3  # e1's raw mean over e7's
    assert 0 < corrected["e1"][V1] - corrected["e7"][V1] < raw_gap / 2


def test_in_a_fully_crossed_panel_only_relative_leniency_exists() -> None:
    # Everyone rates everyone: a lenient rater lifts every colleague equally, so nobody's
    # position changes and the correction leaves the means (and the ranking) alone.
    ratings = panel(TRUTH, {**HONEST, "lenient": 2})
    effects = estimate_rater_effects(tally(ratings))
    assert effects["lenient"].effect > 0.8
    assert math.fsum(e.effect for e in effects.values()) == pytest.approx(0.0, abs=1e-6)
    corrected = corrected_behaviour(tally(ratings), effects)
    assert corrected["e2"][V1] - corrected["e1"][V1] == pytest.approx(1.0)


def test_a_rater_with_one_rating_is_shrunk_almost_to_zero() -> None:
    ratings = [*panel(TRUTH, HONEST), score("once", "e2", V1, 5)]
    effect = estimate_rater_effects(tally(ratings))["once"]

    assert effect.ratees == 1
    assert effect.raw == pytest.approx(2.0, abs=0.1)
    assert effect.effect == pytest.approx(effect.raw / (1 + K))
    assert effect.effect < 0.35


def test_self_ratings_are_not_rater_evidence() -> None:
    ratings = [*panel(TRUTH, HONEST), FeedbackScore("e1", "e1", V1, 5, FeedbackSource.SELF)]
    assert "e1" not in estimate_rater_effects(tally(ratings))
    assert source_evidence(tally(ratings), {})["e1"].keys() == {PEER}


def test_one_employees_evidence_reads_only_their_own_raters_from_the_region_map() -> None:
    # evaluate() calls these once per employee with every rater effect of the region.
    ratings = panel(TRUTH, {**HONEST, "lenient": 2})
    effects = {
        **estimate_rater_effects(tally(ratings)),
        "elsewhere": RaterEffect("elsewhere", 3, 3, 9),
    }
    region_values = corrected_behaviour(tally(ratings), effects)
    region_sources = source_evidence(tally(ratings), effects)
    for ratee in TRUTH:
        own = [r for r in ratings if r.ratee_nip == ratee]
        assert corrected_behaviour(tally(own), effects) == {ratee: region_values[ratee]}
        assert source_evidence(tally(own), effects) == {ratee: region_sources[ratee]}
    assert corrected_behaviour(tally([score("newcomer", "e1", V1, 4)]), effects) == {
        "e1": {V1: 4.0}
    }


def test_a_missing_source_has_its_weight_redistributed_never_zero() -> None:
    peers = SourceEvidence(PEER, 4.0, 3)
    team = SourceEvidence(TEAM, 2.0, 1)
    too_few_citizens = SourceEvidence(CITIZEN, 1.0, 9)

    combined = combine_sources([peers, team, too_few_citizens])

    assert combined is not None
    assert combined.weights == pytest.approx({PEER: 0.25 / 0.35, TEAM: 0.10 / 0.35})
    assert combined.value == pytest.approx((0.25 * 4 + 0.10 * 2) / 0.35)
    assert CITIZEN in combined.absent
    assert FeedbackSource.SUPERVISOR in combined.absent
    assert any(line.code == "behaviour.redistributed" for line in combined.explanation)
    only_peers = combine_sources([peers])
    assert only_peers is not None
    assert only_peers.value == 4.0
    assert only_peers.weights == {PEER: 1.0}


def test_no_source_at_all_is_none_not_zero() -> None:
    assert combine_sources([]) is None
    assert combine_sources([SourceEvidence(PEER, 5.0, 2)]) is None  # below the minimum of 3
    assert citizen_evidence([], prior=3.0) is None
    assert supervisor_evidence([]) is None


def test_citizens_are_shrunk_toward_the_region_and_notes_map_to_the_scale() -> None:
    burst = citizen_evidence([5, 5, 5], prior=3.0)
    assert burst is not None
    assert burst.mean == pytest.approx((15 + 10 * 3.0) / 13)
    notes = supervisor_evidence([True, True, None, False])
    assert notes is not None
    assert notes.mean == pytest.approx(3.5)


def test_favouritism_is_flagged_with_its_numbers() -> None:
    bias = {**HONEST, "d": 0, "friend": 0}
    ratings = [
        r for r in panel(TRUTH, bias) if not (r.rater_ref == "friend" and r.ratee_nip == "e2")
    ]
    ratings += [score("friend", "e2", V1, 5), score("friend", "e2", V2, 5)]

    effects = estimate_rater_effects(tally(ratings))
    flags = favouritism_flags(tally(ratings), effects)

    assert [(f.kind, f.subject, f.related) for f in flags] == [
        (FlagKind.FAVOURITISM, "friend", "e2")
    ]
    numbers = flags[0].numbers
    assert numbers["given"] == 5.0
    assert numbers["others_mean"] == pytest.approx(3.0, abs=0.1)
    assert numbers["rater_leniency"] == pytest.approx(0.0, abs=0.05)
    assert numbers["excess"] == pytest.approx(2.0, abs=0.15)
    assert numbers["other_raters"] == 4.0
    assert "+2.0" in flags[0].message_en or "+1.9" in flags[0].message_en
    assert "favoritisme" in flags[0].message


def test_favouritism_needs_enough_other_raters_and_ignores_general_leniency() -> None:
    few = [r for r in panel(TRUTH, {"a": 0, "b": 0}) if r.ratee_nip != "e6"]
    few += [score("friend", "e2", V1, 5), score("friend", "e1", V1, 2)]
    assert (
        favouritism_flags(tally(few), estimate_rater_effects(tally(few))) == []
    )  # 2 others, needs 3

    lenient = panel(TRUTH, {**HONEST, "lenient": 2})
    assert favouritism_flags(tally(lenient), estimate_rater_effects(tally(lenient))) == []


def ppk_region(lenient_ppk: str = "p0") -> list[PpkRating]:
    """Eight PPKs, ten reports each; p0 rates everyone DIATAS where evidence says SESUAI."""
    out: list[PpkRating] = []
    for p in range(8):
        ppk = f"p{p}"
        for e in range(10):
            rating = ATAS if ppk == lenient_ppk else SESUAI
            if ppk != lenient_ppk and e == p:  # honest noise: one report off by one level
                rating = ATAS if p % 2 else BAWAH
            out.append(PpkRating(ppk, f"{ppk}-e{e}", rating, SESUAI, evidence_items=3))
    return out


def test_a_lenient_ppk_is_an_outlier_in_the_region() -> None:
    estimates = ppk_leniency(ppk_region())
    assert estimates["p0"].raw == 1.0
    assert estimates["p0"].shrunk == pytest.approx(10 / 15)

    flags = ppk_leniency_flags(ppk_region())

    assert [(f.kind, f.subject) for f in flags] == [(FlagKind.PPK_LENIENCY, "p0")]
    # Median of the region: 1/15 (four honest PPKs were one level up, three one down);
    # the MAD (1/15) is below the floor, so 0.1 is used.
    assert flags[0].numbers["z"] == pytest.approx(0.6745 * (10 / 15 - 1 / 15) / 0.1)
    assert "lenient" in flags[0].message_en
    assert "longgar" in flags[0].message


def test_no_ppk_outlier_without_a_region_to_compare_with() -> None:
    small = [r for r in ppk_region() if r.ppk_nip in {"p0", "p1", "p2"}]
    assert ppk_leniency(small)["p0"].z is None
    assert ppk_leniency_flags(small) == []


@pytest.mark.parametrize(
    ("rating", "suggested", "items", "flagged"),
    [
        (ATAS, BAWAH, 3, True),  # two levels: always
        (ATAS, SESUAI, 3, False),  # one level on ordinary evidence: fine
        (ATAS, SESUAI, 6, True),  # one level against strong evidence: justify
        (BAWAH, SESUAI, 9, True),
        (SESUAI, SESUAI, 9, False),
    ],
)
def test_a_rating_far_from_the_evidence_needs_a_justification(
    rating: Rating, suggested: Rating, items: int, flagged: bool
) -> None:
    flags = evidence_gap_flags([PpkRating("ppk", "emp", rating, suggested, items)])
    assert bool(flags) is flagged
    if flags:
        assert flags[0].audience == "atasan_ppk"
        assert flags[0].subject == "emp"
        assert flags[0].related == "ppk"
        assert "atasan PPK" in flags[0].message


def test_a_source_given_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        combine_sources([SourceEvidence(PEER, 4.0, 3), SourceEvidence(PEER, 2.0, 5)])


def test_config_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="shrinkage"):
        EvidenceConfig(rater_k=-1)
    with pytest.raises(ValueError, match="outside"):
        FeedbackScore("r", "e", V1, 6)


# --- properties ------------------------------------------------------------------------------

feedback = st.builds(
    FeedbackScore,
    rater_ref=st.sampled_from(["r0", "r1", "r2", "r3", "r4", "r5"]),
    ratee_nip=st.sampled_from(["e0", "e1", "e2", "e3"]),
    value=st.sampled_from([V1, V2, BerakhlakValue.LOYAL]),
    score=st.integers(1, 5),
    source=st.sampled_from([PEER, FeedbackSource.SUBORDINATE, TEAM]),
)
ppk_ratings = st.builds(
    PpkRating,
    ppk_nip=st.sampled_from([f"p{i}" for i in range(7)]),
    employee_nip=st.sampled_from([f"e{i}" for i in range(20)]),
    rating=st.sampled_from(Rating),
    suggested=st.sampled_from(Rating),
    evidence_items=st.integers(0, 10),
)
sources = st.sampled_from(FeedbackSource)
evidence_items = st.builds(
    SourceEvidence, source=sources, mean=st.floats(1, 5), count=st.integers(0, 30)
)
one_per_source = st.lists(evidence_items, max_size=8, unique_by=lambda e: e.source)


@settings(max_examples=60, deadline=None)
@given(st.lists(feedback, max_size=40), st.randoms(use_true_random=False))
def test_rater_order_never_matters(ratings: list[FeedbackScore], rnd: random.Random) -> None:
    shuffled = list(ratings)
    rnd.shuffle(shuffled)

    effects = estimate_rater_effects(tally(ratings))
    assert estimate_rater_effects(tally(shuffled)) == effects
    assert corrected_behaviour(tally(shuffled), effects) == corrected_behaviour(
        tally(ratings), effects
    )
    assert source_evidence(tally(shuffled), effects) == source_evidence(tally(ratings), effects)
    assert favouritism_flags(tally(shuffled), effects) == favouritism_flags(tally(ratings), effects)


def reference_effects(ratings: list[FeedbackScore]) -> dict[str, tuple[float, float, int]]:
    """The model as ADR 014 states it: re-group every round, nested dicts, fsum everywhere."""
    cells: dict[tuple[str, BerakhlakValue], dict[str, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for r in ratings:
        if r.source is not FeedbackSource.SELF and r.rater_ref != r.ratee_nip:
            cells[(r.ratee_nip, r.value)][r.rater_ref].append(r.score)
    raters = {rater for per_rater in cells.values() for rater in per_rater}

    def residuals(offsets: dict[str, float]) -> dict[str, list[float]]:
        pairs: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        for (ratee, _), per_rater in cells.items():
            for rater, own in per_rater.items():
                others = [s - offsets[o] for o, got in per_rater.items() if o != rater for s in got]
                if others:
                    pairs[(rater, ratee)].append(
                        (sum(own) / len(own), math.fsum(others) / len(others))
                    )
        out: dict[str, list[float]] = {rater: [] for rater in raters}
        for (rater, _), values in pairs.items():
            out[rater].append(math.fsum(o - t for o, t in values) / len(values))
        return out

    offsets = dict.fromkeys(raters, 0.0)
    for _ in range(DEFAULT_CONFIG.max_rounds):
        updated = {r: math.fsum(res) / (len(res) + K) for r, res in residuals(offsets).items()}
        change = max((abs(updated[r] - offsets[r]) for r in raters), default=0.0)
        offsets = updated
        if change <= DEFAULT_CONFIG.tolerance:
            break
    return {
        r: (offsets[r], math.fsum(res) / len(res) if res else 0.0, len(res))
        for r, res in residuals(offsets).items()
    }


any_feedback = st.builds(
    FeedbackScore,
    rater_ref=st.sampled_from(["r0", "r1", "r2", "r3", "e0", "e1"]),
    ratee_nip=st.sampled_from(["e0", "e1", "e2"]),
    value=st.sampled_from([V1, V2]),
    score=st.integers(1, 5),
    source=st.sampled_from([PEER, TEAM, FeedbackSource.SELF]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(any_feedback, max_size=50))
def test_the_estimate_matches_the_model_as_written(ratings: list[FeedbackScore]) -> None:
    effects = estimate_rater_effects(tally(ratings))
    expected = reference_effects(ratings)
    assert effects.keys() == expected.keys()
    for rater, (effect, raw, ratees) in expected.items():
        assert effects[rater].effect == pytest.approx(effect, abs=1e-9)
        assert effects[rater].raw == pytest.approx(raw, abs=1e-9)
        assert effects[rater].ratees == ratees


@settings(max_examples=60, deadline=None)
@given(st.lists(feedback, max_size=40))
def test_every_score_stays_within_its_bounds(ratings: list[FeedbackScore]) -> None:
    effects = estimate_rater_effects(tally(ratings))
    assert all(math.isfinite(e.effect) and abs(e.effect) <= 4 for e in effects.values())
    for per_value in corrected_behaviour(tally(ratings), effects).values():
        assert all(1.0 <= v <= 5.0 for v in per_value.values())
    for per_source in source_evidence(tally(ratings), effects).values():
        combined = combine_sources(per_source.values())
        assert all(1.0 <= e.mean <= 5.0 for e in per_source.values())
        if combined is not None:
            assert 1.0 <= combined.value <= 5.0


@given(one_per_source)
def test_weights_sum_to_one_over_present_sources(evidence: list[SourceEvidence]) -> None:
    combined = combine_sources(evidence)
    present = {
        e.source
        for e in evidence
        if e.source in DEFAULT_CONFIG.weights
        and e.count >= DEFAULT_CONFIG.weights[e.source].minimum
    }
    if not present:
        assert combined is None
        return
    assert combined is not None
    assert set(combined.weights) <= present
    assert math.fsum(combined.weights.values()) == pytest.approx(1.0)
    assert 1.0 <= combined.value <= 5.0


@given(st.sets(sources))
def test_redistributed_weights_cover_exactly_the_present_sources(
    present: set[FeedbackSource],
) -> None:
    weights = redistributed_weights(present)
    expected = present & DEFAULT_CONFIG.weights.keys()
    assert set(weights) == expected
    if expected:
        assert math.fsum(weights.values()) == pytest.approx(1.0)


@given(st.lists(ppk_ratings, max_size=60), st.randoms(use_true_random=False))
def test_ppk_leniency_is_order_free_and_bounded(
    ratings: list[PpkRating], rnd: random.Random
) -> None:
    shuffled = list(ratings)
    rnd.shuffle(shuffled)
    estimates = ppk_leniency(ratings)
    assert ppk_leniency(shuffled) == estimates
    assert ppk_leniency_flags(shuffled) == ppk_leniency_flags(ratings)
    assert evidence_gap_flags(shuffled) == evidence_gap_flags(ratings)
    assert all(abs(e.shrunk) <= 2 and abs(e.raw) <= 2 for e in estimates.values())
