"""Read a directory CSV export into events, or into a list of problems with line numbers."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

from pydantic import ValidationError

from contracts import EmployeeUpserted, Event, UnitUpserted
from importer.csv_file import (
    PRODUCER,
    CsvImport,
    Problem,
    Row,
    contract_problems,
    duplicate,
    read_rows,
)

REQUIRED_COLUMNS = ("nip", "name", "unit_id", "unit_name", "position_type")
OPTIONAL_COLUMNS = (
    "parent_unit_id",
    "position_title",
    "jenjang",
    "supervisor_nip",
    "employment_type",
    "active",
)
TRUE_WORDS = frozenset({"", "1", "true", "ya", "y", "aktif", "yes"})
FALSE_WORDS = frozenset({"0", "false", "tidak", "t", "n", "no", "nonaktif"})


@dataclass
class DirectoryImport(CsvImport):
    """Units and employees a file would publish, and why it may not."""

    units: list[UnitUpserted] = field(default_factory=list)
    employees: list[EmployeeUpserted] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)

    def events(self) -> list[Event]:
        """Units first: employees refer to them."""
        return [*self.units, *self.employees]

    @property
    def summary(self) -> str:
        """Units and employees counted."""
        return f"{len(self.units)} unit, {len(self.employees)} pegawai / employees"


def _active(text: str, line: int, problems: list[Problem]) -> bool:
    word = text.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    problems.append(Problem(line, "active", "harus ya/tidak", "must be yes/no (ya/tidak, 1/0)"))
    return True


def _employee(row: dict[str, str], region: str, line: int, result: DirectoryImport) -> None:
    nip = row["nip"]
    if nip in result.lines:  # checked on the raw text, so a bad first row still counts
        result.problems.append(duplicate(line, "nip", result.lines[nip], "NIP", "NIP"))
        return
    if nip:
        result.lines[nip] = line
    values: dict[str, Any] = {
        "nip": row["nip"],
        "name": row["name"],
        "unit_id": row["unit_id"],
        "position_type": row["position_type"].lower(),
        "position_title": row.get("position_title", ""),
        "jenjang": row.get("jenjang") or None,
        "supervisor_nip": row.get("supervisor_nip") or None,
        "employment_type": (row.get("employment_type") or "PNS").upper(),
        "active": _active(row.get("active", ""), line, result.problems),
    }
    try:
        employee = EmployeeUpserted(region=region, producer=PRODUCER, **values)
    except ValidationError as error:
        result.problems.extend(contract_problems(error, line))
        return
    result.employees.append(employee)


def _units(rows: Iterable[Row], region: str, result: DirectoryImport) -> None:
    seen: dict[str, tuple[int, str, str]] = {}
    for line, row in rows:
        unit_id, name, parent = row["unit_id"], row["unit_name"], row.get("parent_unit_id", "")
        if not unit_id or not name:
            continue  # already reported by the employee check
        if unit_id in seen and seen[unit_id][1:] != (name, parent):
            first = seen[unit_id][0]
            result.problems.append(
                Problem(
                    line,
                    "unit_name",
                    f"unit {unit_id} berbeda dengan baris {first}",
                    f"unit {unit_id} differs from line {first}",
                )
            )
            continue
        if unit_id not in seen:
            seen[unit_id] = (line, name, parent)
            result.units.append(
                UnitUpserted(
                    region=region,
                    producer=PRODUCER,
                    unit_id=unit_id,
                    name=name,
                    parent_unit_id=parent or None,
                )
            )


def _with_heads(units: list[UnitUpserted], employees: list[EmployeeUpserted]) -> list[UnitUpserted]:
    """Name each unit's head: its one member whose supervisor is outside the unit (or none).

    Heads of independent units plan against unit goals; with two candidates the head is left
    unknown rather than guessed.
    """
    unit_of = {employee.nip: employee.unit_id for employee in employees}
    candidates: dict[str, list[str]] = {}
    for employee in employees:
        if unit_of.get(employee.supervisor_nip or "") != employee.unit_id:
            candidates.setdefault(employee.unit_id, []).append(employee.nip)
    return [
        unit.model_copy(update={"head_nip": candidates[unit.unit_id][0]})
        if len(candidates.get(unit.unit_id, [])) == 1
        else unit
        for unit in units
    ]


def read_directory(source: TextIO, region: str) -> DirectoryImport:
    """Parse and check a whole export; ``problems`` says why it must be rejected, if it must."""
    result = DirectoryImport()
    rows = read_rows(source, REQUIRED_COLUMNS, ("pegawai", "employees"), result.problems)
    for line, row in rows:
        _employee(row, region, line, result)
    _units(rows, region, result)
    result.units = _with_heads(result.units, result.employees)
    return result
