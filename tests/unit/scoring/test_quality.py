"""A unit's service quality from its facts: the exact IKM and band, complaint signals."""

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from contracts import Event
from scoring import quality, state
from tests import factories
from tests.unit.scoring.support import at, fold_region

ELEMENTS = [f"U{number}" for number in range(1, 10)]


def everyone(value: int, **overrides: int) -> dict[str, int]:
    return dict.fromkeys(ELEMENTS, value) | overrides


# Worked by hand (as in test_ikm): 4 respondents; NRR 3.5 on seven elements, U3 3.25, U9 2.75.
# IKM = 25 x 30.5 / 9 = 1525/18 = 84.7222... -> 84.72, band B (Baik).
HAND = [everyone(4), everyone(3), everyone(3, U3=2), everyone(4, U9=1)]


def surveys(
    answers: list[dict[str, int]], *, period: str = "2026-11", first: int = 0
) -> list[Event]:
    return [
        factories.survey(f"s-{first + number}", item, period=period, occurred_at=at(number))
        for number, item in enumerate(answers)
    ]


def result(events: Sequence[Event]) -> dict[str, Any]:
    _, units = fold_region(events)
    return quality.unit_result(units["unit-1"])


def test_the_ikm_is_exact_with_its_display_value_and_band() -> None:
    year = result(surveys(HAND))["year"]

    assert (year["responses"], year["exact"], year["ikm"]) == (4, "1525/18", "84.72")
    assert (year["band"], year["band_id"], year["band_en"]) == ("B", "Baik", "Good")
    nrr = {item["element"]: item["nrr"] for item in year["elements"]}
    assert (nrr["U1"], nrr["U3"], nrr["U9"]) == ("7/2", "13/4", "11/4")
    assert year["missing"] == []


def test_a_value_on_a_rounding_edge_is_rounded_once_half_up() -> None:
    # 31 respondents answer 2 everywhere, 9 answer 3: mean NRR 89/40, IKM exactly 55.625.
    # Float arithmetic gives 55.62499999999999 and would show 55.62.
    year = result(surveys([everyone(2)] * 31 + [everyone(3)] * 9))["year"]

    assert (year["exact"], year["ikm"], year["band"]) == ("445/8", "55.63", "D")


def test_each_period_has_its_own_ikm_and_the_year_pools_them() -> None:
    events = [*surveys([everyone(4)] * 2, period="2026-10"), *surveys(HAND, first=2)]

    found = result(events)

    assert list(found["periods"]) == ["2026-10", "2026-11"]
    assert found["periods"]["2026-10"]["exact"] == "100/1"
    assert found["periods"]["2026-11"]["exact"] == "1525/18"
    assert found["year"]["responses"] == 6


def test_an_element_nobody_answered_is_left_out_not_counted_as_zero() -> None:
    year = result(surveys([{"U1": 4, "U2": 4}, {"U1": 4, "U2": 2}]))["year"]

    assert year["exact"] == "175/2"  # 25 x (4 + 3) / 2
    assert year["missing"] == ELEMENTS[2:]


def test_a_resubmitted_survey_replaces_the_first_answers() -> None:
    first = factories.survey("s-1", everyone(1), occurred_at=at(1))
    again = factories.survey("s-1", everyone(4), occurred_at=at(2))

    for events in ([first, again], [again, first]):
        assert result(events)["year"]["exact"] == "100/1"


def complaint_history() -> list[Event]:
    return [
        factories.complaint_filed("c-1", occurred_at=at(0)),
        factories.complaint_status("c-1", "in_progress", 1, occurred_at=at(60)),
        factories.complaint_status(
            "c-1", "resolved", 10, from_status="in_progress", occurred_at=at(600)
        ),
        factories.complaint_filed("c-2", occurred_at=at(30)),
        factories.complaint_filed("c-3", occurred_at=at(40)),
        factories.complaint_status("c-3", "rejected", 2, occurred_at=at(160)),
        factories.unit_predicate("unit-1", "ISTIMEWA", occurred_at=at(1)),
        factories.unit_predicate("unit-1", "BAIK", occurred_at=at(2)),
        *surveys(HAND),
    ]


def test_complaint_signals_count_and_time_the_resolutions() -> None:
    found = result(complaint_history())

    signals = found["complaints"]
    assert (signals["count"], signals["open_count"], signals["resolved_count"]) == (3, 1, 1)
    assert signals["median_resolution_hours"] == 10
    assert signals["within_sla_share"] == 1.0
    assert found["org_predikat"] == "BAIK"


def test_a_resolution_that_arrives_before_its_filing_is_timed_the_same() -> None:
    resolved = factories.complaint_status("c-1", "resolved", 10, occurred_at=at(600))
    filed = factories.complaint_filed("c-1", occurred_at=at(0))

    alone = result([resolved])["complaints"]
    both = result([resolved, filed])["complaints"]

    assert alone["median_resolution_hours"] == both["median_resolution_hours"] == 10
    assert alone["resolved_count"] == both["resolved_count"] == 1


def test_a_unit_without_facts_has_nothing_to_show() -> None:
    assert quality.unit_result(state.new_unit(factories.REGION, "unit-1", 2026)) == {
        "year": None,
        "periods": {},
        "complaints": None,
        "org_predikat": None,
    }


HISTORY = complaint_history()


@settings(deadline=None, max_examples=50)
@given(st.permutations(HISTORY), st.lists(st.sampled_from(HISTORY), max_size=4))
def test_any_arrival_order_gives_the_same_unit_result(
    arrival: list[Event], again: list[Event]
) -> None:
    assert result([*arrival, *again]) == result(HISTORY)


def test_hours_open_are_counted_from_the_filing() -> None:
    found = result(
        [
            factories.complaint_filed("c-1", occurred_at=at(0)),
            factories.complaint_status(
                "c-1", "resolved", 200, occurred_at=at(0) + timedelta(hours=200)
            ),
        ]
    )["complaints"]

    assert (found["median_resolution_hours"], found["within_sla_share"]) == (200, 0.0)
