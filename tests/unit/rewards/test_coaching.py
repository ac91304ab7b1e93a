"""Pembinaan: weak predikats start a plan with goals from the receipt, sessions and outcome."""

from datetime import date, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from contracts.vocabulary import CoachingKind, CoachingOutcome, Predikat
from rewards.bilingual import Refusal
from rewards.coaching import (
    CoachingPlan,
    CompetencyCheck,
    Focus,
    Session,
    SessionFeedback,
    link_next_result,
    needs_coaching,
    record_check,
    record_feedback,
    record_session,
    start_plan,
)
from rewards.rulebook import CoachingRule
from tests.unit.rewards import factories

PPK, NIP = "198001012005011001", "199203102015032003"
START = date(2026, 12, 3)
RECEIPT = factories.receipt(
    improve=(
        factories.line("iki.rhk-1.iki-2", "IKI Kunjungan rumah: capaian 60.0%."),
        factories.line("value.harmonis", "Harmonis: 2.50 dari 5."),
    ),
    strengths=(factories.line("value.akuntabel", "Akuntabel: 4.6 dari 5."),),
)


def plan(predikat: Predikat = Predikat.SANGAT_KURANG, **fields: Any) -> CoachingPlan:
    values: dict[str, Any] = {
        "region": factories.REGION,
        "nip": NIP,
        "period": "2026-11",
        "predikat": predikat,
        "composite": 55.0,
        "receipt": RECEIPT,
        "ppk_nip": PPK,
        "started_on": START,
        "rule": CoachingRule(follow_up_days=30),
    } | fields
    started = start_plan(**values)
    assert started is not None
    return started


@pytest.mark.parametrize(
    ("predikat", "needed"),
    [
        (Predikat.SANGAT_BAIK, False),
        (Predikat.BAIK, False),
        (Predikat.BUTUH_PERBAIKAN, True),
        (Predikat.KURANG, True),
        (Predikat.SANGAT_KURANG, True),
    ],
)
def test_weak_predikats_start_a_plan_and_good_ones_do_not(predikat: Predikat, needed: bool) -> None:
    started = start_plan(
        region=factories.REGION,
        nip=NIP,
        period="2026-11",
        predikat=predikat,
        composite=70.0,
        receipt=RECEIPT,
        ppk_nip=PPK,
        started_on=START,
        rule=CoachingRule(),
    )

    assert needs_coaching(predikat) is needed
    assert (started is not None) is needed


@pytest.mark.parametrize(
    ("predikat", "tracks"),
    [
        (Predikat.BUTUH_PERBAIKAN, [(Focus.RESULTS, CoachingKind.COACHING)]),
        (Predikat.KURANG, [(Focus.BEHAVIOUR, CoachingKind.COUNSELLING)]),
        (
            Predikat.SANGAT_KURANG,
            [(Focus.RESULTS, CoachingKind.COACHING), (Focus.BEHAVIOUR, CoachingKind.COUNSELLING)],
        ),
    ],
)
def test_results_get_coaching_and_behaviour_gets_counselling(
    predikat: Predikat, tracks: list[tuple[Focus, CoachingKind]]
) -> None:
    assert [(t.focus, t.kind) for t in plan(predikat).tracks] == tracks


def test_mentoring_may_be_chosen_for_results_but_counselling_may_not() -> None:
    mentored = plan(Predikat.BUTUH_PERBAIKAN, results_kind=CoachingKind.MENTORING)

    assert mentored.tracks[0].kind is CoachingKind.MENTORING
    with pytest.raises(Refusal):
        plan(Predikat.BUTUH_PERBAIKAN, results_kind=CoachingKind.COUNSELLING)


def test_the_ppk_coaches_unless_someone_is_named() -> None:
    mentor = "197501012000011001"

    assert plan().coach_nip == PPK
    assert plan(coach_nip=mentor).coach_nip == mentor


def test_without_a_ppk_or_a_named_coach_no_plan_starts() -> None:
    with pytest.raises(Refusal) as refusal:
        plan(ppk_nip=None)

    assert "PPK" in refusal.value.text.id
    assert "coach" in refusal.value.text.en


def test_nobody_coaches_themselves() -> None:
    with pytest.raises(Refusal):
        plan(coach_nip=NIP)


def test_goals_come_from_the_receipts_areas_to_improve_matching_the_focus() -> None:
    results_only = plan(Predikat.BUTUH_PERBAIKAN)
    both = plan(Predikat.SANGAT_KURANG)

    assert [(g.code, g.focus) for g in results_only.goals] == [("iki.rhk-1.iki-2", Focus.RESULTS)]
    assert [g.code for g in both.goals] == ["iki.rhk-1.iki-2", "value.harmonis"]
    assert all(g.from_receipt for g in both.goals)
    assert both.goals[0].id.startswith("ID IKI Kunjungan")


def test_a_focus_the_receipt_says_nothing_about_gets_a_general_goal() -> None:
    started = plan(Predikat.KURANG, receipt=factories.receipt())

    assert [(g.focus, g.from_receipt) for g in started.goals] == [(Focus.BEHAVIOUR, False)]
    assert "BerAKHLAK" in started.goals[0].id


def test_the_follow_up_is_due_after_the_regions_days() -> None:
    assert plan(rule=CoachingRule(follow_up_days=45)).follow_up_on == START + timedelta(days=45)


def test_the_plan_id_is_the_same_on_a_replay() -> None:
    assert plan().plan_id == plan().plan_id != plan(period="2026-12").plan_id


def session(
    session_id: str = "s1", kind: CoachingKind = CoachingKind.COACHING, **fields: object
) -> Session:
    return Session.model_validate(
        {"session_id": session_id, "held_on": START, "kind": kind, "notes": "Target disepakati."}
        | fields
    )


def test_sessions_feedback_and_checks_are_recorded() -> None:
    started = plan()

    after = record_session(started, session())
    after = record_session(after, session("s2", CoachingKind.COUNSELLING))
    after = record_feedback(after, SessionFeedback(session_id="s1", helpful=4, comment="Jelas."))
    after = record_check(
        after, CompetencyCheck(checked_on=START, scores={"pelayanan pasien": 3, "pencatatan": 2})
    )

    assert [s.session_id for s in after.sessions] == ["s1", "s2"]
    assert after.feedback[0].helpful == 4
    assert after.checks[0].scores["pencatatan"] == 2
    assert started.sessions == ()  # plans are values; recording returns a new one


def test_a_session_before_the_plan_started_is_refused() -> None:
    with pytest.raises(Refusal) as refusal:
        record_session(plan(), session(held_on=START - timedelta(days=1)))

    assert str(START) in refusal.value.text.en


def test_a_session_kind_the_plan_does_not_use_is_refused() -> None:
    with pytest.raises(Refusal):
        record_session(plan(Predikat.KURANG), session(kind=CoachingKind.COACHING))


def test_a_session_recorded_twice_is_refused() -> None:
    with pytest.raises(Refusal):
        record_session(record_session(plan(), session()), session())


def test_feedback_needs_a_recorded_session_and_comes_once() -> None:
    started = record_session(plan(), session())

    with pytest.raises(Refusal):
        record_feedback(started, SessionFeedback(session_id="s9", helpful=3))
    once = record_feedback(started, SessionFeedback(session_id="s1", helpful=3))
    with pytest.raises(Refusal):
        record_feedback(once, SessionFeedback(session_id="s1", helpful=5))


@pytest.mark.parametrize("value", [0, 6, 2.5, "4"])
def test_competency_and_helpfulness_are_whole_numbers_from_1_to_5(value: object) -> None:
    with pytest.raises(ValidationError):
        CompetencyCheck.model_validate({"checked_on": START, "scores": {"komunikasi": value}})
    with pytest.raises(ValidationError):
        SessionFeedback.model_validate({"session_id": "s1", "helpful": value})


def test_a_check_needs_at_least_one_competency_and_session_notes_are_required() -> None:
    with pytest.raises(ValidationError):
        CompetencyCheck(checked_on=START, scores={})
    with pytest.raises(ValidationError):
        session(notes="   ")


@pytest.mark.parametrize(
    ("predikat", "outcome"),
    [
        (Predikat.BAIK, CoachingOutcome.IMPROVED),
        (Predikat.KURANG, CoachingOutcome.IMPROVED),
        (Predikat.SANGAT_KURANG, CoachingOutcome.SAME),
    ],
)
def test_the_next_periods_result_shows_the_change(
    predikat: Predikat, outcome: CoachingOutcome
) -> None:
    linked = link_next_result(plan(), period="2026-12", predikat=predikat, composite=71.5)

    assert linked.next_result is not None
    assert linked.next_result.outcome is outcome
    assert linked.next_result.composite_change == pytest.approx(16.5)


def test_a_worse_predikat_is_worse() -> None:
    linked = link_next_result(
        plan(Predikat.BUTUH_PERBAIKAN), period="2027-01", predikat=Predikat.KURANG, composite=50.0
    )

    assert linked.next_result is not None
    assert linked.next_result.outcome is CoachingOutcome.WORSE


@pytest.mark.parametrize("period", ["2026-11", "2026-10", "2026-Q4", "2027"])
def test_only_a_later_period_of_the_same_cadence_can_be_linked(period: str) -> None:
    with pytest.raises(Refusal):
        link_next_result(plan(), period=period, predikat=Predikat.BAIK, composite=80.0)
