"""What every CSV import shares: the header check, bilingual problems by line and column, a verdict.

A file is all or nothing: one bad row rejects the file, so a region never ends up with half an
export.
"""

import csv
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from pydantic import ValidationError

from contracts import Event
from kit.problems import indonesian_reason

PRODUCER = "importer"

Row = tuple[int, dict[str, str]]
"""A data row with its line number; keys lower-case, keys and values stripped."""


@dataclass(frozen=True)
class Problem:
    """One reason to reject the file, where it is, in Indonesian and English."""

    line: int
    column: str
    reason_id: str
    reason_en: str

    def __str__(self) -> str:
        where_id = f"baris {self.line}" + (f", kolom {self.column}" if self.column else "")
        where_en = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where_id}: {self.reason_id} / {where_en}: {self.reason_en}"


@dataclass
class CsvImport(ABC):
    """What a file would publish, and why it may not."""

    problems: list[Problem] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        """Only a file without a single problem is published."""
        return not self.problems

    @abstractmethod
    def events(self) -> list[Event]:
        """Everything an accepted file publishes, in publishing order."""

    @property
    @abstractmethod
    def summary(self) -> str:
        """What the file holds, counted, in both languages."""


def read_rows(
    source: TextIO, required: Sequence[str], holds: tuple[str, str], problems: list[Problem]
) -> list[Row]:
    """The data rows, or none with a problem when a required column is missing.

    ``holds`` names a row's content (Indonesian, English) for the problem of an empty file.
    """
    reader = csv.DictReader(source)
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [column for column in required if column not in header]
    if missing:
        names = ", ".join(missing)
        problems.append(
            Problem(1, "", f"kolom wajib tidak ada: {names}", f"required columns missing: {names}")
        )
        return []
    rows = [(reader.line_num, _clean(row)) for row in reader]
    if not rows:
        problems.append(
            Problem(1, "", f"berkas tidak berisi {holds[0]}", f"the file holds no {holds[1]}")
        )
    return rows


def _clean(row: dict[str, str | None]) -> dict[str, str]:
    return {(key or "").strip().lower(): (value or "").strip() for key, value in row.items()}


def contract_problems(error: ValidationError, line: int) -> Iterator[Problem]:
    """A row's event refused by the contract: one problem per field, Indonesian reason first."""
    for item in error.errors():
        column = str(item["loc"][0]) if item["loc"] else ""
        yield Problem(line, column, indonesian_reason(item["type"]), item["msg"])


def duplicate(line: int, column: str, first: int, what_id: str, what_en: str) -> Problem:
    """A row that repeats an earlier one's key, naming the first line."""
    return Problem(
        line,
        column,
        f"{what_id} ganda (juga di baris {first})",
        f"duplicate {what_en} (also line {first})",
    )
