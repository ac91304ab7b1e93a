"""Which performance year a page shows (the one asked for, else the newest open one); period names."""

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Query, Request

from gateway.webui.calls import call
from gateway.webui.i18n import Translator

# A year asked for in a page's query (none: the newest open one).
YearQuery = Annotated[int | None, Query(ge=2000, le=2100)]


async def periods(request: Request) -> list[dict[str, Any]]:
    """The region's performance years, newest first (empty when none or not readable)."""
    answer = await call(request, "targets", "GET", "/periods")
    items: list[dict[str, Any]] = answer.body.get("items", []) if answer.ok else []
    return items


async def chosen_year(request: Request, asked: int | None) -> int:
    """``asked`` when given; else the newest open year; else this calendar year."""
    if asked is not None:
        return asked
    open_years = [item["year"] for item in await periods(request) if item.get("status") == "open"]
    return max(open_years) if open_years else datetime.now(UTC).year


def months(year: int) -> list[str]:
    """The monthly reporting periods of a year (``2026-01`` .. ``2026-12``)."""
    return [f"{year}-{month:02d}" for month in range(1, 13)]


def this_month(year: int) -> str:
    """The current month when it lies in ``year``, else the year's last month."""
    now = datetime.now(UTC)
    return f"{year}-{now.month:02d}" if now.year == year else f"{year}-12"


def last_month() -> str:
    """The month before this one: the newest month that may already be over."""
    now = datetime.now(UTC)
    year, month = (now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12)
    return f"{year}-{month:02d}"


_ROMAN = ("I", "II", "III", "IV")


def period_name(period: str, t: Translator) -> str:
    """A period as people say it: ``Oktober 2026``, ``Triwulan IV 2026``, ``Tahun 2026``."""
    year, _, part = period.partition("-")
    if not part:
        return t("period_name.year", year=year)
    if part.startswith("Q") and part[1:].isdigit() and 1 <= int(part[1:]) <= len(_ROMAN):
        return t("period_name.quarter", year=year, n=part[1:], roman=_ROMAN[int(part[1:]) - 1])
    if part.isdigit() and 1 <= int(part) <= 12:
        return t("period_name.month", year=year, month=t(f"month.{int(part)}"))
    return period
