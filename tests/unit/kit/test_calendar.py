"""Working days: weekends, national holidays and a region's extra days off do not count."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from kit.calendar import WorkingDays, period_end

DAYS = WorkingDays(extra_days_off=[date(2026, 3, 20), date(2026, 3, 23)])


def test_eid_and_joint_leave_push_a_deadline_back() -> None:
    # Wed 18 March + 14 working days, off: 19 (Nyepi), 20 (extra), 21-22 (Eid, weekend),
    # 23 (extra), 3 April (Good Friday), and the weekends.
    assert DAYS.add(date(2026, 3, 18), 14) == date(2026, 4, 13)
    assert WorkingDays().add(date(2026, 3, 18), 14) == date(2026, 4, 9)


def test_a_friday_plus_one_working_day_is_monday() -> None:
    assert DAYS.add(date(2026, 11, 20), 1) == date(2026, 11, 23)


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)), st.integers(0, 40))
def test_adding_and_counting_agree(start: date, days: int) -> None:
    end = DAYS.add(start, days)
    assert DAYS.between(start, end) == days
    assert days == 0 or DAYS.is_working_day(end)


def test_period_ends() -> None:
    assert period_end("2026") == date(2026, 12, 31)
    assert period_end("2026-02") == date(2026, 2, 28)
    assert period_end("2026-Q3") == date(2026, 9, 30)
