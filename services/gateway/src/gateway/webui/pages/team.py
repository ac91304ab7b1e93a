"""The PPK's team: who is behind, plans to approve, ratings to give, nominations to decide."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import RedirectResponse

from gateway.webui.calls import call, fetch, fetch_optional
from gateway.webui.csrf import verify
from gateway.webui.forms import Form, present, read_form
from gateway.webui.i18n import Translator, language
from gateway.webui.rendering import render
from gateway.webui.routing import WebRoute
from gateway.webui.session import require_user
from gateway.webui.years import chosen_year, this_month
from kit.auth import Role

router = APIRouter(route_class=WebRoute, include_in_schema=False)
Year = Annotated[int | None, Query(ge=2000, le=2100)]
RATINGS = ("DIATAS", "SESUAI", "DIBAWAH")


def behind(member: dict[str, Any]) -> bool:
    """Someone to look at: no approved plan yet, or below target so far."""
    if member.get("skp_status") != "approved":
        return True
    achievement = member.get("achievement_pct")
    return achievement is not None and achievement < 100


@router.get("/tim")
async def team(request: Request, year: Year = None) -> Response:
    """My direct reports with plan status and achievement, the late ones first."""
    require_user(request, Role.PPK)
    year = await chosen_year(request, year)
    members = (await fetch(request, "targets", "/monitoring/team", year=year)).get("items", [])
    nominations = await fetch(request, "feedback", "/nominations", period=str(year))
    ordered = sorted(members, key=lambda member: (not behind(member), member.get("name", "")))
    return render(
        request,
        "team.html",
        year=year,
        members=[member | {"behind": behind(member)} for member in ordered],
        to_decide=nominations.get("to_decide", []),
    )


async def _plan_page(
    request: Request, skp_id: str, form: Form | None = None, status: int = 200
) -> Response:
    skp = await fetch(request, "targets", f"/skp/{skp_id}")
    return render(request, "team_plan.html", status=status, skp=skp, form=form or Form())


@router.get("/tim/rencana/{skp_id}")
async def review_plan(request: Request, skp_id: str) -> Response:
    """A report's plan, to approve or send back with a reason."""
    require_user(request, Role.PPK)
    return await _plan_page(request, skp_id)


@router.post("/tim/rencana/{skp_id}", dependencies=[Depends(verify)])
async def decide_plan(request: Request, skp_id: str) -> Response:
    """Approve the plan, or reject it with a reason of at least ten characters."""
    require_user(request, Role.PPK)
    form = await read_form(request)
    if form.value("decision") == "approve":
        answer = await call(request, "targets", "POST", f"/skp/{skp_id}/approve")
    else:
        body = {"reason": form.value("reason")}
        answer = await call(request, "targets", "POST", f"/skp/{skp_id}/reject", json_body=body)
    if answer.ok:
        return RedirectResponse(f"/tim?decided={form.value('decision')}", status_code=303)
    form.refuse(answer, Translator(language(request)), {"reason"})
    return await _plan_page(request, skp_id, form, status=answer.status)


async def _rating_page(
    request: Request, nip: str, year: int, form: Form | None = None, status: int = 200
) -> Response:
    members = (await fetch(request, "targets", "/monitoring/team", year=year)).get("items", [])
    member = next((item for item in members if item["nip"] == nip), {"nip": nip, "name": nip})
    assessments = await fetch(request, "feedback", "/assessments", nip=nip, year=year)
    score = await fetch_optional(request, "scoring", f"/scores/{nip}", year=year)
    return render(
        request,
        "team_rate.html",
        status=status,
        year=year,
        member=member,
        assessments=assessments.get("items", []),
        score=score,
        ratings=RATINGS,
        form=form or Form(values={"period": this_month(year)}),
    )


@router.get("/tim/nilai/{nip}")
async def rating_form(request: Request, nip: str, year: Year = None) -> Response:
    """Rate a report's results and behaviour, with what the evidence suggests."""
    require_user(request, Role.PPK)
    return await _rating_page(request, nip, await chosen_year(request, year))


@router.post("/tim/nilai/{nip}", dependencies=[Depends(verify)])
async def rate(request: Request, nip: str, year: Year = None) -> Response:
    """Record the two official ratings with a justification."""
    require_user(request, Role.PPK)
    year = await chosen_year(request, year)
    form = await read_form(request)
    body = present(
        nip=nip,
        year=year,
        period=form.value("period"),
        rating_hasil_kerja=form.value("rating_hasil_kerja"),
        rating_perilaku=form.value("rating_perilaku"),
        justification=form.value("justification"),
    )
    answer = await call(request, "feedback", "POST", "/assessments", json_body=body)
    if answer.ok:
        return RedirectResponse(f"/tim?year={year}&rated=1", status_code=303)
    form.refuse(answer, Translator(language(request)))
    return await _rating_page(request, nip, year, form, status=answer.status)


@router.post("/tim/nominasi/{nomination_id}", dependencies=[Depends(verify)])
async def decide_nomination(request: Request, nomination_id: str, year: Year = None) -> Response:
    """Let a colleague outside the unit give feedback to my report, or refuse it."""
    require_user(request, Role.PPK)
    year = await chosen_year(request, year)
    form = await read_form(request)
    verb = "approve" if form.value("decision") == "approve" else "reject"
    answer = await call(
        request, "feedback", "POST", f"/nominations/{nomination_id}/{verb}", json_body={}
    )
    if not answer.ok:
        return render(
            request,
            "error.html",
            status=answer.status,
            reason=Translator(language(request)).say(answer.body),
        )
    return RedirectResponse(f"/tim?year={year}", status_code=303)
