"""Targets rules: direction-aware achievement, the SKP workflow and unknown RHK/IKI."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts import Iki, Rhk
from kit.problems import DomainProblem
from targets import service
from targets.service import APPROVED, DRAFT, SUBMITTED
from tests import factories


def iki(target: float, direction: str = "higher_is_better") -> Iki:
    return factories.rhk(target=target, direction=direction).iki[0]


finite_positive = st.floats(min_value=0, exclude_min=True, allow_infinity=False)
finite_non_negative = st.floats(min_value=0, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize(
    ("target", "realisation", "expected"),
    [(100, 100, 100), (100, 50, 50), (40, 60, 150), (10, 0, 0)],
)
def test_more_is_better_when_higher_is_better(
    target: float, realisation: float, expected: float
) -> None:
    assert service.achievement_pct(iki(target), realisation) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("target", "realisation", "expected"),
    [(10, 10, 100), (10, 20, 50), (10, 8, 125), (10, 5, 200), (10, 1, 200)],
)
def test_less_is_better_when_lower_is_better(
    target: float, realisation: float, expected: float
) -> None:
    achievement = service.achievement_pct(iki(target, "lower_is_better"), realisation)

    assert achievement == pytest.approx(expected)


def test_zero_days_on_a_lower_is_better_indicator_is_capped_at_200() -> None:
    assert service.achievement_pct(iki(14, "lower_is_better"), 0) == 200.0


@given(finite_positive, finite_non_negative)
def test_lower_is_better_stays_between_0_and_200(target: float, realisation: float) -> None:
    achievement = service.achievement_pct(iki(target, "lower_is_better"), realisation)

    assert 0 <= achievement <= 200


@given(
    finite_positive, finite_non_negative, st.sampled_from(["higher_is_better", "lower_is_better"])
)
def test_every_valid_report_has_a_finite_achievement(
    target: float, realisation: float, direction: str
) -> None:
    # ProgressReport accepts any finite realisation >= 0, and ProgressReported refuses an
    # infinite achievement_pct: an overflow here turns a valid request into a 500.
    assert math.isfinite(service.achievement_pct(iki(target, direction), realisation))


def test_draft_can_be_submitted_and_submitted_can_be_approved() -> None:
    service.check_transition(DRAFT, SUBMITTED)
    service.check_transition(SUBMITTED, APPROVED)


@pytest.mark.parametrize(
    ("current", "wanted"),
    [
        (DRAFT, APPROVED),
        (DRAFT, DRAFT),
        (SUBMITTED, SUBMITTED),
        (SUBMITTED, DRAFT),
        (APPROVED, SUBMITTED),
        (APPROVED, APPROVED),
        ("rejected", APPROVED),
    ],
)
def test_any_other_transition_is_a_conflict(current: str, wanted: str) -> None:
    with pytest.raises(DomainProblem) as raised:
        service.check_transition(current, wanted)

    assert raised.value.status == 409
    assert raised.value.field == "status"
    assert current in raised.value.reason_id
    assert current in raised.value.reason_en


def plan() -> list[Rhk]:
    return [
        factories.rhk(rhk_id="rhk-1", iki_id="iki-1"),
        factories.rhk(rhk_id="rhk-2", iki_id="iki-2"),
    ]


def test_known_iki_is_found_in_its_rhk() -> None:
    assert service.find_iki(plan(), "rhk-2", "iki-2").iki_id == "iki-2"


def test_unknown_rhk_is_refused_naming_rhk_id() -> None:
    with pytest.raises(DomainProblem) as raised:
        service.find_iki(plan(), "rhk-9", "iki-1")

    assert (raised.value.status, raised.value.field) == (422, "rhk_id")
    assert raised.value.reason_id != raised.value.reason_en


def test_iki_of_another_rhk_is_refused_naming_iki_id() -> None:
    with pytest.raises(DomainProblem) as raised:
        service.find_iki(plan(), "rhk-1", "iki-2")

    assert (raised.value.status, raised.value.field) == (422, "iki_id")
    assert raised.value.reason_id != raised.value.reason_en
