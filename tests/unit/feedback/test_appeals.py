"""Appeal rules: working-day deadlines, who files, explains and decides, what a decision carries."""

from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.vocabulary import AppealDecision, Rating
from feedback import appeals
from feedback.appeals import AppealTerms, Side
from feedback.settings import FeedbackSettings
from kit.auth import Principal, Role
from kit.calendar import WorkingDays
from kit.problems import DomainProblem

TERMS = AppealTerms(calendar=WorkingDays())
EMPLOYEE, PPK, ATASAN, HR = (f"19900101000000{n:04d}" for n in (1, 2, 3, 4))
ORIGINAL = {"rating_hasil_kerja": "SESUAI", "rating_perilaku": "SESUAI"}


def caller(nip: str, *roles: Role) -> Principal:
    return Principal(nip=nip, region="palangkaraya", roles=frozenset({Role.PEGAWAI, *roles}))


def appeal(**fields: Any) -> dict[str, Any]:
    values = {"nip": EMPLOYEE, "ppk_nip": PPK, "atasan_nip": ATASAN, "status": appeals.OPEN}
    return values | fields


def refusal(call: Any, *args: Any) -> DomainProblem:
    with pytest.raises(DomainProblem) as raised:
        call(*args)
    return raised.value


def test_the_filing_window_skips_weekends_and_national_holidays() -> None:
    # Mon 2 Feb 2026 + 14 working days; Tue 17 Feb (Lunar New Year) does not count.
    assert TERMS.filing_deadline(date(2026, 2, 2)) == date(2026, 2, 23)
    appeals.check_filing_in_time(TERMS, date(2026, 2, 2), date(2026, 2, 23))
    late = refusal(appeals.check_filing_in_time, TERMS, date(2026, 2, 2), date(2026, 2, 24))
    assert (late.status, late.field) == (422, "assessment_id")
    assert "2026-02-23" in late.reason_id
    assert "2026-02-23" in late.reason_en


def test_a_regions_joint_leave_day_extends_the_window() -> None:
    terms = AppealTerms(calendar=WorkingDays([date(2026, 2, 16)]))  # cuti bersama
    assert terms.filing_deadline(date(2026, 2, 2)) == date(2026, 2, 24)


def test_the_decision_is_due_seven_working_days_after_filing() -> None:
    assert TERMS.decide_by(date(2026, 2, 10)) == date(2026, 2, 20)


def test_days_left_counts_working_days_and_goes_negative_when_overdue() -> None:
    due = date(2026, 2, 20)  # a Friday
    assert TERMS.days_left(due, date(2026, 2, 18)) == 2
    assert TERMS.days_left(due, due) == 0
    assert TERMS.days_left(due, date(2026, 2, 22)) == 0  # the weekend after is not a day late
    assert TERMS.days_left(due, date(2026, 2, 23)) == -1
    view = appeals.deadline_view(TERMS, appeal(decide_by="2026-02-20"), date(2026, 2, 24))
    assert view == {"days_left": -2, "overdue": True}
    decided = appeal(decide_by="2026-02-20", status=appeals.DECIDED)
    assert appeals.deadline_view(TERMS, decided, date(2026, 3, 30)) == {
        "days_left": None,
        "overdue": False,
    }


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)))
def test_a_fresh_appeal_has_the_whole_decision_window_left(filed: date) -> None:
    assert TERMS.days_left(TERMS.decide_by(filed), filed) == TERMS.decision_days


def test_the_receiving_day_is_the_regions_calendar_day() -> None:
    evening_utc = {"at": datetime(2026, 2, 1, 20, 0, tzinfo=UTC)}  # 03:00 WIB on 2 Feb
    assert TERMS.received_on(evening_utc) == date(2026, 2, 2)
    assert TERMS.received_on({"at": datetime(2026, 2, 1, 20, 0)}) == date(2026, 2, 2)  # naive=UTC


def test_today_comes_from_the_injected_clock_in_the_regions_zone() -> None:
    terms = AppealTerms(calendar=WorkingDays(), clock=lambda: datetime(2026, 2, 9, 18, tzinfo=UTC))
    assert terms.today() == date(2026, 2, 10)


def test_settings_give_the_deadlines_days_off_and_zone() -> None:
    settings = FeedbackSettings(
        appeal_filing_days=10,
        extra_days_off=frozenset({date(2026, 2, 3)}),
        local_utc_offset_hours=9,
    )
    terms = AppealTerms.from_settings(settings)
    assert terms.filing_days == 10
    assert terms.decision_days == 7
    assert terms.filing_deadline(date(2026, 2, 2)) == date(2026, 2, 18)  # 3 and 17 Feb off
    assert terms.local_date(datetime(2026, 2, 1, 15, tzinfo=UTC)) == date(2026, 2, 2)


def test_only_the_evaluated_employee_files() -> None:
    assert appeals.check_appellant(EMPLOYEE, None) == EMPLOYEE
    assert appeals.check_appellant(EMPLOYEE, EMPLOYEE) == EMPLOYEE
    problem = refusal(appeals.check_appellant, PPK, EMPLOYEE)
    assert (problem.status, problem.field) == (403, "nip")


def test_an_appeal_targets_the_latest_assessment_of_the_period() -> None:
    current = {
        "assessment_id": "a-2",
        "history": [{"assessment_id": "a-1"}, {"assessment_id": "a-2"}],
    }
    assert appeals.check_current(current, "a-2") is current
    replaced = refusal(appeals.check_current, current, "a-1")
    assert (replaced.status, replaced.field) == (409, "assessment_id")
    assert "a-2" in replaced.reason_en
    assert refusal(appeals.check_current, current, "a-9").status == 422
    assert refusal(appeals.check_current, None, "a-1").status == 422
    final = refusal(appeals.check_current, current | {"final": True}, "a-2")  # atasan rated
    assert (final.status, final.field) == (409, "assessment_id")


def test_one_id_per_assessment_and_region() -> None:
    assert appeals.appeal_id("palangkaraya", "a-1") == appeals.appeal_id("palangkaraya", "a-1")
    assert appeals.appeal_id("palangkaraya", "a-1") != appeals.appeal_id("palangkaraya", "a-2")
    assert appeals.appeal_id("palangkaraya", "a-1") != appeals.appeal_id("kotabaru", "a-1")


def test_the_ppk_is_whom_a_delegate_acted_for_else_the_rater_else_the_supervisor() -> None:
    assert appeals.ppk_of({"rater_nip": PPK}, None) == PPK
    assert appeals.ppk_of({"rater_nip": HR, "on_behalf_of": PPK}, None) == PPK
    assert appeals.ppk_of({}, {"supervisor_nip": PPK}) == PPK


def test_the_atasan_is_the_ppks_supervisor_else_region_hr() -> None:
    assert appeals.atasan_of(EMPLOYEE, PPK, {"supervisor_nip": ATASAN}) == ATASAN
    assert appeals.atasan_of(EMPLOYEE, PPK, {"supervisor_nip": None}) is None
    assert appeals.atasan_of(EMPLOYEE, PPK, None) is None
    assert appeals.atasan_of(EMPLOYEE, PPK, {"supervisor_nip": EMPLOYEE}) is None  # a loop


def test_only_the_atasan_decides_or_region_hr_when_there_is_none() -> None:
    appeals.check_decider(caller(ATASAN), appeal())
    appeals.check_decider(caller(HR, Role.REGION_ADMIN), appeal(atasan_nip=None))
    for who, fields in (
        (caller(PPK, Role.PPK), {}),
        (caller(EMPLOYEE), {}),
        (caller(HR, Role.REGION_ADMIN), {}),  # an atasan exists: HR does not step in
        (caller(ATASAN), {"atasan_nip": None}),
        (caller(EMPLOYEE, Role.REGION_ADMIN), {"atasan_nip": None}),  # never one's own appeal
        (caller(PPK, Role.REGION_ADMIN), {"atasan_nip": None}),  # nor one's own rating
        (caller(HR, Role.REGION_ADMIN), {"atasan_nip": None, "rater_nip": HR}),  # a delegate
    ):
        problem = refusal(appeals.check_decider, who, appeal(**fields))
        assert (problem.status, problem.field) == (403, "atasan_nip")


def test_each_side_explains_only_for_itself() -> None:
    appeals.check_explainer(EMPLOYEE, Side.EMPLOYEE, appeal())
    appeals.check_explainer(PPK, Side.PPK, appeal())
    for nip, side in ((PPK, Side.EMPLOYEE), (EMPLOYEE, Side.PPK), (ATASAN, Side.PPK)):
        problem = refusal(appeals.check_explainer, nip, side, appeal())
        assert (problem.status, problem.field) == (403, "from")


def test_a_decided_appeal_is_final() -> None:
    appeals.check_open(appeal())
    assert refusal(appeals.check_open, appeal(status=appeals.DECIDED)).status == 409


def test_confirming_keeps_the_ppks_ratings() -> None:
    kept = (Rating.SESUAI, Rating.SESUAI)
    confirmed = AppealDecision.CONFIRMED
    assert appeals.resulting_ratings(ORIGINAL, confirmed, None, None) == kept
    assert appeals.resulting_ratings(ORIGINAL, confirmed, Rating.SESUAI, None) == kept
    problem = refusal(appeals.resulting_ratings, ORIGINAL, confirmed, None, Rating.DIATAS)
    assert (problem.status, problem.field) == (422, "rating_perilaku")


def test_changing_needs_at_least_one_different_rating() -> None:
    changed = AppealDecision.CHANGED
    assert appeals.resulting_ratings(ORIGINAL, changed, Rating.DIATAS, None) == (
        Rating.DIATAS,
        Rating.SESUAI,
    )
    for hasil, perilaku in ((None, None), (Rating.SESUAI, Rating.SESUAI)):
        problem = refusal(appeals.resulting_ratings, ORIGINAL, changed, hasil, perilaku)
        assert (problem.status, problem.field) == (422, "rating_hasil_kerja")


def test_the_parties_and_region_hr_see_an_appeal() -> None:
    for nip in (EMPLOYEE, PPK, ATASAN):
        assert appeals.may_see(caller(nip), appeal())
    assert appeals.may_see(caller(HR, Role.REGION_ADMIN), appeal())
    assert not appeals.may_see(caller(HR, Role.PPK), appeal())


def test_an_appeal_holds_a_bounded_number_of_entries() -> None:
    appeals.check_room(appeal(explanations=[{}] * 49), "explanations")
    full = refusal(appeals.check_room, appeal(explanations=[{}] * 50), "explanations")
    assert (full.status, full.field) == (409, "explanations")
