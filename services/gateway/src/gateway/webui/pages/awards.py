"""Region HR's awards desk: compute a closed period's awards, payroll exports, base TPP, talent.

The rewards service decides who wins and when a period may run; this page shows its answers.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import RedirectResponse

from gateway.webui.award_views import by_scope
from gateway.webui.boards import unit_names
from gateway.webui.calls import PageProblem, call, fetch, fetch_file
from gateway.webui.csrf import verify
from gateway.webui.file_fields import FileProblem, refuse_file, uploaded
from gateway.webui.forms import Form, read_form
from gateway.webui.i18n import Translator, language
from gateway.webui.rendering import render
from gateway.webui.routing import WebRoute
from gateway.webui.session import require_user
from gateway.webui.years import YearQuery as Year
from gateway.webui.years import chosen_year, last_month
from kit.auth import Role

router = APIRouter(route_class=WebRoute, include_in_schema=False)
READERS = (Role.REGION_ADMIN, Role.AUDITOR)
TALENT_PAGE = 20
FORMATS = ("csv", "xlsx")


async def _page(
    request: Request,
    year: int,
    *,
    forms: dict[str, Form] | None = None,
    problems: list[FileProblem] | None = None,
    outcome: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    user = require_user(request, *READERS)
    runs = (await fetch(request, "rewards", "/rewards/runs", year=year)).get("items", [])
    months = [run["period"] for run in runs if run.get("cadence") == "monthly"]
    result: dict[str, Any] = {}
    if outcome is not None:
        units = await unit_names(request, user.region, outcome["period"])
        result = {"units": units, "winners": by_scope(outcome.get("awards", []), units)}
    return render(
        request,
        "rewards/awards.html",
        status=status,
        year=year,
        runs=runs,
        newest_month=months[0] if months else last_month(),
        forms=forms or {},
        problems=problems or [],
        outcome=outcome,
        formats=FORMATS,
        **result,
    )


@router.get("/penghargaan")
async def awards_desk(request: Request, year: Year = None) -> Response:
    """The year's award runs, the forms to run a period and to feed payroll."""
    require_user(request, *READERS)
    return await _page(request, await chosen_year(request, year))


@router.post("/penghargaan/hitung", dependencies=[Depends(verify)])
async def run_awards(request: Request, year: Year = None) -> Response:
    """Compute a period's awards and show who won, who could not and what changed."""
    require_user(request, Role.REGION_ADMIN)
    form = await read_form(request)
    answer = await call(
        request, "rewards", "POST", "/rewards/runs", json_body={"period": form.value("period")}
    )
    if answer.ok:
        ran_year = int(str(answer.body["period"])[:4])
        return await _page(request, ran_year, outcome=answer.body)
    form.refuse(answer, Translator(language(request)))
    year = await chosen_year(request, year)
    return await _page(request, year, forms={"run": form}, status=answer.status)


@router.get("/penghargaan/ekspor")
async def allowance_export(
    request: Request,
    period: str = "",
    file_format: Annotated[str, Query(alias="format")] = "csv",
    year: Year = None,
) -> Response:
    """A month's TPP and angka kredit as a CSV or XLSX download; "no scores" shown on the month."""
    require_user(request, Role.REGION_ADMIN)
    params = {"period": period, "format": file_format}
    try:
        return await fetch_file(request, "rewards", "/rewards/exports/allowance", **params)
    except PageProblem as problem:
        form = Form(values={"period": period}).refuse(problem.answer, Translator(language(request)))
        year = await chosen_year(request, year)
        return await _page(request, year, forms={"export": form}, status=problem.answer.status)


@router.post("/penghargaan/tpp", dependencies=[Depends(verify)])
async def upload_tpp_bases(request: Request, year: Year = None) -> Response:
    """Store payroll's base TPP (a chosen CSV file, or pasted); a bad line refuses the whole file."""
    require_user(request, Role.REGION_ADMIN)
    form = await read_form(request)
    chosen = await uploaded(request, "file")
    if chosen is not None:
        form.values["text"] = chosen.text
    body = {"text": form.value("text")}
    answer = await call(request, "rewards", "POST", "/rewards/tpp-bases", json_body=body)
    if answer.ok:
        return RedirectResponse(f"/penghargaan?tpp={answer.body['stored']}#tpp", status_code=303)
    problems = refuse_file(form, answer, Translator(language(request)), text_input="text")
    year = await chosen_year(request, year)
    return await _page(request, year, forms={"tpp": form}, problems=problems, status=answer.status)


@router.get("/penghargaan/talenta")
async def talent_pool(request: Request, offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    """The region's talent pool now, with why each member entered."""
    require_user(request, *READERS)
    members = (await fetch(request, "rewards", "/rewards/talent-pool")).get("items", [])
    return render(
        request,
        "rewards/talent_pool.html",
        members=members[offset : offset + TALENT_PAGE],
        total=len(members),
        offset=offset,
        limit=TALENT_PAGE,
    )
