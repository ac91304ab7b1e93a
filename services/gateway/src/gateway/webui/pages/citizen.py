"""Citizens, no account: the IKM survey with an officer rating, and a complaint, per ticket.

The ticket token in the link is the credential; the feedback service checks it and that it
is used once. Pages stay small: a cheap phone on a slow network opens them from a QR code.
"""

import re
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse

from gateway.rate_limits import citizen_rate_limit
from gateway.webui.calls import Answer, call
from gateway.webui.csrf import verify
from gateway.webui.forms import Form, present, read_form, whole
from gateway.webui.i18n import Translator, language
from gateway.webui.rendering import render
from gateway.webui.routing import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")
CATEGORIES = ("pelayanan", "perilaku_petugas", "waktu", "biaya", "sarana", "lainnya")
PROFILE = ("age_band", "sex", "education", "occupation")
# Why a ticket cannot be used, by the feedback service's status on the token.
TICKET_REFUSALS = {401: "forged", 403: "not_yet", 409: "used", 410: "expired", 422: "forged"}


async def _survey(request: Request, token: str) -> Answer:
    if not TOKEN_SHAPE.match(token) or len(token) > 2048:
        return Answer(422)
    return await call(request, "feedback", "GET", f"/citizen/survey/{token}", public=True)


def _ticket_page(request: Request, token: str, answer: Answer) -> Response:
    reason = TICKET_REFUSALS.get(answer.status, "unavailable")
    return render(request, "citizen/ticket.html", status=answer.status, reason=reason, token=token)


def _survey_body(form: Form) -> dict[str, Any]:
    answers = {
        name.removeprefix("answers."): whole(value)
        for name, value in form.values.items()
        if name.startswith("answers.") and value
    }
    profile = {name: form.value(name) for name in PROFILE}
    return present(
        answers=answers,
        officer_ref=form.value("officer_ref"),
        officer_rating=whole(form.value("officer_rating")) if form.value("officer_rating") else "",
        text=form.value("text"),
        **profile,
    )


@router.get("/survei/{token}")
async def survey_form(request: Request, token: str) -> Response:
    """The nine IKM questions, the officer rating and the optional profile."""
    answer = await _survey(request, token)
    if not answer.ok:
        return _ticket_page(request, token, answer)
    return render(request, "citizen/survey.html", survey=answer.body, token=token, form=Form())


@router.post("/survei/{token}", dependencies=[Depends(citizen_rate_limit), Depends(verify)])
async def survey_submit(request: Request, token: str) -> Response:
    """Send the answers once; a refusal shows the form again with what was typed."""
    form = await read_form(request)
    shown = await _survey(request, token)
    if not shown.ok:
        return _ticket_page(request, token, shown)
    path = f"/citizen/survey/{token}"
    answer = await call(
        request, "feedback", "POST", path, json_body=_survey_body(form), public=True
    )
    if answer.ok:
        return RedirectResponse(f"/survei/{token}/terima-kasih", status_code=303)
    if answer.status in (401, 403, 410) or _token_refused(answer):
        return _ticket_page(request, token, answer)
    form.refuse(answer, Translator(language(request)))
    return render(
        request,
        "citizen/survey.html",
        status=answer.status,
        survey=shown.body,
        token=token,
        form=form,
    )


def _token_refused(answer: Answer) -> bool:
    errors = answer.body.get("errors", []) if isinstance(answer.body, dict) else []
    return any(error.get("field") == "token" for error in errors)


@router.get("/survei/{token}/terima-kasih")
async def survey_thanks(request: Request, token: str) -> Response:
    """Thanks, and the way to a complaint with the same ticket."""
    return render(request, "citizen/thanks.html", token=token)


async def _complaint_page(request: Request, token: str, form: Form, status: int = 200) -> Response:
    if not TOKEN_SHAPE.match(token):
        return _ticket_page(request, token, Answer(422))
    path = f"/citizen/complaints/{token}"
    filed = await call(request, "feedback", "GET", path, public=True)
    if filed.ok:
        return render(request, "citizen/complaint_status.html", complaint=filed.body)
    survey = await _survey(request, token)
    if not survey.ok and survey.status != 409:
        return _ticket_page(request, token, survey)
    officers = survey.body.get("officers", []) if survey.ok else []
    return render(
        request,
        "citizen/complaint.html",
        status=status,
        token=token,
        form=form,
        officers=officers,
        categories=CATEGORIES,
    )


@router.get("/survei/{token}/pengaduan")
async def complaint_form(request: Request, token: str) -> Response:
    """The complaint form, or the status of the complaint filed with this ticket."""
    return await _complaint_page(request, token, Form())


@router.post(
    "/survei/{token}/pengaduan", dependencies=[Depends(citizen_rate_limit), Depends(verify)]
)
async def complaint_submit(request: Request, token: str) -> Response:
    """File the complaint once; afterwards the same link shows its status."""
    form = await read_form(request)
    body = present(
        category=form.value("category"),
        text=form.value("text"),
        officer_ref=form.value("officer_ref"),
    )
    path = f"/citizen/complaints/{token}"
    answer = await call(request, "feedback", "POST", path, json_body=body, public=True)
    if answer.ok or answer.status == 409:
        return RedirectResponse(f"/survei/{token}/pengaduan", status_code=303)
    if answer.status in (401, 403, 410) or _token_refused(answer):
        return _ticket_page(request, token, answer)
    form.refuse(answer, Translator(language(request)))
    return await _complaint_page(request, token, form, status=answer.status)
