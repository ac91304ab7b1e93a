"""Discipline: PP 94/2021 sanctions from working days of alpa, agency deductions as data."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts import AttendanceRecorded
from contracts.vocabulary import AttendanceStatus
from kit.calendar import WorkingDays
from scoring import discipline
from scoring.discipline import DEFAULT_TABLE, DisciplineTableError, load_table, summarise

CALENDAR = WorkingDays()
YEAR = 2026
WORKING_2026 = [
    day
    for day in (date(YEAR, 1, 1) + timedelta(days=offset) for offset in range(365))
    if CALENDAR.is_working_day(day)
]
ALPA, HADIR = AttendanceStatus.ALPA, AttendanceStatus.HADIR
# Mon 10 .. Mon 24 August 2026: ten working days around a weekend, Independence Day (Mon 17)
# and another weekend.
AUGUST_RUN = [date(2026, 8, day) for day in (10, 11, 12, 13, 14, 18, 19, 20, 21, 24)]


class Day(NamedTuple):
    status: AttendanceStatus
    late_code: str | None = None
    early_code: str | None = None


def spread_alpa(count: int) -> dict[date, Day]:
    """``count`` alpa days, each followed by a working day present: no run longer than 1."""
    records = {}
    for index in range(count):
        records[WORKING_2026[2 * index]] = Day(ALPA)
        records[WORKING_2026[2 * index + 1]] = Day(HADIR)
    return records


def summary_of(records: dict[date, Any], **kwargs: Any) -> discipline.DisciplineSummary:
    return summarise(records, CALENDAR, year=YEAR, **kwargs)


@pytest.mark.parametrize(
    ("days", "sanction"),
    [
        (0, None),
        (1, None),
        (2, None),
        (3, "teguran_lisan"),
        (4, "teguran_tertulis"),
        (6, "teguran_tertulis"),
        (7, "pernyataan_tidak_puas"),
        (10, "pernyataan_tidak_puas"),
        (11, "pemotongan_tukin_25_6_bulan"),
        (13, "pemotongan_tukin_25_6_bulan"),
        (14, "pemotongan_tukin_25_9_bulan"),
        (16, "pemotongan_tukin_25_9_bulan"),
        (17, "pemotongan_tukin_25_12_bulan"),
        (20, "pemotongan_tukin_25_12_bulan"),
        (21, "penurunan_jabatan_12_bulan"),
        (24, "penurunan_jabatan_12_bulan"),
        (25, "pelaksana_12_bulan"),
        (27, "pelaksana_12_bulan"),
        (28, "pemberhentian"),
        (60, "pemberhentian"),
    ],
)
def test_each_threshold_of_pp_94_2021(days: int, sanction: str | None) -> None:
    summary = summary_of(spread_alpa(days))

    assert (summary.unexcused_days, summary.longest_run) == (days, min(days, 1))
    assert summary.sanction == sanction


def test_the_sentence_carries_the_numbers_in_both_languages() -> None:
    summary = summary_of(spread_alpa(12))

    assert summary.id == (
        "12 hari tidak masuk tanpa keterangan: pemotongan tukin 25% selama 6 bulan (PP 94/2021)"
    )
    assert summary.en == (
        "12 working days absent without leave: tukin cut by 25% for 6 months (PP 94/2021)"
    )
    assert summary_of(spread_alpa(2)).id == (
        "2 hari tidak masuk tanpa keterangan: tidak ada hukuman disiplin (mulai 3 hari, PP 94/2021)"
    )
    assert summary_of(spread_alpa(1)).en.startswith("1 working day absent without leave:")


def test_ten_working_days_in_a_row_across_a_weekend_and_a_holiday_mean_dismissal() -> None:
    summary = summary_of(dict.fromkeys(AUGUST_RUN, Day(ALPA)))

    assert (summary.unexcused_days, summary.longest_run) == (10, 10)
    assert summary.sanction == "pemberhentian"
    assert summary.id == (
        "10 hari tidak masuk tanpa keterangan, 10 hari kerja berturut-turut: pemberhentian dengan"
        " hormat tidak atas permintaan sendiri (PP 94/2021)"
    )


def test_a_regional_day_off_inside_the_run_does_not_break_it() -> None:
    days_off = WorkingDays(extra_days_off=[date(2026, 8, 18)])  # cuti bersama
    records = {day: Day(ALPA) for day in [*AUGUST_RUN[:5], *AUGUST_RUN[6:], date(2026, 8, 26)]}

    summary = summarise(records, days_off, year=YEAR)

    assert (summary.longest_run, summary.sanction) == (10, "pemberhentian")


@pytest.mark.parametrize("gap", [None, HADIR, AttendanceStatus.SAKIT])
def test_a_working_day_without_alpa_breaks_the_run(gap: AttendanceStatus | None) -> None:
    records: dict[date, Day] = dict.fromkeys(AUGUST_RUN, Day(ALPA))
    del records[date(2026, 8, 18)]
    if gap is not None:
        records[date(2026, 8, 18)] = Day(gap)

    summary = summary_of(records)

    assert (summary.unexcused_days, summary.longest_run) == (9, 5)
    assert summary.sanction == "pernyataan_tidak_puas"


def test_nine_in_a_row_is_not_yet_dismissal() -> None:
    assert summary_of(dict.fromkeys(AUGUST_RUN[:9], Day(ALPA))).sanction == "pernyataan_tidak_puas"


def test_only_working_days_of_the_year_count() -> None:
    records = {
        date(2026, 8, 15): Day(ALPA),  # Saturday
        date(2026, 8, 17): Day(ALPA),  # Independence Day
        date(2025, 12, 31): Day(ALPA),  # last year
        date(2026, 8, 18): Day(ALPA),
    }

    assert summary_of(records).unexcused_days == 1


def test_the_result_does_not_depend_on_the_order_of_the_records() -> None:
    records = {
        **spread_alpa(12),
        date(2026, 2, 2): Day(HADIR, "TL2", "XX"),
        **{day: Day(HADIR, "psw1") for day in WORKING_2026[100:110]},
    }

    assert summary_of(dict(reversed(records.items()))) == summary_of(records)


def test_lateness_and_early_leave_are_priced_per_month() -> None:
    records = {
        date(2026, 2, 2): Day(HADIR, "TL1", "PSW4"),  # 0.5 + 1.5
        date(2026, 2, 3): Day(HADIR, "tl3"),  # codes are case-insensitive: 1.25
        date(2026, 2, 4): Day(AttendanceStatus.IZIN, "TL4"),  # not present: no price
        date(2026, 3, 2): Day(HADIR, None, "PSW2"),  # 1
        date(2026, 3, 3): Day(HADIR, "TL9"),  # not in the table
    }

    summary = summary_of(records)

    assert summary.monthly_deduction_pct == {2: Decimal("3.25"), 3: Decimal("1")}
    assert summary.deduction_pct([2]) == Decimal("3.25")
    assert summary.deduction_pct([1, 2, 3]) == Decimal("4.25") / 3
    assert summary.deduction_pct() == Decimal("4.25") / 12
    assert summary.unpriced_codes == ("TL9",)


@pytest.mark.parametrize("months", [[], [0], [13]])
def test_months_outside_the_year_are_refused(months: list[int]) -> None:
    with pytest.raises(ValueError, match=r"within 1\.\.12"):
        summary_of({}).deduction_pct(months)


def test_an_attendance_event_is_a_record_and_the_summary_becomes_the_receipt_part() -> None:
    event = AttendanceRecorded(
        region="palangkaraya",
        producer="importer",
        nip="199203102015032003",
        date=date(2026, 2, 2),
        status=HADIR,
        late_code="TL2",
    )
    records = {**spread_alpa(3), event.date: event}

    part = discipline.to_discipline(summary_of(records), months=[2])

    assert part.sanction == "teguran_lisan"
    assert (part.unexcused_days, part.longest_run, part.deduction_pct) == (3, 1, 1.0)
    assert part.id.startswith("3 hari tidak masuk tanpa keterangan: teguran lisan")


def test_default_deductions_are_the_documented_examples() -> None:
    assert {code: str(pct) for code, pct in DEFAULT_TABLE.deductions.items()} == {
        "TL1": "0.5",
        "TL2": "1",
        "TL3": "1.25",
        "TL4": "1.5",
        "PSW1": "0.5",
        "PSW2": "1",
        "PSW3": "1.25",
        "PSW4": "1.5",
    }


def test_a_region_table_round_trips_and_replaces_the_defaults() -> None:
    assert load_table(DEFAULT_TABLE.model_dump(mode="json")) == DEFAULT_TABLE
    table = load_table({"deductions": {"TL1": "2"}, "basis": "Perkada 12/2025"})

    summary = summary_of({date(2026, 2, 2): Day(HADIR, "TL1", "PSW1")}, table=table)

    assert summary.monthly_deduction_pct == {2: Decimal(2)}
    assert summary.unpriced_codes == ("PSW1",)
    assert summary.id.endswith("(mulai 3 hari, Perkada 12/2025)")


TIER = {"sanction": "teguran_lisan", "from_days": 3, "label_id": "teguran", "label_en": "warning"}


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ([1], "table: Input should be a valid dictionary"),
        ({"sanction": []}, "sanction: Extra inputs are not permitted"),
        ({"sanctions": []}, "sanctions: at least one sanction row is needed"),
        ({"sanctions": [TIER, {**TIER, "sanction": "b"}]}, "row [1] has 3 after 3"),
        ({"sanctions": [TIER, {**TIER, "from_days": 4}]}, "sanction given twice: teguran_lisan"),
        ({"sanctions": [{**TIER, "from_days": 0}]}, "sanctions[0].from_days: Input should be"),
        ({"sanctions": [{**TIER, "from_days": "3"}]}, "sanctions[0].from_days: Input should be"),
        ({"sanctions": [{**TIER, "from_run": True}]}, "sanctions[0].from_run: Input should be"),
        ({"sanctions": [{**TIER, "label_en": " "}]}, "sanctions[0].label_en: String should"),
        ({"sanctions": [{**TIER, "sanction": "Teguran Lisan"}]}, "sanctions[0].sanction: String"),
        ({"deductions": {"TL1": "-1"}}, "deductions.TL1: Input should be greater than or equal"),
        ({"deductions": {"TL1": "lima"}}, "deductions.TL1: Input should be a valid decimal"),
        ({"deductions": {"TL1": "NaN"}}, "deductions.TL1: Input should be a finite number"),
        ({"deductions": {"tl1": 1}}, "deductions.tl1.[key]: String should match pattern"),
    ],
)
def test_a_bad_table_is_refused_with_the_path_and_the_reason(raw: Any, reason: str) -> None:
    with pytest.raises(DisciplineTableError) as refused:
        load_table(raw)

    assert reason in str(refused.value)


STATUSES = st.sampled_from([ALPA, ALPA, ALPA, *AttendanceStatus]).map(Day)  # alpa-heavy
YEAR_DAYS = st.dates(min_value=date(YEAR, 1, 1), max_value=date(YEAR, 12, 31))


@given(st.dictionaries(YEAR_DAYS, STATUSES, max_size=200), YEAR_DAYS)
def test_one_more_alpa_day_never_lowers_the_sanction(records: dict[date, Day], extra: date) -> None:
    before = summary_of(records)
    after = summary_of({**records, extra: Day(ALPA)})

    assert after.severity >= before.severity
    assert after.unexcused_days >= before.unexcused_days
    assert after.longest_run >= before.longest_run
