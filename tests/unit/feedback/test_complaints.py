"""Complaints: the status workflow, who handles them, response times and overdue flags."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from contracts.vocabulary import ComplaintStatus
from feedback import complaints
from feedback.complaints import StaffComplaintForm
from kit.calendar import WorkingDays
from kit.problems import DomainProblem

RECEIVED, IN_PROGRESS = ComplaintStatus.RECEIVED, ComplaintStatus.IN_PROGRESS
RESOLVED, REJECTED = ComplaintStatus.RESOLVED, ComplaintStatus.REJECTED
FILED = datetime(2026, 2, 2, 1, 0, tzinfo=UTC)  # Monday 08:00 WIB


@pytest.mark.parametrize(
    ("current", "wanted"),
    [
        (RECEIVED, IN_PROGRESS),
        (RECEIVED, RESOLVED),
        (RECEIVED, REJECTED),
        (IN_PROGRESS, RESOLVED),
        (IN_PROGRESS, REJECTED),
    ],
)
def test_allowed_steps(current: ComplaintStatus, wanted: ComplaintStatus) -> None:
    complaints.check_transition(current, wanted, "Sudah ditindaklanjuti")


@pytest.mark.parametrize(
    ("current", "wanted"),
    [
        (RECEIVED, RECEIVED),
        (IN_PROGRESS, IN_PROGRESS),
        (IN_PROGRESS, RECEIVED),
        (RESOLVED, IN_PROGRESS),
        (RESOLVED, REJECTED),
        (REJECTED, RESOLVED),
    ],
)
def test_other_steps_are_409_on_status(current: ComplaintStatus, wanted: ComplaintStatus) -> None:
    with pytest.raises(DomainProblem) as raised:
        complaints.check_transition(current, wanted, "catatan")

    assert (raised.value.status, raised.value.field) == (409, "status")
    assert raised.value.reason_id != raised.value.reason_en


@pytest.mark.parametrize("wanted", [RESOLVED, REJECTED])
def test_closing_needs_an_answer_for_the_complainant(wanted: ComplaintStatus) -> None:
    with pytest.raises(DomainProblem) as raised:
        complaints.check_transition(IN_PROGRESS, wanted, "   ")

    assert (raised.value.status, raised.value.field) == (422, "note")
    complaints.check_transition(RECEIVED, IN_PROGRESS, "")  # a step on needs no note


def test_nobody_handles_a_complaint_about_themself() -> None:
    officer = "199001010000000001"
    with pytest.raises(DomainProblem) as raised:
        complaints.check_handler(officer, {"officer_nip": officer})

    assert raised.value.status == 403
    complaints.check_handler("199001010000000002", {"officer_nip": officer})
    complaints.check_handler(officer, {"officer_nip": None})


def test_categories_come_from_the_fixed_list_and_text_says_something() -> None:
    valid = {"unit_id": "u1", "category": "perilaku_petugas", "text": "Petugas membentak saya"}
    assert StaffComplaintForm.model_validate(valid).category == "perilaku_petugas"
    for wrong in ({"category": "politik"}, {"text": "jelek"}, {"officer_nip": "123"}):
        with pytest.raises(ValidationError):
            StaffComplaintForm.model_validate(valid | wrong)


def complaint(**fields: Any) -> dict[str, Any]:
    return {
        "_id": "c1",
        "unit_id": "u1",
        "category": "waktu",
        "channel": "citizen",
        "text": "Antrean terlalu lama",
        "status": "received",
        "filed_at": FILED,
    } | fields


def test_due_date_counts_working_days_only() -> None:
    # Filed Monday 2 February 2026: five working days later is Monday 9 February.
    assert complaints.due_date(date(2026, 2, 2), WorkingDays(), 5) == date(2026, 2, 9)
    # A regional day off pushes it one more working day.
    assert complaints.due_date(date(2026, 2, 2), WorkingDays([date(2026, 2, 4)]), 5) == date(
        2026, 2, 10
    )


def test_an_open_complaint_past_its_due_date_is_overdue() -> None:
    due = date(2026, 2, 9)
    later = FILED + timedelta(days=8)

    on_time = complaints.response_view(complaint(), later, date(2026, 2, 9), due)
    late = complaints.response_view(complaint(status="in_progress"), later, date(2026, 2, 10), due)

    assert on_time["overdue"] is False
    assert late["overdue"] is True
    assert late["hours_open"] == 8 * 24
    assert late["resolution_hours"] is None


def test_a_closed_complaint_reports_its_response_and_resolution_hours_and_is_never_overdue() -> (
    None
):
    closed = complaint(
        status="resolved",
        first_response_at=FILED + timedelta(hours=3),
        closed_at=FILED + timedelta(hours=30),
    )

    view = complaints.response_view(
        closed, FILED + timedelta(days=30), date(2026, 3, 4), date(2026, 2, 9)
    )

    assert (view["first_response_hours"], view["resolution_hours"], view["hours_open"]) == (
        3.0,
        30.0,
        30.0,
    )
    assert view["overdue"] is False


def test_hours_never_run_backwards() -> None:
    assert complaints.hours_between(FILED, FILED - timedelta(hours=1)) == 0.0
