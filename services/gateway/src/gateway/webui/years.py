"""Which performance year a page shows: the one asked for, else the region's newest open one."""

from datetime import UTC, datetime
from typing import Any

from fastapi import Request

from gateway.webui.calls import call


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
