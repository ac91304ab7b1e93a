"""The month's TPP and angka kredit rows as CSV and XLSX files for payroll and HR systems.

Column names are stable snake_case (Indonesian, as payroll staff name them); numbers are
written with a dot as decimal separator and rupiah as whole numbers. Text that a spreadsheet
would run as a formula (``=``, ``+``, ``-``, ``@`` first) gets a leading quote in CSV and is
stored as a plain string in XLSX.
"""

import csv
import io
from collections.abc import Callable, Sequence
from decimal import Decimal

from openpyxl import Workbook  # type: ignore[import-untyped]

from rewards.allowance import AllowanceRow

Cell = str | int | Decimal | None
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
RUPIAH_FORMAT = "#,##0"
SHEET_TITLE = "TPP"

COLUMNS: tuple[tuple[str, Callable[[AllowanceRow], Cell]], ...] = (
    ("nip", lambda r: r.nip),
    ("nama", lambda r: r.name),
    ("unit_id", lambda r: r.unit_id),
    ("periode", lambda r: r.period),
    ("predikat", lambda r: r.predikat.value),
    ("nilai_sementara", lambda r: "ya" if r.provisional else "tidak"),
    ("porsi_kinerja_pct", lambda r: r.performance_pct),
    ("porsi_disiplin_pct", lambda r: r.discipline_pct),
    ("kinerja_dibayar_pct", lambda r: r.performance_paid_pct),
    ("potongan_disiplin_pct", lambda r: r.discipline_deduction_pct),
    ("hukuman_disiplin", lambda r: r.sanction),
    ("potongan_hukuman_pct", lambda r: r.sanction_cut_pct),
    ("tpp_dasar_rp", lambda r: r.base_amount),
    ("tpp_kinerja_rp", lambda r: r.performance_amount),
    ("tpp_disiplin_rp", lambda r: r.discipline_amount),
    ("potongan_hukuman_rp", lambda r: r.sanction_cut_amount),
    ("tpp_dibayar_rp", lambda r: r.total_amount),
    ("angka_kredit", lambda r: r.angka_kredit),
    ("jenjang", lambda r: r.jenjang),
)
HEADERS = tuple(name for name, _ in COLUMNS)


def safe_text(value: str) -> str:
    """Text a spreadsheet shows as written, never evaluates."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def values(row: AllowanceRow) -> list[Cell]:
    """One row's values in column order."""
    return [get(row) for _, get in COLUMNS]


def to_csv(rows: Sequence[AllowanceRow]) -> str:
    """UTF-8 CSV text with a header line; empty cells where a value is unknown."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow(["" if value is None else safe_text(str(value)) for value in values(row)])
    return out.getvalue()


def to_xlsx(rows: Sequence[AllowanceRow]) -> bytes:
    """An XLSX workbook with one sheet; rupiah columns formatted with thousands separators."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(values(row))
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if cell.data_type == "f":  # openpyxl reads "=..." as a formula; it is a name
                cell.data_type = "s"
    for index, name in enumerate(HEADERS, start=1):
        if name.endswith("_rp"):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = RUPIAH_FORMAT
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
