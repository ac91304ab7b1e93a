"""Fairness warnings and a unit's predikat distribution against its curve."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from gateway.webui.calls import fetch, fetch_optional
from gateway.webui.charts import bar_chart
from gateway.webui.figures import distribution_bars
from gateway.webui.i18n import Translator, language
from gateway.webui.rendering import render
from gateway.webui.routing import WebRoute
from gateway.webui.session import require_user
from gateway.webui.units import PREDIKATS, chosen_unit
from gateway.webui.years import chosen_year
from kit.auth import Role

router = APIRouter(route_class=WebRoute, include_in_schema=False)
Year = Annotated[int | None, Query(ge=2000, le=2100)]
PAGE = 20


@router.get("/keadilan")
async def fairness(
    request: Request, year: Year = None, offset: Annotated[int, Query(ge=0)] = 0
) -> Response:
    """Open fairness flags the caller may see (all for HR and auditors, evidence gaps for PPKs)."""
    require_user(request, Role.PPK, Role.REGION_ADMIN, Role.AUDITOR)
    year = await chosen_year(request, year)
    flags = await fetch(request, "scoring", "/flags", year=year, offset=offset, limit=PAGE)
    return render(
        request,
        "fairness.html",
        year=year,
        flags=flags.get("items", []),
        total=int(flags.get("total") or 0),
        offset=offset,
        limit=PAGE,
    )


@router.get("/distribusi")
async def distribution(request: Request, year: Year = None, unit_id: str | None = None) -> Response:
    """How many staff got each predikat, against the curve of the unit's own predikat."""
    require_user(request, Role.PPK, Role.UNIT_ADMIN, Role.REGION_ADMIN, Role.AUDITOR)
    year = await chosen_year(request, year)
    unit = await chosen_unit(request, unit_id, year)
    found = (
        await fetch_optional(request, "scoring", f"/units/{unit}/distribution", year=year)
        if unit
        else None
    )
    t = Translator(language(request))
    chart = None
    if found and int(found.get("total") or 0) > 0:
        bars = distribution_bars(found, PREDIKATS, t)
        chart = bar_chart(bars, title=t("distribution.chart"), maximum=float(found["total"]))
    return render(request, "distribution.html", year=year, unit_id=unit, found=found, chart=chart)
