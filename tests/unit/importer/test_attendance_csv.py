"""Reading an attendance export: everything or nothing, every problem with its line and column."""

import io
from datetime import date
from pathlib import Path

import pytest

from contracts.vocabulary import AttendanceStatus
from importer.attendance_csv import read_attendance
from importer.cli import read

EXAMPLES = Path(__file__).parents[3] / "tools/importer/examples"
EXAMPLE = EXAMPLES / "attendance-example.csv"
HEADER = "nip,date,status,late_code,early_code,note\n"
SITI, ANDI = "199203102015032003", "199407222019031004"


def problems_of(text: str) -> list[str]:
    return [str(problem) for problem in read_attendance(io.StringIO(text), "palangkaraya").problems]


def test_the_example_export_is_accepted_with_nips_of_the_directory_example() -> None:
    result = read(EXAMPLE, "palangkaraya", read_attendance)

    assert result.accepted
    assert len(result.records) == 10
    directory_nips = {
        line.split(",")[0] for line in (EXAMPLES / "directory-example.csv").read_text().splitlines()
    }
    assert {record.nip for record in result.records} <= directory_nips
    late = next(record for record in result.records if record.late_code == "TL1")
    assert (late.nip, late.date, late.status) == (SITI, date(2026, 2, 3), AttendanceStatus.HADIR)
    assert {record.producer for record in result.records} == {"importer"}


def test_statuses_are_case_insensitive_and_empty_codes_are_none() -> None:
    result = read_attendance(io.StringIO(HEADER + f"{SITI},2026-02-02,Hadir,,,\n"), "palangkaraya")

    assert result.accepted
    record = result.records[0]
    assert (record.status, record.late_code, record.early_code) == (
        AttendanceStatus.HADIR,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "1234,2026-02-02,hadir,,,",
            "baris 2, kolom nip: format tidak sesuai / line 2, column nip: String should match",
        ),
        (
            f"{SITI},2026-02-30,hadir,,,",
            "baris 2, kolom date: tanggal tidak sah: '2026-02-30' (format YYYY-MM-DD) / "
            "line 2, column date: invalid date: '2026-02-30' (format YYYY-MM-DD)",
        ),
        (f"{SITI},02/03/2026,hadir,,,", "baris 2, kolom date: tanggal tidak sah: '02/03/2026'"),
        (f"{SITI},1738540800,hadir,,,", "baris 2, kolom date: tanggal tidak sah: '1738540800'"),
        (
            f"{SITI},2026-02-02,libur,,,",
            "baris 2, kolom status: bukan salah satu pilihan yang sah / line 2, column status: "
            "Input should be 'hadir', 'alpa', 'izin', 'sakit', 'cuti' or 'dinas_luar'",
        ),
        (
            f"{SITI},2026-02-02,alpa,TL1,,",
            "baris 2, kolom late_code: kode hanya boleh pada hari hadir, bukan alpa / "
            "line 2, column late_code: a code is only allowed on a day present (hadir), not alpa",
        ),
        (f"{SITI},2026-02-02,sakit,,PSW1,", "baris 2, kolom early_code: kode hanya boleh"),
    ],
)
def test_a_bad_row_is_reported_once_with_its_line_and_column(row: str, expected: str) -> None:
    problems = problems_of(HEADER + row + "\n")

    assert len(problems) == 1
    assert problems[0].startswith(expected)


def test_every_problem_of_a_row_is_reported() -> None:
    problems = problems_of(HEADER + "1234,2026-2-3,libur,,,\n")

    assert [problem.split(":")[0] for problem in problems] == [
        "baris 2, kolom date",
        "baris 2, kolom nip",
        "baris 2, kolom status",
    ]


def test_a_duplicate_nip_and_date_names_the_first_line() -> None:
    rows = f"{SITI},2026-02-02,hadir,,,\n{ANDI},2026-02-02,hadir,,,\n{SITI},2026-02-02,alpa,,,\n"

    assert problems_of(HEADER + rows) == [
        "baris 4, kolom date: NIP dan tanggal ganda (juga di baris 2) / "
        "line 4, column date: duplicate NIP and date (also line 2)"
    ]


def test_missing_columns_and_empty_files_are_refused() -> None:
    assert problems_of("nip,status\n" + f"{SITI},hadir\n") == [
        "baris 1: kolom wajib tidak ada: date / line 1: required columns missing: date"
    ]
    assert problems_of(HEADER) == [
        "baris 1: berkas tidak berisi data kehadiran / line 1: the file holds no attendance rows"
    ]
