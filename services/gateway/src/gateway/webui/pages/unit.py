"""The unit admin's desk: IKM per element, printable survey tickets, complaints, the predicate."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import RedirectResponse

from gateway.webui.calls import call, fetch, fetch_optional
from gateway.webui.charts import bar_chart
from gateway.webui.csrf import verify
from gateway.webui.figures import ikm_bars
from gateway.webui.forms import Form, present, read_form, whole
from gateway.webui.i18n import Translator, language
from gateway.webui.qr import qr_svg
from gateway.webui.rendering import render
from gateway.webui.routing import WebRoute
from gateway.webui.session import require_user
from gateway.webui.units import ORG_PREDIKATS, chosen_unit, may_set_predicate
from gateway.webui.years import chosen_year
from kit.auth import Role

router = APIRouter(route_class=WebRoute, include_in_schema=False)
Year = Annotated[int | None, Query(ge=2000, le=2100)]
ADMINS = (Role.UNIT_ADMIN, Role.REGION_ADMIN)
PAGE = 20
OPEN_STATUSES = ("received", "in_progress")


async def _page(
    request: Request,
    year: int,
    unit_id: str | None,
    forms: dict[str, Form] | None = None,
    status: int = 200,
) -> Response:
    user = require_user(request, *ADMINS)
    unit = await chosen_unit(request, unit_id, year)
    t = Translator(language(request))
    quality = (
        await fetch_optional(request, "scoring", f"/units/{unit}/quality", year=year)
        if unit
        else None
    )
    document = (quality or {}).get("year")
    chart = (
        bar_chart(ikm_bars(document), title=t("unit.ikm_chart"), maximum=100, marks=(76.61, 88.31))
        if document
        else None
    )
    steward = unit is not None and await may_set_predicate(request, user, unit, year)
    predicate = None
    if steward:
        predicate = await fetch_optional(
            request, "targets", f"/units/{unit}/predicate", period=str(year)
        )
    return render(
        request,
        "unit.html",
        status=status,
        year=year,
        unit_id=unit,
        quality=quality,
        ikm=document,
        chart=chart,
        steward=steward,
        predicate=predicate,
        predikats=ORG_PREDIKATS,
        forms=forms or {},
    )


@router.get("/unit")
async def unit_desk(request: Request, year: Year = None, unit_id: str | None = None) -> Response:
    """The unit's IKM with its band per element, the ticket printer and the predicate."""
    require_user(request, *ADMINS)
    return await _page(request, await chosen_year(request, year), unit_id)


@router.post("/unit/tiket", dependencies=[Depends(verify)])
async def issue_tickets(request: Request, year: Year = None) -> Response:
    """Issue single-use survey tokens and show them as a printable sheet of QR codes."""
    require_user(request, *ADMINS)
    year = await chosen_year(request, year)
    form = await read_form(request)
    body = present(
        unit_id=form.value("unit_id"),
        service_id=form.value("service_id"),
        count=whole(form.value("count")),
        valid_hours=whole(form.value("valid_hours")),
    )
    answer = await call(request, "feedback", "POST", "/citizen-tokens", json_body=body)
    t = Translator(language(request))
    if not answer.ok:
        form.refuse(answer, t)
        return await _page(request, year, form.value("unit_id"), {"tickets": form}, answer.status)
    tickets = [
        {"url": item["url"], "qr": qr_svg(item["url"], t("tickets.qr_label", n=number))}
        for number, item in enumerate(answer.body["tokens"], 1)
    ]
    return render(request, "tickets.html", batch=answer.body, tickets=tickets)


@router.post("/unit/predikat", dependencies=[Depends(verify)])
async def set_predicate(request: Request, year: Year = None) -> Response:
    """Set the unit's organisation predicate for the year (region HR, or the unit's own admin)."""
    require_user(request, *ADMINS)
    year = await chosen_year(request, year)
    form = await read_form(request)
    unit = form.value("unit_id")
    body = present(period=str(year), predikat=form.value("predikat"), note=form.value("note"))
    answer = await call(request, "targets", "PUT", f"/units/{unit}/predicate", json_body=body)
    if answer.ok:
        return RedirectResponse(f"/unit?year={year}&unit_id={unit}&predicate=1", status_code=303)
    form.refuse(answer, Translator(language(request)))
    return await _page(request, year, unit, {"predicate": form}, answer.status)


async def _complaints_page(
    request: Request, unit_id: str | None, offset: int, form: Form | None = None, status: int = 200
) -> Response:
    params = {"unit_id": unit_id, "offset": offset, "limit": PAGE}
    found = await fetch(request, "feedback", "/complaints", **params)
    return render(
        request,
        "complaints.html",
        status=status,
        unit_id=unit_id,
        complaints=found.get("items", []),
        total=int(found.get("total") or 0),
        offset=offset,
        limit=PAGE,
        open_statuses=OPEN_STATUSES,
        form=form or Form(),
    )


@router.get("/unit/pengaduan")
async def complaints(
    request: Request, unit_id: str | None = None, offset: Annotated[int, Query(ge=0)] = 0
) -> Response:
    """The unit's complaints, overdue ones flagged, with the next step for each open one."""
    require_user(request, *ADMINS)
    return await _complaints_page(request, unit_id, offset)


@router.post("/unit/pengaduan/{complaint_id}", dependencies=[Depends(verify)])
async def move_complaint(request: Request, complaint_id: str) -> Response:
    """Move a complaint on; closing it needs a note, which the citizen will read."""
    require_user(request, *ADMINS)
    form = await read_form(request)
    body = present(status=form.value("status"), note=form.value("note"))
    answer = await call(
        request, "feedback", "POST", f"/complaints/{complaint_id}/status", json_body=body
    )
    unit_id = form.value("unit_id") or None
    if answer.ok:
        return RedirectResponse(f"/unit/pengaduan?unit_id={unit_id or ''}&moved=1", status_code=303)
    form.values["complaint_id"] = complaint_id
    form.refuse(answer, Translator(language(request)), {"status", "note"})
    return await _complaints_page(request, unit_id, 0, form, answer.status)
