"""Scoring rules: the official predikat matrix, the composite and the provisional suggestion."""

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.vocabulary import Predikat, Rating, RhkKind
from scoring import rules

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

any_pcts = st.floats(min_value=0, allow_nan=False, allow_infinity=False)
any_achievements = st.lists(
    st.builds(rules.Achievement, kind=st.sampled_from(RhkKind), pct=any_pcts), max_size=12
)
# Plausible percentages, for properties that are not about extreme values.
achievement_lists = st.lists(
    st.builds(rules.Achievement, kind=st.sampled_from(RhkKind), pct=st.floats(0, 10_000)),
    max_size=12,
)
assessments = st.builds(
    rules.Assessment,
    hasil_kerja=st.sampled_from(Rating),
    perilaku=st.sampled_from(Rating),
    final=st.booleans(),
    occurred_at=st.datetimes(timezones=st.just(UTC)),
)


def rated(results: Rating, behaviour: Rating) -> rules.Assessment:
    return rules.Assessment(
        results, behaviour, final=False, occurred_at=datetime(2026, 12, 1, tzinfo=UTC)
    )


def utama(pct: float) -> rules.Achievement:
    return rules.Achievement(RhkKind.UTAMA, pct)


def tambahan(pct: float) -> rules.Achievement:
    return rules.Achievement(RhkKind.TAMBAHAN, pct)


@pytest.mark.parametrize(("results", "behaviour", "expected"), OFFICIAL_MATRIX)
def test_predikat_follows_the_official_matrix(
    results: Rating, behaviour: Rating, expected: Predikat
) -> None:
    assert rules.predikat_for(results, behaviour) is expected


@pytest.mark.parametrize(("results", "behaviour", "expected"), OFFICIAL_MATRIX)
def test_ppk_ratings_decide_the_predikat_whatever_the_evidence(
    results: Rating, behaviour: Rating, expected: Predikat
) -> None:
    score = rules.compute([utama(10), utama(300)], rated(results, behaviour))

    assert score.predikat is expected
    assert (score.rating_hasil_kerja, score.rating_perilaku) == (results, behaviour)


def test_matrix_has_exactly_the_nine_official_cells() -> None:
    assert {(r, b): p for r, b, p in OFFICIAL_MATRIX} == rules.PREDIKAT_MATRIX


@given(any_achievements, st.none() | assessments)
def test_composite_stays_within_0_and_100(
    achievements: list[rules.Achievement], assessment: rules.Assessment | None
) -> None:
    score = rules.compute(achievements, assessment)

    assert 0 <= score.composite <= 100


def test_huge_but_finite_achievements_do_not_crash_scoring() -> None:
    # ProgressReported.achievement_pct accepts any finite float >= 0.
    score = rules.compute([utama(1e308), utama(1e308)], None)

    assert score.composite == pytest.approx(100)


@given(st.lists(st.builds(rules.Achievement, pct=st.floats(0, 1000)), min_size=1, max_size=12))
def test_missing_assessment_does_not_count_as_zero(
    achievements: list[rules.Achievement],
) -> None:
    mean = sum(item.pct for item in achievements) / len(achievements)

    score = rules.compute(achievements, None)

    assert score.composite == pytest.approx(min(mean, 120) / 120 * 100)


def test_results_alone_are_the_whole_composite_not_sixty_percent_of_it() -> None:
    score = rules.compute([utama(90)], None)

    assert score.composite == pytest.approx(75.0)
    assert "composite.redistributed" in {line.code for line in score.explanation}


def test_assessment_without_evidence_uses_both_ratings() -> None:
    score = rules.compute([], rated(Rating.DIATAS, Rating.DIBAWAH))

    assert score.composite == pytest.approx(0.6 * 100 + 0.4 * 40)
    assert score.achievement_pct is None


def test_full_evidence_weighs_results_sixty_and_behaviour_forty() -> None:
    score = rules.compute([utama(120)], rated(Rating.SESUAI, Rating.SESUAI))

    assert score.composite == pytest.approx(0.6 * 100 + 0.4 * 80)
    assert "composite.redistributed" not in {line.code for line in score.explanation}


def test_achievement_above_the_cap_counts_as_the_cap() -> None:
    assert rules.compute([utama(500)], None).composite == pytest.approx(100)


@given(achievement_lists, st.none() | assessments)
def test_score_is_provisional_exactly_when_the_ppk_has_not_rated(
    achievements: list[rules.Achievement], assessment: rules.Assessment | None
) -> None:
    score = rules.compute(achievements, assessment)

    assert score.provisional is (assessment is None)
    codes = {line.code for line in score.explanation}
    assert ("predikat.provisional" in codes) is score.provisional
    assert ("predikat.official" in codes) is not score.provisional


@given(achievement_lists, st.none() | assessments)
def test_every_explanation_line_speaks_both_languages(
    achievements: list[rules.Achievement], assessment: rules.Assessment | None
) -> None:
    score = rules.compute(achievements, assessment)

    assert score.explanation
    assert all(line.id and line.en and line.id != line.en for line in score.explanation)


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
    score = rules.compute([utama(130), utama(125)], None)

    assert score.rating_perilaku is Rating.SESUAI
    assert score.predikat is Predikat.BAIK  # DIATAS x SESUAI
