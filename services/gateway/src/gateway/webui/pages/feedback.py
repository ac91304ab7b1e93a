"""360 feedback: answer for colleagues of my unit or who asked me, and ask colleagues outside it."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import RedirectResponse

from gateway.webui.calls import call, fetch
from gateway.webui.csrf import verify
from gateway.webui.forms import Form, present, read_form, whole
from gateway.webui.i18n import Translator, language
from gateway.webui.rendering import render
from gateway.webui.routing import WebRoute
from gateway.webui.session import require_user
from gateway.webui.years import chosen_year
from kit.auth import Principal

router = APIRouter(route_class=WebRoute, include_in_schema=False)
Year = Annotated[int | None, Query(ge=2000, le=2100)]


def source_for(user: Principal, person: dict[str, Any], me: dict[str, Any] | None) -> str:
    """Which 360 source my answer about ``person`` is: the service checks it is true."""
    if person["nip"] == user.nip:
        return "self"
    if me is not None and me.get("supervisor_nip") == person["nip"]:
        return "subordinate"
    if person.get("supervisor_nip") == user.nip:
        return "team"
    return "peer"


async def _colleagues(request: Request, user: Principal, year: int) -> list[dict[str, Any]]:
    """People I may answer about: my unit (from the cascade view) and those who asked me."""
    cascade = await call(request, "targets", "GET", "/monitoring/cascade", params={"year": year})
    people = cascade.body.get("people", []) if cascade.ok else []
    me = next((person for person in people if person["nip"] == user.nip), None)
    nominations = await fetch(request, "feedback", "/nominations", period=str(year))
    asked = [
        {"nip": item["nip"], "name": item.get("name") or item["nip"]}
        for item in nominations.get("to_give", [])
    ]
    known = {person["nip"] for person in people}
    colleagues = [
        person | {"source": source_for(user, person, me)}
        for person in people + [item for item in asked if item["nip"] not in known]
        if person["nip"] != user.nip
    ]
    return sorted(colleagues, key=lambda person: person.get("name") or person["nip"])


async def _page(
    request: Request, year: int, form: Form | None = None, status: int = 200
) -> Response:
    user = require_user(request)
    given = await fetch(request, "feedback", "/feedback/given", period=str(year))
    nominations = await fetch(request, "feedback", "/nominations", period=str(year))
    return render(
        request,
        "feedback.html",
        status=status,
        year=year,
        colleagues=await _colleagues(request, user, year),
        given={item["nip"] for item in given.get("items", [])},
        requested=nominations.get("requested", []),
        form=form or Form(),
    )


@router.get("/umpan-balik")
async def feedback_home(request: Request, year: Year = None) -> Response:
    """Whom I can give feedback to, what I gave, and whom I asked."""
    require_user(request)
    return await _page(request, await chosen_year(request, year))


@router.post("/umpan-balik/minta", dependencies=[Depends(verify)])
async def ask_for_feedback(request: Request, year: Year = None) -> Response:
    """Ask a colleague outside my unit for feedback (my PPK approves the request)."""
    require_user(request)
    year = await chosen_year(request, year)
    form = await read_form(request)
    body = {"rater_nip": form.value("rater_nip"), "period": str(year)}
    answer = await call(request, "feedback", "POST", "/nominations", json_body=body)
    if answer.ok:
        return RedirectResponse(f"/umpan-balik?year={year}&asked=1", status_code=303)
    form.refuse(answer, Translator(language(request)), {"rater_nip"})
    return await _page(request, year, form, status=answer.status)


async def _answer_page(
    request: Request, nip: str, year: int, form: Form | None = None, status: int = 200
) -> Response:
    user = require_user(request)
    colleague = next((p for p in await _colleagues(request, user, year) if p["nip"] == nip), None)
    values = await fetch(request, "feedback", "/feedback/values")
    given = await fetch(request, "feedback", "/feedback/given", period=str(year))
    earlier = next((item for item in given.get("items", []) if item["nip"] == nip), None)
    if form is None:
        form = Form()
        if earlier:
            form.values = {f"scores.{k}": str(v) for k, v in earlier["scores"].items()}
            form.values |= {
                "strengths": earlier.get("strengths", ""),
                "improve": earlier.get("improve", ""),
            }
    return render(
        request,
        "feedback_form.html",
        status=status,
        year=year,
        nip=nip,
        colleague=colleague or {"nip": nip, "name": nip, "source": "peer"},
        values=values.get("items", []),
        scale=values.get("scale", {"min": 1, "max": 5}),
        editing=earlier is not None,
        form=form,
    )


@router.get("/umpan-balik/beri/{nip}")
async def answer_form(request: Request, nip: str, year: Year = None) -> Response:
    """The seven BerAKHLAK values, 1-5 each, with strengths and what to improve."""
    require_user(request)
    return await _answer_page(request, nip, await chosen_year(request, year))


@router.post("/umpan-balik/beri/{nip}", dependencies=[Depends(verify)])
async def give_feedback(request: Request, nip: str, year: Year = None) -> Response:
    """Send (or change) my answer about a colleague."""
    require_user(request)
    year = await chosen_year(request, year)
    form = await read_form(request)
    scores = {
        name.removeprefix("scores."): whole(value)
        for name, value in form.values.items()
        if name.startswith("scores.") and value
    }
    body = present(
        nip=nip,
        period=str(year),
        source=form.value("source"),
        scores=scores,
        strengths=form.value("strengths"),
        improve=form.value("improve"),
    )
    body.setdefault("scores", {})
    method = "PUT" if form.value("editing") else "POST"
    answer = await call(request, "feedback", method, "/feedback", json_body=body)
    if answer.ok:
        return RedirectResponse(f"/umpan-balik?year={year}&given=1", status_code=303)
    form.refuse(answer, Translator(language(request)))
    return await _answer_page(request, nip, year, form, status=answer.status)
