"""Attendance against the discipline rules (domain.md section 5), pure: sanctions and deductions.

**Sanctions** (PP 94/2021): the working days of unexcused absence (``alpa``) in one calendar
year, and the longest run of them on consecutive *working* days, pick the heaviest row of the
sanction table they reach (3 days: verbal warning ... 28 days, or 10 in a row: dismissal).
Only working days of that year count (``kit.calendar.WorkingDays``): a record on a weekend, a
holiday or in another year is ignored, a weekend or holiday between two alpa days does not break
a run, and a working day with any other status, or with no record at all, does. The result
depends on the records only, never on their order.

**Deductions**: lateness (TL1..TL4) and early leave (PSW1..PSW4) codes on days present
(``hadir``) cost a percentage of tukin per event. These are *agency* rules, not PP 94/2021:
the shipped ``DEFAULT_DEDUCTIONS`` are examples that each region replaces with its own table.
Events are summed per month, since tukin is paid monthly; ``DisciplineSummary.deduction_pct``
of several months (a quarter, the year) is the mean of their monthly sums, i.e. the share of
those months' tukin lost, assuming equal monthly tukin. A code missing from the table costs
nothing and is listed in ``unpriced_codes`` (never silently priced).

Both tables are data: ``load_table`` reads a region's plain data (JSON/YAML) and refuses a bad
table naming the path and the reason; ``DEFAULT_TABLE.model_dump(mode="json")`` is the form it
reads, for a region to start from.
"""

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise
from types import MappingProxyType
from typing import Annotated, Any, Protocol

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)
from pydantic_core import ErrorDetails

from contracts.scoring import Discipline
from contracts.vocabulary import AttendanceStatus
from kit.calendar import WorkingDays

BASIS = "PP 94/2021"
ALL_MONTHS = range(1, 13)

SanctionCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,79}$")]
DeductionCode = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]{0,79}$")]
Pct = Annotated[Decimal, Field(ge=0, le=100)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class DisciplineTableError(ValueError):
    """A discipline table that cannot be used, with the path of each problem and the reason."""


class _Data(BaseModel):
    """Strict, immutable table data: unknown keys are mistakes, not extensions."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SanctionTier(_Data):
    """One row: the sanction due from ``from_days`` unexcused days, or ``from_run`` in a row."""

    sanction: SanctionCode
    from_days: int = Field(strict=True, ge=1)
    from_run: int | None = Field(default=None, strict=True, ge=1)
    label_id: Label
    label_en: Label


def _tier(
    code: str, days: int, label_id: str, label_en: str, run: int | None = None
) -> SanctionTier:
    return SanctionTier(
        sanction=code, from_days=days, from_run=run, label_id=label_id, label_en=label_en
    )


_CUT_ID, _CUT_EN = "pemotongan tukin 25% selama {} bulan", "tukin cut by 25% for {} months"

# PP 94/2021, lightest first; the row order is the severity order.
DEFAULT_SANCTIONS = (
    _tier("teguran_lisan", 3, "teguran lisan", "verbal warning"),
    _tier("teguran_tertulis", 4, "teguran tertulis", "written warning"),
    _tier(
        "pernyataan_tidak_puas",
        7,
        "pernyataan tidak puas secara tertulis",
        "written statement of dissatisfaction",
    ),
    _tier("pemotongan_tukin_25_6_bulan", 11, _CUT_ID.format(6), _CUT_EN.format(6)),
    _tier("pemotongan_tukin_25_9_bulan", 14, _CUT_ID.format(9), _CUT_EN.format(9)),
    _tier("pemotongan_tukin_25_12_bulan", 17, _CUT_ID.format(12), _CUT_EN.format(12)),
    _tier(
        "penurunan_jabatan_12_bulan",
        21,
        "penurunan jabatan setingkat lebih rendah selama 12 bulan",
        "demotion by one level for 12 months",
    ),
    _tier(
        "pelaksana_12_bulan",
        25,
        "pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan",
        "release to a non-managerial (pelaksana) post for 12 months",
    ),
    _tier(
        "pemberhentian",
        28,
        "pemberhentian dengan hormat tidak atas permintaan sendiri",
        "honourable dismissal not at own request",
        run=10,
    ),
)
# Examples of an agency rule, percent of tukin per event (TL1..TL4, PSW1..PSW4): each region
# sets its own.
DEFAULT_DEDUCTIONS: Mapping[str, Decimal] = MappingProxyType(
    {
        f"{kind}{level}": Decimal(pct)
        for kind in ("TL", "PSW")
        for level, pct in enumerate(("0.5", "1", "1.25", "1.5"), start=1)
    }
)


class DisciplineTable(_Data):
    """The sanction rows (lightest first) and the deduction per lateness/early-leave code."""

    sanctions: tuple[SanctionTier, ...] = DEFAULT_SANCTIONS
    deductions: Mapping[DeductionCode, Pct] = Field(
        default_factory=lambda: dict(DEFAULT_DEDUCTIONS)
    )
    basis: Label = BASIS

    @field_validator("sanctions")
    @classmethod
    def _lightest_first(cls, tiers: tuple[SanctionTier, ...]) -> tuple[SanctionTier, ...]:
        """Severity is the row order, so the day thresholds must rise and codes be unique."""
        if not tiers:
            raise ValueError("at least one sanction row is needed")
        for index, (before, after) in enumerate(pairwise(tiers), start=1):
            if after.from_days <= before.from_days:
                raise ValueError(
                    f"from_days must rise from the lightest sanction to the heaviest, but row"
                    f" [{index}] has {after.from_days} after {before.from_days}"
                )
        uses = Counter(tier.sanction for tier in tiers)
        twice = sorted(code for code, count in uses.items() if count > 1)
        if twice:
            raise ValueError(f"sanction given twice: {', '.join(twice)}")
        return tiers


DEFAULT_TABLE = DisciplineTable()


def load_table(raw: Mapping[str, Any]) -> DisciplineTable:
    """A table from plain data, e.g. a region's JSON/YAML; every problem names its path.

    Shape: ``{"sanctions": [{"sanction": "teguran_lisan", "from_days": 3, "from_run": null,
    "label_id": "...", "label_en": "..."}, ...], "deductions": {"TL1": "0.5", ...},
    "basis": "PP 94/2021"}``; a key left out keeps its default. Deductions are percent of
    tukin per event (``0.5`` is 0.5%).
    """
    try:
        return DisciplineTable.model_validate(raw)
    except ValidationError as error:
        reasons = "; ".join(f"{_path(item['loc'])}: {_reason(item)}" for item in error.errors())
        raise DisciplineTableError(reasons) from None


def _path(location: tuple[int | str, ...]) -> str:
    text = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in location)
    return text.lstrip(".") or "table"


def _reason(item: ErrorDetails) -> str:
    """Our own checks' words without pydantic's "Value error, " prefix."""
    return str(item["ctx"]["error"]) if item["type"] == "value_error" else item["msg"]


class AttendanceDay(Protocol):
    """What a summary reads of a day: an ``AttendanceRecorded`` or a stored copy of it fits."""

    @property
    def status(self) -> AttendanceStatus: ...

    @property
    def late_code(self) -> str | None: ...

    @property
    def early_code(self) -> str | None: ...


@dataclass(frozen=True)
class DisciplineSummary:
    """One employee's year of attendance against a table: counts, sanction, text, deductions."""

    year: int
    unexcused_days: int
    longest_run: int
    tier: SanctionTier | None
    severity: int  # 0: no sanction; n: the n-th row of the table (higher is heavier)
    id: str
    en: str
    monthly_deduction_pct: Mapping[int, Decimal]  # month -> percent of that month's tukin
    unpriced_codes: tuple[str, ...]

    @property
    def sanction(self) -> str | None:
        """The sanction code, or None below the first threshold."""
        return None if self.tier is None else self.tier.sanction

    def deduction_pct(self, months: Collection[int] = ALL_MONTHS) -> Decimal:
        """Percent of these months' tukin lost: the mean of their monthly sums (one month: its sum).

        For a year still running, pass the months so far, or the future ones dilute the mean.
        """
        chosen = set(months)
        if not chosen or not chosen <= set(ALL_MONTHS):
            raise ValueError(f"months must be a non-empty set within 1..12, got {sorted(chosen)}")
        spent = sum(
            (self.monthly_deduction_pct.get(month, Decimal(0)) for month in chosen), Decimal(0)
        )
        return spent / len(chosen)


def summarise(
    records: Mapping[date, AttendanceDay],
    working_days: WorkingDays,
    *,
    year: int,
    table: DisciplineTable = DEFAULT_TABLE,
) -> DisciplineSummary:
    """Count ``year``'s working days of alpa, find the sanction they reach, price the codes."""
    days = sorted(day for day in records if day.year == year and working_days.is_working_day(day))
    alpa = [day for day in days if records[day].status == AttendanceStatus.ALPA]
    unexcused, longest = len(alpa), _longest_run(alpa, working_days)
    severity = _severity(unexcused, longest, table)
    tier = table.sanctions[severity - 1] if severity else None
    present = [(day, records[day]) for day in days if records[day].status == AttendanceStatus.HADIR]
    monthly, unpriced = _deductions(present, table)
    text_id, text_en = _texts(unexcused, longest, tier, table)
    return DisciplineSummary(
        year=year,
        unexcused_days=unexcused,
        longest_run=longest,
        tier=tier,
        severity=severity,
        id=text_id,
        en=text_en,
        monthly_deduction_pct=monthly,
        unpriced_codes=unpriced,
    )


def to_discipline(summary: DisciplineSummary, months: Collection[int] = ALL_MONTHS) -> Discipline:
    """The summary as the score receipt's part, with the deduction of the scored months."""
    return Discipline(
        unexcused_days=summary.unexcused_days,
        longest_run=summary.longest_run,
        sanction=summary.sanction,
        id=summary.id,
        en=summary.en,
        deduction_pct=float(summary.deduction_pct(months)),
    )


def _longest_run(alpa: Sequence[date], working_days: WorkingDays) -> int:
    """Longest chain of alpa days each falling on the next working day after the one before."""
    longest = run = 0
    previous: date | None = None
    for day in alpa:
        run = run + 1 if previous is not None and working_days.between(previous, day) == 1 else 1
        longest, previous = max(longest, run), day
    return longest


def _severity(unexcused: int, longest: int, table: DisciplineTable) -> int:
    """The rank of the heaviest row reached by the days or by the run (0: none reached)."""
    return max(
        (
            rank
            for rank, tier in enumerate(table.sanctions, start=1)
            if tier.from_days <= unexcused
            or (tier.from_run is not None and tier.from_run <= longest)
        ),
        default=0,
    )


def _deductions(
    present: Sequence[tuple[date, AttendanceDay]], table: DisciplineTable
) -> tuple[dict[int, Decimal], tuple[str, ...]]:
    """Per month, the summed price of the codes on days present; the codes the table lacks."""
    monthly: defaultdict[int, Decimal] = defaultdict(Decimal)
    unpriced: set[str] = set()
    for day, record in present:
        for code in filter(None, (record.late_code, record.early_code)):
            price = table.deductions.get(code.upper())
            if price is None:
                unpriced.add(code)
            else:
                monthly[day.month] += price
    return dict(sorted(monthly.items())), tuple(sorted(unpriced))


def _texts(
    days: int, run: int, tier: SanctionTier | None, table: DisciplineTable
) -> tuple[str, str]:
    """One bilingual sentence with the numbers: days, the run when it decided, the sanction."""
    count_id = f"{days} hari tidak masuk tanpa keterangan"
    count_en = f"{days} working day{'' if days == 1 else 's'} absent without leave"
    if tier is None:
        first = table.sanctions[0].from_days
        return (
            f"{count_id}: tidak ada hukuman disiplin (mulai {first} hari, {table.basis})",
            f"{count_en}: no disciplinary sanction (from {first} days, {table.basis})",
        )
    if tier.from_days > days:  # reached through the run of consecutive days
        count_id += f", {run} hari kerja berturut-turut"
        count_en += f", {run} working days in a row"
    return (
        f"{count_id}: {tier.label_id} ({table.basis})",
        f"{count_en}: {tier.label_en} ({table.basis})",
    )
