"""The versioned composite 0-100: bounds, monotonicity, redistribution, deduction, versions."""

import dataclasses
import math
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from contracts.vocabulary import Rating, RhkKind
from scoring import formula
from scoring.formula import BEHAVIOUR, FORMULAS, OFFICIAL, RESULTS, Formula, Parts
from scoring.rules import Achievement

FIRST = FORMULAS[0]
ATAS, SESUAI, BAWAH = Rating.DIATAS, Rating.SESUAI, Rating.DIBAWAH

any_pcts = st.floats(min_value=0, allow_nan=False, allow_infinity=False)
achievements = st.lists(
    st.builds(Achievement, kind=st.sampled_from(RhkKind), pct=any_pcts), max_size=8
)
parts = st.builds(
    Parts,
    iki=achievements.map(tuple),
    behaviour=st.none() | st.floats(-10, 10),
    official=st.none() | st.tuples(st.sampled_from(Rating), st.sampled_from(Rating)),
    unexcused_days=st.integers(0, 40),
)


def utama(pct: float) -> Achievement:
    return Achievement(RhkKind.UTAMA, pct)


def tambahan(pct: float) -> Achievement:
    return Achievement(RhkKind.TAMBAHAN, pct)


def value_of(given_parts: Parts, version: Formula = FIRST) -> float:
    composite = version.composite(given_parts)
    assert composite is not None
    return composite.value


@given(parts)
def test_composite_and_its_parts_stay_within_their_bounds(given_parts: Parts) -> None:
    composite = FIRST.composite(given_parts)
    assume(composite is not None)
    assert composite is not None

    assert 0 <= composite.value <= 100
    assert all(0 <= points <= 100 for points in composite.points.values())
    assert all(0 <= weight <= 1 for weight in composite.weights.values())
    assert math.fsum(composite.weights.values()) == pytest.approx(1.0)
    assert 0 <= composite.deduction <= FIRST.max_deduction


def test_nothing_to_weigh_is_no_composite_not_zero() -> None:
    assert FIRST.composite(Parts()) is None
    assert FIRST.composite(Parts(unexcused_days=12)) is None


def test_huge_but_finite_achievements_do_not_crash_scoring() -> None:
    # ProgressReported.achievement_pct accepts any finite float >= 0.
    assert value_of(Parts(iki=(utama(1e308), utama(1e308)))) == pytest.approx(100)


@given(parts, st.data())
def test_more_achievement_never_lowers_the_composite(
    given_parts: Parts, data: st.DataObject
) -> None:
    assume(given_parts.iki)
    index = data.draw(st.integers(0, len(given_parts.iki) - 1), label="raised IKI")
    item = given_parts.iki[index]
    higher = item.pct + data.draw(st.floats(0, 1e6), label="raised by")
    raised = list(given_parts.iki)
    raised[index] = Achievement(item.kind, higher)

    after = value_of(dataclasses.replace(given_parts, iki=tuple(raised)))

    assert after >= value_of(given_parts)


@given(parts)
def test_a_missing_source_never_counts_as_zero(given_parts: Parts) -> None:
    composite = FIRST.composite(dataclasses.replace(given_parts, unexcused_days=0))
    assume(composite is not None)
    assert composite is not None

    present = set(composite.points)
    # The weights of the present parts, scaled to 1: a missing part drags nothing toward 0.
    total = math.fsum(FIRST.weights[name] for name in present)
    assert dict(composite.weights) == pytest.approx(
        {name: FIRST.weights[name] / total for name in present}
    )
    assert (
        min(composite.points.values()) - 1e-9
        <= composite.value
        <= max(composite.points.values()) + 1e-9
    )
    assert composite.redistributed is (present != set(FIRST.weights))
    assert (BEHAVIOUR in present) is (given_parts.behaviour is not None)
    assert (OFFICIAL in present) is (given_parts.official is not None)
    assert (RESULTS in present) is bool(given_parts.iki)


def test_results_alone_are_the_whole_composite_not_their_share_of_it() -> None:
    composite = FIRST.composite(Parts(iki=(utama(90),)))

    assert composite is not None
    assert composite.value == pytest.approx(75.0)
    assert composite.redistributed
    assert dict(composite.weights) == {RESULTS: 1.0}


def test_assessment_without_evidence_uses_both_ratings() -> None:
    assert value_of(Parts(official=(ATAS, BAWAH))) == pytest.approx((100 + 40) / 2)


def test_full_evidence_uses_the_published_weights() -> None:
    composite = FIRST.composite(Parts(iki=(utama(120),), behaviour=5.0, official=(SESUAI, SESUAI)))

    assert composite is not None
    assert composite.value == pytest.approx(0.45 * 100 + 0.30 * 100 + 0.25 * 80)
    assert not composite.redistributed
    assert dict(composite.weights) == pytest.approx(dict(FIRST.weights))


def test_without_behaviour_results_and_ratings_keep_their_proportion() -> None:
    value = value_of(Parts(iki=(utama(120),), official=(SESUAI, SESUAI)))

    assert value == pytest.approx((0.45 * 100 + 0.25 * 80) / (0.45 + 0.25))


def test_achievement_above_the_cap_counts_as_the_cap() -> None:
    assert value_of(Parts(iki=(utama(500),))) == pytest.approx(100)
    assert value_of(Parts(iki=(utama(120),))) == pytest.approx(100)


def test_an_utama_result_weighs_twice_a_tambahan() -> None:
    assert value_of(Parts(iki=(utama(120), tambahan(0)))) == pytest.approx(200 / 3)
    assert value_of(Parts(iki=(utama(0), tambahan(120)))) == pytest.approx(100 / 3)


@pytest.mark.parametrize(
    ("behaviour", "points"), [(1.0, 0.0), (3.0, 50.0), (5.0, 100.0), (0.0, 0.0), (9.0, 100.0)]
)
def test_behaviour_maps_1_to_5_onto_0_to_100(behaviour: float, points: float) -> None:
    assert value_of(Parts(behaviour=behaviour)) == pytest.approx(points)


@pytest.mark.parametrize(("days", "deduction"), [(0, 0), (1, 2), (3, 6), (10, 20), (40, 20)])
def test_unexcused_days_cost_two_points_each_up_to_twenty(days: int, deduction: float) -> None:
    composite = FIRST.composite(Parts(iki=(utama(120),), unexcused_days=days))

    assert composite is not None
    assert composite.deduction == deduction
    assert composite.value == pytest.approx(100 - deduction)


def test_the_deduction_never_takes_the_composite_below_zero() -> None:
    assert value_of(Parts(iki=(utama(0),), unexcused_days=30)) == 0


@pytest.mark.parametrize(
    ("behaviour", "suggested"),
    [
        (None, SESUAI),
        (5.0, ATAS),
        (4.25, ATAS),
        (4.2499, SESUAI),
        (2.75, SESUAI),
        (2.7499, BAWAH),
        (1.0, BAWAH),
    ],
)
def test_behaviour_evidence_suggests_a_rating(behaviour: float | None, suggested: Rating) -> None:
    assert FIRST.suggested_behaviour(behaviour) is suggested


@given(st.floats(1, 5), st.floats(1, 5))
def test_more_behaviour_evidence_never_suggests_a_lower_rating(low: float, high: float) -> None:
    order = [BAWAH, SESUAI, ATAS]
    low, high = sorted((low, high))

    assert order.index(FIRST.suggested_behaviour(low)) <= order.index(
        FIRST.suggested_behaviour(high)
    )


# --- versions ----------------------------------------------------------------------------------

JAN_2027 = datetime(2027, 1, 1, tzinfo=UTC)
VERSIONS = (
    FIRST,
    Formula(version="test-2027", effective_from=JAN_2027, points_per_absence=3.0),
    Formula(version="test-2028", effective_from=JAN_2027 + timedelta(days=365)),
)
moments = st.datetimes(
    min_value=datetime(1999, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)


def test_published_versions_are_ordered_unique_and_weigh_to_one() -> None:
    assert [f.effective_from for f in FORMULAS] == sorted(f.effective_from for f in FORMULAS)
    assert len({f.version for f in FORMULAS}) == len(FORMULAS)
    assert dict(formula.BY_VERSION) == {f.version: f for f in FORMULAS}
    for version in FORMULAS:
        assert math.fsum(version.weights.values()) == pytest.approx(1.0)
        assert version.effective_from.tzinfo is not None


@given(moments)
def test_a_year_uses_the_version_in_force_when_it_was_opened(opened_at: datetime) -> None:
    with mock.patch.object(formula, "FORMULAS", VERSIONS):
        chosen = formula.formula_for(opened_at)

    in_force = [f for f in VERSIONS if f.effective_from <= opened_at]
    assert chosen is (in_force[-1] if in_force else VERSIONS[0])


@pytest.mark.parametrize(
    ("opened_at", "version"),
    [
        (JAN_2027 - timedelta(microseconds=1), FIRST.version),
        (JAN_2027, "test-2027"),
        (datetime(2027, 12, 31, tzinfo=UTC), "test-2027"),
        (datetime(2029, 6, 1, tzinfo=UTC), "test-2028"),
    ],
)
def test_a_new_version_applies_from_its_date_only(opened_at: datetime, version: str) -> None:
    with mock.patch.object(formula, "FORMULAS", VERSIONS):
        assert formula.formula_for(opened_at).version == version


def test_a_version_pins_every_number_of_the_composite() -> None:
    days = Parts(iki=(utama(120),), unexcused_days=2)

    assert value_of(days, VERSIONS[0]) == pytest.approx(96)
    assert value_of(days, VERSIONS[1]) == pytest.approx(94)
