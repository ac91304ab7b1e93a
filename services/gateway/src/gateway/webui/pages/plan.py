"""The employee's SKP: plan RHK and IKI linked to the supervisor's RHK, save, submit, revise."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import RedirectResponse

from gateway.webui.calls import Answer, call, fetch, fetch_optional
from gateway.webui.csrf import verify
from gateway.webui.forms import Form, read_form
from gateway.webui.i18n import Translator, language
from gateway.webui.rendering import render
from gateway.webui.routing import WebRoute
from gateway.webui.session import require_user
from gateway.webui.skp_form import body_from_values, shape, values_from_plan
from gateway.webui.years import chosen_year

router = APIRouter(route_class=WebRoute, include_in_schema=False)
Year = Annotated[int | None, Query(ge=2000, le=2100)]
EDITABLE = frozenset({"draft", "rejected", "revising"})


async def _page(
    request: Request,
    year: int,
    form: Form | None = None,
    *,
    status: int = 200,
    notice: str = "",
    warnings: list[dict[str, Any]] | None = None,
) -> Response:
    skp = await fetch_optional(request, "targets", "/skp", year=year)
    links = await fetch(request, "targets", f"/planning/{year}/links")
    if form is None:
        form = Form(values=values_from_plan(skp["rhk"]) if skp else {})
    return render(
        request,
        "plan.html",
        status=status,
        year=year,
        skp=skp,
        links=links,
        form=form,
        layout=shape(form.values),
        editable=skp is None or skp["status"] in EDITABLE,
        notice=notice,
        warnings=warnings or [],
    )


@router.get("/rencana")
async def plan(request: Request, year: Year = None) -> Response:
    """My plan for the year, editable while a draft, rejected or under revision."""
    require_user(request)
    return await _page(request, await chosen_year(request, year))


@router.post("/rencana", dependencies=[Depends(verify)])
async def save_plan(request: Request, year: Year = None) -> Response:
    """Save the draft (creating it the first time); with ``action=submit`` also submit it."""
    require_user(request)
    year = await chosen_year(request, year)
    form = await read_form(request)
    t = Translator(language(request))
    body = body_from_values(form.values)
    skp_id = form.value("skp_id")
    if skp_id:
        saved = await call(request, "targets", "PUT", f"/skp/{skp_id}", json_body={"rhk": body.rhk})
    else:
        payload = {"year": year, "rhk": body.rhk}
        saved = await call(request, "targets", "POST", "/skp", json_body=payload)
    if not saved.ok:
        return await _refused(request, year, form, saved, t, body.shown_path)
    skp_id = saved.body["skp_id"]
    if form.value("action") != "submit":
        warnings = saved.body.get("warnings", [])
        return await _page(request, year, notice=t("plan.saved"), warnings=warnings)
    submitted = await call(request, "targets", "POST", f"/skp/{skp_id}/submit")
    if not submitted.ok:
        return await _refused(request, year, form, submitted, t, body.shown_path)
    return RedirectResponse(f"/rencana?year={year}&sent=1", status_code=303)


async def _refused(
    request: Request, year: int, form: Form, answer: Answer, t: Translator, shown_path: Any
) -> Response:
    problem = dict(answer.body) if isinstance(answer.body, dict) else {}
    problem["errors"] = [
        {**error, "field": shown_path(str(error.get("field") or ""))}
        for error in problem.get("errors") or []
    ]
    form.refuse(Answer(answer.status, problem), t)
    return await _page(request, year, form, status=answer.status)


@router.post("/rencana/revisi", dependencies=[Depends(verify)])
async def revise_plan(request: Request, year: Year = None) -> Response:
    """Reopen an approved plan mid-year with a reason (it needs approval again)."""
    require_user(request)
    year = await chosen_year(request, year)
    form = await read_form(request)
    answer = await call(
        request,
        "targets",
        "POST",
        f"/skp/{form.value('skp_id')}/revise",
        json_body={"reason": form.value("reason")},
    )
    if not answer.ok:
        form.refuse(answer, Translator(language(request)))
        return await _page(request, year, form, status=answer.status)
    return RedirectResponse(f"/rencana?year={year}", status_code=303)
