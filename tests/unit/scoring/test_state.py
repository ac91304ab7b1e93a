"""Scoring state: events fold into one state whose score does not depend on arrival order."""

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contracts import AppealDecided, AssessmentSubmitted, Event, ProgressReported, SkpApproved
from contracts.vocabulary import Predikat, RhkKind
from scoring import evaluate, state
from scoring.formula import FORMULAS
from tests import factories
from tests.unit.scoring.support import (
    CONTEXT,
    IKI,
    at,
    fold,
    histories,
    plan,
    rearranged,
    score_of,
)

NIP = "199001010000000042"


def replay(events: Sequence[Event]) -> state.State:
    return fold(NIP, events)


def progress(pct: float, minute: int, *, iki: int = 0, period: str = "2026-03") -> ProgressReported:
    rhk_id, iki_id = IKI[iki]
    return factories.progress(
        NIP, pct, period=period, rhk_id=rhk_id, iki_id=iki_id, occurred_at=at(minute)
    )


def assessment(
    hasil: str, perilaku: str, minute: int, *, final: bool = False
) -> AssessmentSubmitted:
    return factories.assessment(NIP, hasil, perilaku, final=final, occurred_at=at(minute))


def appeal(hasil: str, perilaku: str, minute: int, **fields: Any) -> AppealDecided:
    return factories.appeal_decided(NIP, hasil, perilaku, occurred_at=at(minute), **fields)


def skp(kind_1: str, kind_2: str, minute: int) -> SkpApproved:
    return plan(NIP, kind_1, kind_2).model_copy(update={"occurred_at": at(minute)})


def document(current: state.State) -> dict[str, Any] | None:
    computed = evaluate.score(current, CONTEXT, None)
    return evaluate.result_document(computed) if computed else None


def pcts(current: state.State) -> list[float]:
    return [item.pct for item in evaluate.latest_iki(current)]


@settings(deadline=None, max_examples=80)  # pydantic models per example; timing varies
@given(st.data(), histories([NIP]))
def test_any_arrival_order_and_redelivery_give_the_same_result(
    data: st.DataObject, events: list[Event]
) -> None:
    shuffled = rearranged(data, events)

    in_order, out_of_order = replay(events), replay(shuffled)

    assert document(out_of_order) == document(in_order)
    assert evaluate.score_period(out_of_order) == evaluate.score_period(in_order)


@settings(deadline=None, max_examples=50)
@given(histories([NIP], max_size=12))
def test_applying_an_event_again_changes_nothing(events: list[Event]) -> None:
    once = replay(events)

    assert replay([*events, *events]) == once
    assert document(replay([event for event in events for _ in range(2)])) == document(once)


def test_older_report_does_not_replace_a_newer_correction() -> None:
    state_ = replay([progress(120, minute=10), progress(40, minute=5)])

    assert pcts(state_) == [120]


def test_newer_correction_replaces_the_report() -> None:
    state_ = replay([progress(40, minute=5), progress(120, minute=10)])

    assert pcts(state_) == [120]


def test_stale_event_leaves_state_untouched() -> None:
    state_ = replay([progress(120, minute=10)])

    assert state.apply_progress(state_, progress(40, minute=5)) is state_


def test_latest_period_of_each_iki_counts() -> None:
    state_ = replay([progress(90, minute=9, period="2026-02"), progress(50, minute=1)])

    assert pcts(state_) == [50]
    assert evaluate.score_period(state_) == "2026-03"


def test_older_plan_does_not_replace_a_newer_one() -> None:
    state_ = replay([skp("tambahan", "tambahan", 10), skp("utama", "utama", 1), progress(50, 20)])

    assert [item.kind for item in evaluate.latest_iki(state_)] == [RhkKind.TAMBAHAN]


def test_iki_outside_a_known_plan_counts_as_utama() -> None:
    state_ = replay([progress(50, minute=1, iki=2)])

    assert [item.kind for item in evaluate.latest_iki(state_)] == [RhkKind.UTAMA]


def test_final_assessment_beats_a_later_non_final_one() -> None:
    final = assessment("DIBAWAH", "DIBAWAH", minute=1, final=True)
    later = assessment("DIATAS", "DIATAS", minute=50)

    for events in ([final, later], [later, final]):
        assert score_of(replay(events)).predikat is Predikat.SANGAT_KURANG


def test_newest_non_final_assessment_wins_by_time_not_arrival() -> None:
    first = assessment("DIBAWAH", "DIBAWAH", minute=1)
    second = assessment("DIATAS", "DIATAS", minute=2)

    assert score_of(replay([second, first])).predikat is Predikat.SANGAT_BAIK


def test_assessed_period_is_the_period_the_score_speaks_for() -> None:
    rating = factories.assessment(NIP, period="2026-Q4", occurred_at=at(1))
    state_ = replay([progress(90, minute=2, period="2026-11"), rating])

    assert evaluate.score_period(state_) == "2026-Q4"
    assert score_of(state_).period == "2026-Q4"


def test_empty_state_speaks_for_the_whole_year_and_has_no_score() -> None:
    empty = state.new_state(factories.REGION, NIP, 2026)

    assert evaluate.score_period(empty) == "2026"
    assert evaluate.score(empty, CONTEXT, None) is None


def test_score_event_carries_the_state_and_formula() -> None:
    state_ = replay([progress(90, minute=1), assessment("SESUAI", "DIATAS", minute=2)])

    event = score_of(state_)

    assert (event.region, event.nip, event.year, event.period, event.predikat) == (
        factories.REGION,
        NIP,
        2026,
        "2026-11",
        Predikat.BAIK,
    )
    assert event.formula_version == FORMULAS[0].version
    document = evaluate.result_document(event)
    assert set(document) >= {"predikat", "composite", "explanation", "receipt", "formula_version"}
    assert not {"event_id", "occurred_at", "type", "version", "producer"} & set(document)


def test_reports_with_the_same_timestamp_resolve_the_same_way_in_any_order() -> None:
    nip = factories.nip()
    first = factories.progress(nip, 80.0)
    second = factories.progress(nip, 120.0).model_copy(update={"occurred_at": first.occurred_at})
    empty = state.new_state(factories.REGION, nip, 2026)
    forwards = state.apply_progress(state.apply_progress(empty, first), second)
    backwards = state.apply_progress(state.apply_progress(empty, second), first)
    assert forwards["progress"] == backwards["progress"]


def test_time_is_kept_to_the_millisecond_the_store_keeps() -> None:
    # A correction 0.4 ms later is the same moment to the store: the event id decides, so a
    # replay from the store and the live fold agree.
    first = progress(40, minute=1)
    second = progress(120, minute=1).model_copy(
        update={"occurred_at": first.occurred_at + timedelta(microseconds=400)}
    )
    winner = max((first, second), key=lambda event: str(event.event_id))

    for events in ([first, second], [second, first]):
        assert pcts(replay(events)) == [winner.achievement_pct]


def test_an_appeal_decision_replaces_the_ppk_ratings_in_any_order() -> None:
    rated = assessment("DIBAWAH", "SESUAI", minute=1)
    decided = appeal("SESUAI", "SESUAI", minute=5)
    for events in ([rated, decided], [decided, rated]):
        score = score_of(replay(events))
        assert score.predikat is Predikat.BAIK
        assert not score.provisional
        line = next(line for line in score.explanation if line.code == "predikat.appeal")
        assert "diubah" in line.id


def test_an_appeal_decision_alone_is_official() -> None:
    score = score_of(replay([appeal("DIATAS", "DIATAS", minute=5)]))

    assert (score.predikat, score.provisional) == (Predikat.SANGAT_BAIK, False)


def test_a_confirmed_appeal_keeps_the_ratings_and_says_so() -> None:
    rated = assessment("DIBAWAH", "SESUAI", minute=1)
    confirmed = appeal("DIBAWAH", "SESUAI", minute=5, decision="confirmed")
    score = score_of(replay([rated, confirmed]))
    assert score.predikat is Predikat.BUTUH_PERBAIKAN
    assert any("(confirmed)" in line.en for line in score.explanation)


def test_a_re_rating_after_the_decision_makes_the_decision_stale() -> None:
    decided = appeal("DIATAS", "DIATAS", minute=5)
    re_rated = factories.assessment(
        NIP, "SESUAI", "SESUAI", assessment_id="a-second", occurred_at=at(9)
    )
    state_ = replay([assessment("DIBAWAH", "SESUAI", minute=1), decided, re_rated])
    assert score_of(state_).predikat is Predikat.BAIK
    assert state.deciding_appeal(state_) is None


Newest = tuple[Callable[[int], Event], Callable[[int], Event], Callable[[state.State], Any]]
NEWEST_WINS: dict[str, Newest] = {
    "feedback-edit": (
        lambda minute: factories.peer_feedback(NIP, {"akuntabel": 2}, occurred_at=at(minute)),
        lambda minute: factories.peer_feedback(NIP, {"akuntabel": 5}, occurred_at=at(minute)),
        lambda s: [entry["scores"] for entry in s["feedback"].values()],
    ),
    "supervisor-note": (
        lambda minute: factories.supervisor_note(NIP, False, occurred_at=at(minute)),
        lambda minute: factories.supervisor_note(NIP, True, occurred_at=at(minute)),
        lambda s: [entry["positive"] for entry in s["notes"].values()],
    ),
    "attendance-correction": (
        lambda minute: factories.attendance(NIP, date(2026, 2, 2), "alpa", occurred_at=at(minute)),
        lambda minute: factories.attendance(NIP, date(2026, 2, 2), "sakit", occurred_at=at(minute)),
        lambda s: [entry["status"] for entry in s["attendance"].values()],
    ),
    "officer-rating": (
        lambda minute: factories.survey(
            "s-1", {"U1": 1}, officer_nip=NIP, officer_rating=1, occurred_at=at(minute)
        ),
        lambda minute: factories.survey(
            "s-1", {"U1": 4}, officer_nip=NIP, officer_rating=5, occurred_at=at(minute)
        ),
        lambda s: [entry["rating"] for entry in s["citizen"].values()],
    ),
}


@pytest.mark.parametrize("case", NEWEST_WINS, ids=list(NEWEST_WINS))
def test_newest_fact_per_key_wins_by_stamp_not_arrival(case: str) -> None:
    older, newer, read = NEWEST_WINS[case]
    expected = read(replay([newer(9)]))

    assert read(replay([older(1), newer(9)])) == expected
    assert read(replay([newer(9), older(1)])) == expected
    assert len(expected) == 1
