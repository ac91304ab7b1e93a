"""My score receipt with its charts, and an appeal (keberatan) against my latest assessment."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import RedirectResponse

from gateway.webui.calls import call, fetch, fetch_optional
from gateway.webui.charts import bar_chart, line_chart, radar_chart
from gateway.webui.csrf import verify
from gateway.webui.figures import achievement_trend, berakhlak_axes, receipt_breakdown
from gateway.webui.forms import Form, read_form
from gateway.webui.i18n import Translator, language
from gateway.webui.rendering import render
from gateway.webui.routing import WebRoute
from gateway.webui.session import require_user
from gateway.webui.years import chosen_year

router = APIRouter(route_class=WebRoute, include_in_schema=False)
Year = Annotated[int | None, Query(ge=2000, le=2100)]


async def _charts(request: Request, nip: str, year: int, score: dict[str, Any]) -> dict[str, Any]:
    t = Translator(language(request))
    breakdown = receipt_breakdown(score.get("receipt", {}), t)
    skp = await fetch_optional(request, "targets", "/skp", year=year)
    trend = achievement_trend(skp.get("progress", [])) if skp else []
    summary = await call(
        request, "feedback", "GET", "/feedback/summary", params={"nip": nip, "period": str(year)}
    )
    values = await fetch(request, "feedback", "/feedback/values")
    axes = berakhlak_axes(summary.body if summary.ok else None, values.get("items", []), t)
    return {
        "breakdown": bar_chart(breakdown, title=t("score.breakdown"), maximum=100)
        if breakdown
        else None,
        "breakdown_bars": breakdown,
        "trend": line_chart(trend, title=t("score.trend"), target=100) if trend else None,
        "trend_points": trend,
        "radar": radar_chart(axes, title=t("score.radar")) if len(axes) >= 3 else None,
        "radar_axes": axes,
        "anonymity_k": summary.body.get("k") if summary.ok else None,
    }


async def _page(
    request: Request, year: int, form: Form | None = None, status: int = 200
) -> Response:
    user = require_user(request)
    score = await fetch_optional(request, "scoring", f"/scores/{user.nip}", year=year)
    assessments = await fetch(request, "feedback", "/assessments", nip=user.nip, year=year)
    appeals = await fetch(request, "feedback", "/appeals")
    latest = max(assessments.get("items", []), key=lambda item: item.get("at") or "", default=None)
    mine = [item for item in appeals.get("items", []) if item.get("nip") == user.nip]
    charts = await _charts(request, user.nip, year, score) if score else {}
    rewards = await call(request, "rewards", "GET", "/rewards", params={"year": year})
    return render(
        request,
        "score.html",
        status=status,
        year=year,
        score=score,
        latest=latest,
        appeals=mine,
        rewards=rewards.body.get("items", []) if rewards.ok else [],
        form=form or Form(),
        **charts,
    )


@router.get("/nilai")
async def my_score(request: Request, year: Year = None) -> Response:
    """The score, why it is what it is, and what would change it."""
    require_user(request)
    return await _page(request, await chosen_year(request, year))


@router.post("/nilai/keberatan", dependencies=[Depends(verify)])
async def file_appeal(request: Request, year: Year = None) -> Response:
    """File an appeal against the latest assessment of a period, with my reason."""
    require_user(request)
    year = await chosen_year(request, year)
    form = await read_form(request)
    body = {
        "period": form.value("period"),
        "assessment_id": form.value("assessment_id"),
        "reason": form.value("reason"),
    }
    answer = await call(request, "feedback", "POST", "/appeals", json_body=body)
    if answer.ok:
        return RedirectResponse(f"/nilai?year={year}&appealed=1#keberatan", status_code=303)
    form.refuse(answer, Translator(language(request)), {"reason"})
    return await _page(request, year, form, status=answer.status)
