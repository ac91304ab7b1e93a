"""A printable one-page certificate (piagam) per award, in Bahasa Indonesia, as PDF bytes.

Uses fpdf2's built-in Helvetica so no font file has to ship; that font covers Latin-1, so
other characters are transliterated (``’`` -> ``'``) or replaced by ``?``. Page streams are
left uncompressed: the file stays small and its text searchable, and the creation date is the
issue date, so printing the same award twice gives the same bytes.
"""

import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from fpdf import FPDF

from rewards.award_runs import SCOPE_WORDS, Scope
from rewards.periods import MONTHS_ID
from rewards.recognition import Board, BoardEntry

MAX_REASON_CHARS = 220
_ASCII_LOOKALIKES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "•": "-"})  # fmt: skip


@dataclass(frozen=True)
class Certificate:
    """Everything printed on one certificate."""

    award_id: str
    name: str
    nip: str
    unit_name: str
    title: str  # e.g. "ASN Terbaik Bulan Ini"
    scope_line: str  # e.g. "Tingkat Daerah - peringkat 1"
    period_label: str  # e.g. "November 2026"
    region_name: str
    reasons: tuple[str, ...]
    issued_on: date


def certificate_for(
    entry: BoardEntry, board: Board, *, region_name: str, issued_on: date
) -> Certificate:
    """The certificate of one board entry, with its Indonesian reasons."""
    where = SCOPE_WORDS[entry.scope][0]
    scope_name = region_name if entry.scope is Scope.REGION else entry.unit_name
    return Certificate(
        award_id=entry.award_id,
        name=entry.name,
        nip=entry.nip,
        unit_name=entry.unit_name,
        title=board.title.id,
        scope_line=f"Tingkat {where.capitalize()} {scope_name} - peringkat {entry.rank}",
        period_label=board.period_label.id,
        region_name=region_name,
        reasons=tuple(reason.id for reason in entry.reasons),
        issued_on=issued_on,
    )


def date_id(day: date) -> str:
    """A date as Indonesian letters write it: ``5 Desember 2026``."""
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


def certificate_pdf(certificate: Certificate) -> bytes:
    """One A4 landscape page: title, name, NIP, unit, award, period, reasons, place and date."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_compression(False)
    pdf.set_creation_date(datetime.combine(certificate.issued_on, time(), tzinfo=UTC))
    pdf.set_title(_latin1(f"Piagam Penghargaan {certificate.name}"))
    pdf.set_author(_latin1(certificate.region_name))
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.3)
    pdf.rect(14, 14, pdf.w - 28, pdf.h - 28)
    pdf.set_y(26)
    _line(pdf, "PIAGAM PENGHARGAAN", 30, "B", 16)
    _line(pdf, "diberikan kepada", 13, "", 9)
    _line(pdf, certificate.name, 24, "B", 11)
    _line(pdf, f"NIP {certificate.nip}", 12, "", 7)
    _line(pdf, certificate.unit_name, 12, "", 11)
    _line(pdf, "sebagai", 12, "I", 8)
    _line(pdf, certificate.title, 20, "B", 10)
    _line(pdf, f"{certificate.scope_line}, {certificate.period_label}", 12, "", 10)
    if certificate.reasons:
        _line(pdf, "atas capaian:", 11, "I", 7)
        pdf.set_font("Helvetica", "", 10)
        for reason in certificate.reasons:
            text = (
                reason
                if len(reason) <= MAX_REASON_CHARS
                else reason[: MAX_REASON_CHARS - 3] + "..."
            )
            pdf.set_x(40)
            pdf.multi_cell(pdf.w - 80, 5.5, _latin1(f"- {text}"), align="C")
    pdf.set_y(pdf.h - 42)
    _line(pdf, f"{certificate.region_name}, {date_id(certificate.issued_on)}", 11, "", 7)
    pdf.set_y(pdf.h - 26)
    _line(pdf, f"Kode verifikasi: {certificate.award_id}", 8, "", 5)
    return bytes(pdf.output())


def _line(pdf: FPDF, text: str, size: float, style: str, height: float) -> None:
    pdf.set_font("Helvetica", style, size)
    pdf.cell(w=0, h=height, text=_latin1(text), align="C", new_x="LMARGIN", new_y="NEXT")


def _latin1(text: str) -> str:
    """What the built-in font can draw: look-alikes for typographic marks, ``?`` for the rest."""
    plain = unicodedata.normalize("NFC", text.translate(_ASCII_LOOKALIKES))
    return plain.encode("latin-1", errors="replace").decode("latin-1")
