"""The official rules: the exact predikat matrix, official vs provisional, suggested ratings."""

import itertools
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from contracts import Event
from contracts.vocabulary import Predikat, Rating, RhkKind
from scoring import evaluate, rules
from tests import factories
from tests.unit.scoring.support import CONTEXT, IKI, at, fold, score_of

NIP = "199001010000000042"
ATAS, SESUAI, BAWAH = Rating.DIATAS, Rating.SESUAI, Rating.DIBAWAH

# domain.md section 3, row by row: (results, behaviour) -> predikat.
OFFICIAL_MATRIX = [
    (ATAS, BAWAH, Predikat.KURANG),
    (ATAS, SESUAI, Predikat.BAIK),
    (ATAS, ATAS, Predikat.SANGAT_BAIK),
    (SESUAI, BAWAH, Predikat.KURANG),
    (SESUAI, SESUAI, Predikat.BAIK),
    (SESUAI, ATAS, Predikat.BAIK),
    (BAWAH, BAWAH, Predikat.SANGAT_KURANG),
    (BAWAH, SESUAI, Predikat.BUTUH_PERBAIKAN),
    (BAWAH, ATAS, Predikat.BUTUH_PERBAIKAN),
]
OFFICIAL = {(results, behaviour): predikat for results, behaviour, predikat in OFFICIAL_MATRIX}

any_pcts = st.floats(min_value=0, allow_nan=False, allow_infinity=False)
any_achievements = st.lists(
    st.builds(rules.Achievement, kind=st.sampled_from(RhkKind), pct=any_pcts), max_size=12
)
ratings = st.sampled_from(Rating)
# Reports of up to three IKI (plausible percentages) and maybe the PPK's two ratings.
reports = st.lists(st.tuples(st.integers(0, len(IKI) - 1), st.floats(0, 10_000)), max_size=6)
ppk_ratings = st.none() | st.tuples(ratings, ratings)


def utama(pct: float) -> rules.Achievement:
    return rules.Achievement(RhkKind.UTAMA, pct)


def tambahan(pct: float) -> rules.Achievement:
    return rules.Achievement(RhkKind.TAMBAHAN, pct)


def history(drawn: list[tuple[int, float]], rated: tuple[Rating, Rating] | None) -> list[Event]:
    events: list[Event] = []
    for minute, (iki, pct) in enumerate(drawn):
        rhk_id, iki_id = IKI[iki]
        events.append(
            factories.progress(NIP, pct, rhk_id=rhk_id, iki_id=iki_id, occurred_at=at(minute))
        )
    if rated is not None:
        events.append(factories.assessment(NIP, rated[0], rated[1], occurred_at=at(99)))
    return events


@pytest.mark.parametrize(("results", "behaviour", "expected"), OFFICIAL_MATRIX)
def test_predikat_follows_the_official_matrix(
    results: Rating, behaviour: Rating, expected: Predikat
) -> None:
    assert rules.predikat_for(results, behaviour) is expected


def test_matrix_has_exactly_the_nine_official_cells() -> None:
    assert rules.PREDIKAT_MATRIX == OFFICIAL
    assert set(rules.PREDIKAT_MATRIX) == set(itertools.product(Rating, Rating))
    assert set(rules.PREDIKAT_MATRIX.values()) == set(Predikat)


@given(ratings, ratings)
def test_matrix_is_total_and_exact(results: Rating, behaviour: Rating) -> None:
    assert rules.predikat_for(results, behaviour) is OFFICIAL[(results, behaviour)]


@given(ratings, ratings, ratings, ratings)
def test_a_better_rating_never_gives_a_worse_predikat(
    results: Rating, better_results: Rating, behaviour: Rating, better_behaviour: Rating
) -> None:
    order = [BAWAH, SESUAI, ATAS]
    rank = list(Predikat)[::-1]  # worst first
    if order.index(results) > order.index(better_results):
        results, better_results = better_results, results
    if order.index(behaviour) > order.index(better_behaviour):
        behaviour, better_behaviour = better_behaviour, behaviour

    worse = rules.predikat_for(results, behaviour)
    better = rules.predikat_for(better_results, better_behaviour)

    assert rank.index(worse) <= rank.index(better)


@pytest.mark.parametrize(("results", "behaviour", "expected"), OFFICIAL_MATRIX)
def test_ppk_ratings_decide_the_predikat_whatever_the_evidence(
    results: Rating, behaviour: Rating, expected: Predikat
) -> None:
    events = [
        factories.progress(NIP, 10, occurred_at=at(1)),
        factories.progress(NIP, 300, iki_id="iki-2", occurred_at=at(2)),
        *(factories.peer_feedback(NIP, {"akuntabel": 5}, rater=f"r{i}") for i in range(3)),
        factories.assessment(NIP, results, behaviour, occurred_at=at(3)),
    ]

    score = score_of(fold(NIP, events))

    assert score.predikat is expected
    assert (score.rating_hasil_kerja, score.rating_perilaku) == (results, behaviour)
    assert score.receipt is not None
    assert score.receipt.official_predikat is expected


@settings(deadline=None, max_examples=60)
@given(reports, ppk_ratings)
def test_score_is_provisional_exactly_when_the_ppk_has_not_rated(
    drawn: list[tuple[int, float]], rated: tuple[Rating, Rating] | None
) -> None:
    events = history(drawn, rated)
    assume(events)  # without any evidence nothing is scored
    score = score_of(fold(NIP, events))

    assert score.provisional is (rated is None)
    codes = {line.code for line in score.explanation}
    assert ("predikat.provisional" in codes) is score.provisional
    assert ("predikat.official" in codes) is not score.provisional
    assert score.receipt is not None
    assert (score.receipt.official_predikat is None) is score.provisional
    if rated is not None:
        assert score.predikat is OFFICIAL[rated]
    else:
        suggested = (score.receipt.suggested_hasil_kerja, score.receipt.suggested_perilaku)
        assert score.predikat is OFFICIAL[suggested] is score.receipt.suggested_predikat


@settings(deadline=None, max_examples=60)
@given(reports, ppk_ratings)
def test_every_explanation_line_speaks_both_languages(
    drawn: list[tuple[int, float]], rated: tuple[Rating, Rating] | None
) -> None:
    events = history(drawn, rated)
    assume(events)
    score = score_of(fold(NIP, events))

    assert score.explanation
    assert all(line.id and line.en and line.id != line.en for line in score.explanation)


def test_only_discipline_is_not_a_score() -> None:
    absent = fold(NIP, [factories.attendance(NIP, date(2026, 2, 2))])

    assert evaluate.score(absent, CONTEXT, None) is None


@given(any_achievements)
def test_suggested_diatas_never_has_an_utama_below_target(
    achievements: list[rules.Achievement],
) -> None:
    if rules.suggested_results_rating(achievements) is Rating.DIATAS:
        assert not any(a.kind is RhkKind.UTAMA and a.pct < 100 for a in achievements)


@pytest.mark.parametrize(
    ("achievements", "expected"),
    [
        ([utama(120), utama(115), utama(130)], Rating.DIATAS),
        ([utama(120), utama(115), tambahan(50)], Rating.DIATAS),
        ([utama(120), utama(115), utama(99)], Rating.SESUAI),
        ([utama(100), utama(105), utama(60)], Rating.SESUAI),
        ([utama(100), utama(50), utama(60)], Rating.DIBAWAH),
    ],
    ids=["all-above", "tambahan-below", "one-utama-below", "most-meet", "most-below"],
)
def test_suggested_results_rating_follows_the_guidance(
    achievements: list[rules.Achievement], expected: Rating
) -> None:
    assert rules.suggested_results_rating(achievements) is expected


def test_provisional_score_assumes_behaviour_meets_expectation() -> None:
    events = [
        factories.progress(NIP, 130, occurred_at=at(1)),
        factories.progress(NIP, 125, iki_id="iki-2", occurred_at=at(2)),
    ]

    score = score_of(fold(NIP, events))

    assert (score.rating_hasil_kerja, score.rating_perilaku) == (ATAS, SESUAI)
    assert score.predikat is Predikat.BAIK  # DIATAS x SESUAI
    assert score.provisional
