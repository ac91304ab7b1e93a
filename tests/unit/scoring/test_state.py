"""Scoring state: events fold into one state whose score does not depend on arrival order."""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from contracts import AppealDecided, AssessmentSubmitted, Event, ProgressReported, SkpApproved
from contracts.vocabulary import Predikat, Rating, RhkKind
from scoring import service
from tests import factories

NIP = "199001010000000042"
T0 = datetime(2026, 1, 1, tzinfo=UTC)
IKI = [("rhk-1", "iki-1"), ("rhk-1", "iki-2"), ("rhk-2", "iki-3")]


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def replay(events: Sequence[Event]) -> service.State:
    state = service.new_state(factories.REGION, NIP, 2026)
    for event in events:
        if isinstance(event, SkpApproved):
            state = service.apply_skp(state, event)
        elif isinstance(event, ProgressReported):
            state = service.apply_progress(state, event)
        elif isinstance(event, AssessmentSubmitted):
            state = service.apply_assessment(state, event)
        elif isinstance(event, AppealDecided):
            state = service.apply_appeal(state, event)
    return state


def plan(kind_1: str, kind_2: str, minute: int) -> SkpApproved:
    first = factories.rhk(kind_1, rhk_id="rhk-1", iki_id="iki-1")
    second_iki = first.iki[0].model_copy(update={"iki_id": "iki-2"})
    first = first.model_copy(update={"iki": (*first.iki, second_iki)})
    second = factories.rhk(kind_2, rhk_id="rhk-2", iki_id="iki-3")
    skp = factories.skp_approved(NIP, rhks=(first, second))
    return skp.model_copy(update={"occurred_at": at(minute)})


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


Spec = tuple[Any, ...]
kinds = st.sampled_from([kind.value for kind in RhkKind])
ratings = st.sampled_from([rating.value for rating in Rating])
periods = st.sampled_from(["2026-01", "2026-02", "2026-03"])
specs = st.one_of(
    st.tuples(st.just("skp"), kinds, kinds),
    st.tuples(st.just("progress"), st.floats(0, 300), st.integers(0, len(IKI) - 1), periods),
    st.tuples(st.just("assessment"), ratings, ratings, st.booleans()),
    st.tuples(st.just("appeal"), ratings, ratings, st.sampled_from(["a-", "stale-"])),
)


def make(spec: Spec, minute: int) -> Event:
    match spec:
        case ("skp", kind_1, kind_2):
            return plan(kind_1, kind_2, minute)
        case ("progress", pct, iki, period):
            return progress(pct, minute, iki=iki, period=period)
        case ("assessment", hasil, perilaku, final):
            return assessment(hasil, perilaku, minute, final=final)
        case ("appeal", hasil, perilaku, about):
            return appeal(hasil, perilaku, minute, assessment_id=f"{about}{NIP}")
    raise AssertionError(spec)


@settings(deadline=None)  # pydantic models per example; timing varies under load
@given(st.data(), st.lists(specs, min_size=1, max_size=15))
def test_any_arrival_order_gives_the_same_score(data: st.DataObject, drawn: list[Spec]) -> None:
    events = [make(spec, minute) for minute, spec in enumerate(drawn)]  # distinct times
    shuffled = data.draw(st.permutations(events))

    in_order, out_of_order = replay(events), replay(shuffled)

    assert service.score_of(out_of_order) == service.score_of(in_order)
    assert service.score_period(out_of_order) == service.score_period(in_order)


def test_older_report_does_not_replace_a_newer_correction() -> None:
    state = replay([progress(120, minute=10), progress(40, minute=5)])

    assert [item.pct for item in service.achievements(state)] == [120]


def test_newer_correction_replaces_the_report() -> None:
    state = replay([progress(40, minute=5), progress(120, minute=10)])

    assert [item.pct for item in service.achievements(state)] == [120]


def test_stale_event_leaves_state_untouched() -> None:
    state = replay([progress(120, minute=10)])

    assert service.apply_progress(state, progress(40, minute=5)) is state


def test_latest_period_of_each_iki_counts() -> None:
    state = replay([progress(90, minute=9, period="2026-02"), progress(50, minute=1)])

    assert [item.pct for item in service.achievements(state)] == [50]
    assert service.score_period(state) == "2026-03"


def test_older_plan_does_not_replace_a_newer_one() -> None:
    newer = plan("tambahan", "tambahan", minute=10)
    older = plan("utama", "utama", minute=1)

    state = replay([newer, older, progress(50, minute=20)])

    assert [item.kind for item in service.achievements(state)] == [RhkKind.TAMBAHAN]


def test_iki_outside_a_known_plan_counts_as_utama() -> None:
    state = replay([progress(50, minute=1, iki=2)])

    assert [item.kind for item in service.achievements(state)] == [RhkKind.UTAMA]


def test_final_assessment_beats_a_later_non_final_one() -> None:
    final = assessment("DIBAWAH", "DIBAWAH", minute=1, final=True)
    later = assessment("DIATAS", "DIATAS", minute=50)

    for events in ([final, later], [later, final]):
        score = service.score_of(replay(events))
        assert score.predikat is Predikat.SANGAT_KURANG


def test_newest_non_final_assessment_wins() -> None:
    first = assessment("DIBAWAH", "DIBAWAH", minute=1)
    second = assessment("DIATAS", "DIATAS", minute=2)

    assert service.score_of(replay([second, first])).predikat is Predikat.SANGAT_BAIK


def test_assessed_period_is_the_period_the_score_speaks_for() -> None:
    rating = factories.assessment(NIP, period="2026-Q4", occurred_at=at(1))
    state = replay([progress(90, minute=2, period="2026-11"), rating])

    assert service.score_period(state) == "2026-Q4"


def test_empty_state_speaks_for_the_whole_year() -> None:
    assert service.score_period(service.new_state(factories.REGION, NIP, 2026)) == "2026"


def test_score_event_carries_the_state_and_formula() -> None:
    state = replay([progress(90, minute=1), assessment("SESUAI", "DIATAS", minute=2)])

    event = service.score_event(state, service.score_of(state))

    assert (event.nip, event.year, event.period, event.predikat) == (
        NIP,
        2026,
        "2026-11",
        Predikat.BAIK,
    )
    assert event.formula_version == "skeleton-1"
    assert set(service.result_document(event)) >= {"predikat", "composite", "explanation"}
    assert "event_id" not in service.result_document(event)


def test_reports_with_the_same_timestamp_resolve_the_same_way_in_any_order() -> None:
    nip = factories.nip()
    first = factories.progress(nip, 80.0)
    second = factories.progress(nip, 120.0).model_copy(update={"occurred_at": first.occurred_at})
    empty = service.new_state(factories.REGION, nip, 2026)
    forwards = service.apply_progress(service.apply_progress(empty, first), second)
    backwards = service.apply_progress(service.apply_progress(empty, second), first)
    assert forwards["progress"] == backwards["progress"]


def test_an_appeal_decision_replaces_the_ppk_ratings_in_any_order() -> None:
    rated = assessment("DIBAWAH", "SESUAI", minute=1)
    decided = appeal("SESUAI", "SESUAI", minute=5)
    for events in ([rated, decided], [decided, rated]):
        score = service.score_of(replay(events))
        assert score.predikat is Predikat.BAIK
        assert not score.provisional
        line = next(line for line in score.explanation if line.code == "predikat.appeal")
        assert "diubah" in line.id


def test_a_confirmed_appeal_keeps_the_ratings_and_says_so() -> None:
    rated = assessment("DIBAWAH", "SESUAI", minute=1)
    confirmed = appeal("DIBAWAH", "SESUAI", minute=5, decision="confirmed")
    score = service.score_of(replay([rated, confirmed]))
    assert score.predikat is Predikat.BUTUH_PERBAIKAN
    assert any("(confirmed)" in line.en for line in score.explanation)


def test_a_re_rating_after_the_decision_makes_the_decision_stale() -> None:
    decided = appeal("DIATAS", "DIATAS", minute=5)
    re_rated = factories.assessment(
        NIP, "SESUAI", "SESUAI", assessment_id="a-second", occurred_at=at(9)
    )
    state = replay([assessment("DIBAWAH", "SESUAI", minute=1), decided, re_rated])
    assert service.score_of(state).predikat is Predikat.BAIK
    assert service.deciding_appeal(state) is None
