"""Evaluation periods as values: which cadence, what came before, when they end, their labels."""

import calendar
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from rewards.bilingual import Refusal, Text

_PATTERN = re.compile(r"^(?P<year>[0-9]{4})(-(?P<month>0[1-9]|1[0-2])|-Q(?P<quarter>[1-4]))?$")
MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
ROMAN = ("I", "II", "III", "IV")


class Cadence(StrEnum):
    """How long a period is; award rules and the talent pool are set per cadence."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


@dataclass(frozen=True, order=True)
class PeriodRef:
    """A parsed period: ``2026-11`` (month), ``2026-Q4`` (quarter) or ``2026`` (year)."""

    year: int
    cadence: Cadence
    index: int  # month 1-12, quarter 1-4, or 1 for a year

    @property
    def text(self) -> str:
        """The period as events spell it."""
        if self.cadence is Cadence.MONTHLY:
            return f"{self.year}-{self.index:02d}"
        if self.cadence is Cadence.QUARTERLY:
            return f"{self.year}-Q{self.index}"
        return f"{self.year}"

    @property
    def per_year(self) -> int:
        """How many periods of this cadence fit in a year."""
        return {Cadence.MONTHLY: 12, Cadence.QUARTERLY: 4, Cadence.YEARLY: 1}[self.cadence]

    def previous(self) -> "PeriodRef":
        """The period of the same cadence just before this one."""
        if self.index > 1:
            return PeriodRef(self.year, self.cadence, self.index - 1)
        return PeriodRef(self.year - 1, self.cadence, self.per_year)

    def start(self) -> date:
        """The first calendar day of the period."""
        first_month = {Cadence.MONTHLY: self.index, Cadence.QUARTERLY: 3 * self.index - 2}.get(
            self.cadence, 1
        )
        return date(self.year, first_month, 1)

    def end(self) -> date:
        """The last calendar day of the period."""
        last_month = {Cadence.MONTHLY: self.index, Cadence.QUARTERLY: 3 * self.index}.get(
            self.cadence, 12
        )
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    def label(self) -> Text:
        """Readable name: ``November 2026`` / ``Triwulan IV 2026`` (``Q4 2026``) / ``Tahun 2026``."""
        if self.cadence is Cadence.MONTHLY:
            return Text(
                "period",
                f"{MONTHS_ID[self.index - 1]} {self.year}",
                f"{calendar.month_name[self.index]} {self.year}",
            )
        if self.cadence is Cadence.QUARTERLY:
            return Text(
                "period",
                f"Triwulan {ROMAN[self.index - 1]} {self.year}",
                f"Q{self.index} {self.year}",
            )
        return Text("period", f"Tahun {self.year}", f"Year {self.year}")


def parse_period(period: str) -> PeriodRef:
    """Read a period as the contracts spell it; anything else is refused with the reason."""
    match = _PATTERN.match(period)
    if match is None:
        raise Refusal(
            Text(
                "period.invalid",
                f"Periode {period!r} tidak dikenal; gunakan 2026, 2026-11 atau 2026-Q4.",
                f"Unknown period {period!r}; use 2026, 2026-11 or 2026-Q4.",
            )
        )
    year = int(match["year"])
    if match["month"]:
        return PeriodRef(year, Cadence.MONTHLY, int(match["month"]))
    if match["quarter"]:
        return PeriodRef(year, Cadence.QUARTERLY, int(match["quarter"]))
    return PeriodRef(year, Cadence.YEARLY, 1)


def is_closed(
    period: str, *, today: date, closed_years: Collection[int] = (), grace_days: int = 0
) -> bool:
    """A period is closed when its year was closed, or ``grace_days`` after its last day."""
    ref = parse_period(period)
    return ref.year in closed_years or (today - ref.end()).days > grace_days


def contains(outer: str, inner: str) -> bool:
    """Whether period ``inner`` lies within ``outer`` (a month in its quarter, in its year)."""
    big, small = parse_period(outer), parse_period(inner)
    return big.start() <= small.start() and small.end() <= big.end()


def enclosing(period: str) -> tuple[str, ...]:
    """The period and the longer ones it lies in: its quarter (for a month) and its year."""
    ref = parse_period(period)
    found = [period]
    if ref.cadence is Cadence.MONTHLY:
        found.append(f"{ref.year}-Q{(ref.index + 2) // 3}")
    if ref.cadence is not Cadence.YEARLY:
        found.append(str(ref.year))
    return tuple(found)


def consecutive_wins(period: str, won_periods: Collection[str]) -> int:
    """How many periods in a row, ending just before ``period``, the employee won."""
    ref, won, count = parse_period(period).previous(), set(won_periods), 0
    while ref.text in won:
        count, ref = count + 1, ref.previous()
    return count
