"""Read an attendance CSV export into events, or into a list of problems with line numbers."""

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TextIO

from pydantic import ValidationError

from contracts import AttendanceRecorded, Event
from contracts.vocabulary import AttendanceStatus
from importer.csv_file import (
    PRODUCER,
    CsvImport,
    Problem,
    contract_problems,
    duplicate,
    read_rows,
)

REQUIRED_COLUMNS = ("nip", "date", "status")
CODE_COLUMNS = ("late_code", "early_code")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass
class AttendanceImport(CsvImport):
    """Attendance days a file would publish, and why it may not."""

    records: list[AttendanceRecorded] = field(default_factory=list)
    lines: dict[tuple[str, str], int] = field(default_factory=dict)  # (nip, date) -> first line

    def events(self) -> list[Event]:
        """One event per row, in the file's order."""
        return list(self.records)

    @property
    def summary(self) -> str:
        """Days and distinct employees counted."""
        days, people = len(self.records), len({record.nip for record in self.records})
        return (
            f"{days} hari kehadiran, {people} pegawai / {days} attendance days, {people} employees"
        )


def _is_iso_date(text: str) -> bool:
    """Exactly YYYY-MM-DD and a real day: no timestamps, no 2026-02-30."""
    if not ISO_DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _own_problems(row: dict[str, str], line: int) -> list[Problem]:
    """What the contract cannot see: the date's exact format, codes on a day not present."""
    problems = []
    if not _is_iso_date(row["date"]):
        problems.append(
            Problem(
                line,
                "date",
                f"tanggal tidak sah: {row['date']!r} (format YYYY-MM-DD)",
                f"invalid date: {row['date']!r} (format YYYY-MM-DD)",
            )
        )
    status = row["status"].lower()
    if status in set(AttendanceStatus) - {AttendanceStatus.HADIR}:
        problems.extend(
            Problem(
                line,
                column,
                f"kode hanya boleh pada hari hadir, bukan {status}",
                f"a code is only allowed on a day present (hadir), not {status}",
            )
            for column in CODE_COLUMNS
            if row.get(column)
        )
    return problems


def _record(row: dict[str, str], region: str, line: int, result: AttendanceImport) -> None:
    key = (row["nip"], row["date"])
    if key in result.lines:  # checked on the raw text, so a bad first row still counts
        first = result.lines[key]
        result.problems.append(duplicate(line, "date", first, "NIP dan tanggal", "NIP and date"))
        return
    result.lines[key] = line
    own = _own_problems(row, line)
    result.problems.extend(own)
    try:
        record = AttendanceRecorded(
            region=region,
            producer=PRODUCER,
            nip=row["nip"],
            date=row["date"],
            status=row["status"].lower(),
            late_code=row.get("late_code") or None,
            early_code=row.get("early_code") or None,
            note=row.get("note", ""),
        )
    except ValidationError as error:
        reported = {problem.column for problem in own}
        result.problems.extend(
            problem for problem in contract_problems(error, line) if problem.column not in reported
        )
        return
    if not own:
        result.records.append(record)


def read_attendance(source: TextIO, region: str) -> AttendanceImport:
    """Parse and check a whole export; ``problems`` says why it must be rejected, if it must."""
    result = AttendanceImport()
    rows = read_rows(
        source, REQUIRED_COLUMNS, ("data kehadiran", "attendance rows"), result.problems
    )
    for line, row in rows:
        _record(row, region, line, result)
    return result
