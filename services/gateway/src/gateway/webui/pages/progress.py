"""Progress: report the realisation of each IKI of the approved plan, with evidence links or a file."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import RedirectResponse

from gateway.webui.calls import call, fetch_optional
from gateway.webui.charts import line_chart
from gateway.webui.csrf import verify
from gateway.webui.evidence_files import EVIDENCE_INPUT, refuse_evidence, store_evidence
from gateway.webui.figures import achievement_trend
from gateway.webui.forms import Form, number, present, read_form
from gateway.webui.i18n import Translator, language
from gateway.webui.rendering import render
from gateway.webui.routing import WebRoute
from gateway.webui.session import require_user
from gateway.webui.years import chosen_year, months, this_month

router = APIRouter(route_class=WebRoute, include_in_schema=False)
Year = Annotated[int | None, Query(ge=2000, le=2100)]
PATH = "/progres"
# The report form carries a file: it gets the gateway's larger upload size limit.
UPLOAD_PATHS = frozenset({PATH})


async def _page(
    request: Request, year: int, forms: dict[str, Form] | None = None, status: int = 200
) -> Response:
    skp = await fetch_optional(request, "targets", "/skp", year=year)
    t = Translator(language(request))
    trend = achievement_trend(skp.get("progress", [])) if skp else []
    chart = line_chart(trend, title=t("progress.trend"), target=100) if trend else None
    return render(
        request,
        "progress.html",
        status=status,
        year=year,
        skp=skp,
        forms=forms or {},
        periods=months(year),
        default_period=this_month(year),
        chart=chart,
        trend=trend,
    )


@router.get(PATH)
async def progress(request: Request, year: Year = None) -> Response:
    """A report form per IKI of my approved plan, and what I reported so far."""
    require_user(request)
    return await _page(request, await chosen_year(request, year))


@router.post(PATH, dependencies=[Depends(verify)])
async def report(request: Request, year: Year = None) -> Response:
    """Report one IKI for one period; evidence is one link per line and an optional file.

    A stored file's reference joins the links, so a refused report keeps it without a new upload.
    """
    require_user(request)
    year = await chosen_year(request, year)
    form = await read_form(request)
    t = Translator(language(request))
    key = f"{form.value('rhk_id')}/{form.value('iki_id')}"
    stored = await store_evidence(request)
    if stored is not None and not stored.ok:
        refuse_evidence(form, stored, t)
        return await _page(request, year, {key: form}, status=stored.status)
    evidence = [line.strip() for line in form.value("evidence").splitlines() if line.strip()]
    if stored is not None:
        evidence.append(stored.body["reference"])
        form.values["evidence"] = "\n".join(evidence)
    body = present(
        period=form.value("period"),
        rhk_id=form.value("rhk_id"),
        iki_id=form.value("iki_id"),
        realisation=number(form.value("realisation")),
        evidence=evidence,
        note=form.value("note"),
    )
    skp_id = form.value("skp_id")
    answer = await call(request, "targets", "POST", f"/skp/{skp_id}/progress", json_body=body)
    if answer.ok:
        return RedirectResponse(f"/progres?year={year}&reported=1", status_code=303)
    form.refuse(answer, t, {"realisation", "evidence", EVIDENCE_INPUT, "period", "note"})
    return await _page(request, year, {key: form}, status=answer.status)
