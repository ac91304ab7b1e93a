"""Working days, shared by deadlines and attendance: Monday-Friday minus holidays and days off.

National holidays come from the ``holidays`` package (Indonesia); joint leave days (cuti
bersama) and regional days off change every year by decree, so each deployment lists them in
its service's settings (e.g. ``FEEDBACK_EXTRA_DAYS_OFF``, dates) instead of code.
"""

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

import holidays

WEEKEND = (5, 6)  # Saturday, Sunday


class WorkingDays:
    """Counts and adds working days; one instance per process (holiday years are cached)."""

    def __init__(self, extra_days_off: Iterable[date] = ()) -> None:
        self._national = holidays.country_holidays("ID")
        self._extra = frozenset(extra_days_off)

    def is_working_day(self, day: date) -> bool:
        """Not a weekend, a national holiday or a listed day off."""
        return day.weekday() not in WEEKEND and day not in self._national and day not in self._extra

    def add(self, start: date, days: int) -> date:
        """The date ``days`` working days after ``start`` (start itself does not count)."""
        current, left = start, days
        while left > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                left -= 1
        return current

    def between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            count += self.is_working_day(current)
        return count


def period_end(period: str) -> date:
    """The last day of a period: ``2026``, ``2026-03`` or ``2026-Q1``."""
    year = int(period[:4])
    if len(period) == 4:
        return date(year, 12, 31)
    month = int(period[6]) * 3 if period[5] == "Q" else int(period[5:7])
    return date(year, month, calendar.monthrange(year, month)[1])
