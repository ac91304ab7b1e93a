"""A printable sheet of service tickets, one QR code per citizen token (segno, inline SVG)."""

from datetime import datetime
from html import escape

import segno

CALL_TO_ACTION = "Pindai untuk menilai layanan kami"

_STYLE = """
body { font-family: sans-serif; margin: 8mm; }
.sheet { display: flex; flex-wrap: wrap; gap: 4mm; }
.ticket { width: 60mm; border: 1px dashed #888; padding: 3mm; text-align: center;
          page-break-inside: avoid; break-inside: avoid; }
.ticket svg { width: 40mm; height: 40mm; }
.cta { font-weight: bold; margin: 1mm 0; }
.meta { font-size: 8pt; color: #333; }
.url { font-size: 5pt; word-break: break-all; color: #555; }
"""


def qr_svg(url: str) -> str:
    """One QR code as an inline ``<svg>`` (error level M survives a smudged print)."""
    return str(segno.make(url, error="m", boost_error=False).svg_inline(scale=3, border=2))


def ticket_sheet(*, unit_name: str, service_id: str, valid_until: datetime, urls: list[str]) -> str:
    """The whole batch as one HTML page; every value from data is escaped."""
    until = f"{valid_until:%d-%m-%Y %H:%M}"
    tickets = "\n".join(
        f"""<div class="ticket">{qr_svg(url)}
<div class="cta">{escape(CALL_TO_ACTION)}</div>
<div class="meta">{escape(unit_name)} &middot; {escape(service_id)}</div>
<div class="meta">Berlaku sampai {escape(until)}</div>
<div class="url">{escape(url)}</div></div>"""
        for url in urls
    )
    return f"""<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<title>Tiket survei: {escape(unit_name)}</title><style>{_STYLE}</style></head>
<body><div class="sheet">
{tickets}
</div></body></html>
"""
