"""HTTP API of the citizen survey (IKM): token batches for units, the public form, the summary."""

from datetime import datetime, timedelta
from typing import Annotated, Any
from uuid import uuid4

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from contracts import SurveySubmitted
from contracts.vocabulary import Identifier, Period
from feedback import qr, survey_form
from feedback.citizen_access import (
    CitizenDesk,
    Clock,
    Desk,
    client_address,
    is_unit_admin_of,
    require_unit_steward,
    resolve_officer,
    unit_officers,
)
from feedback.survey_form import ServiceId, SurveyAnswers
from feedback.survey_store import SurveyStore
from feedback.tokens import CitizenToken, TokenClaims, invalid_token, token_used
from kit.auth import Caller
from kit.deps import from_app_state
from kit.directory import Directory
from kit.problems import DomainProblem

PRODUCER = "feedback"
MAX_TICKETS = 500
router = APIRouter(tags=["citizens"])
Surveys = Annotated[SurveyStore, Depends(from_app_state("survey_store"))]


class TokenBatchForm(BaseModel):
    """A unit asks for printable tickets for one of its services."""

    model_config = ConfigDict(extra="forbid")

    unit_id: Identifier
    service_id: ServiceId
    count: int = Field(ge=1, le=MAX_TICKETS)
    valid_hours: int = Field(ge=1)
    valid_from: AwareDatetime | None = None  # default: now


async def verified_claims(
    token: str, surveys: SurveyStore, desk: CitizenDesk, now: datetime | None
) -> TokenClaims:
    """A genuine token in its window whose batch still exists for the same unit and service."""
    claims = desk.tokens.verify(token, now)
    batch = await surveys.get_batch(claims.batch_id)
    if batch is None or (batch["region"], batch["unit_id"], batch["service_id"]) != (
        claims.region,
        claims.unit_id,
        claims.service_id,
    ):
        raise invalid_token("batch")
    return claims


@router.post("/citizen-tokens", status_code=201, operation_id="citizen_tokens_issue")
async def issue_tokens(
    body: TokenBatchForm,
    caller: Caller,
    directory: Directory,
    surveys: Surveys,
    desk: Desk,
    clock: Clock,
) -> dict[str, Any]:
    """The unit's admin (or region HR) gets a batch of single-use tokens to print on tickets."""
    await require_unit_steward(caller, body.unit_id, directory)
    if body.valid_hours > desk.max_token_hours:
        raise DomainProblem(
            422,
            field="valid_hours",
            reason_id=f"Masa berlaku paling lama {desk.max_token_hours} jam",
            reason_en=f"Tokens may be valid for at most {desk.max_token_hours} hours",
        )
    now = clock()
    valid_from = body.valid_from or now
    valid_until = valid_from + timedelta(hours=body.valid_hours)
    if valid_until <= now:
        raise DomainProblem(
            422,
            field="valid_from",
            reason_id="Masa berlaku sudah lewat",
            reason_en="The validity window is already over",
        )
    batch_id = uuid4().hex
    issued = [
        desk.tokens.issue(
            region=caller.region,
            unit_id=body.unit_id,
            service_id=body.service_id,
            batch_id=batch_id,
            valid_from=valid_from,
            valid_until=valid_until,
        )
        for _ in range(body.count)
    ]
    await surveys.insert_batch(
        {
            "_id": batch_id,
            "region": caller.region,
            "unit_id": body.unit_id,
            "service_id": body.service_id,
            "count": body.count,
            "issued_by": caller.nip,
            "issued_at": now,
            "valid_from": valid_from,
            "valid_until": valid_until,
            # Kept only so the issuer can print the same batch again.
            "tokens": [{"jti": jti, "token": token} for jti, token in issued],
        }
    )
    return {
        "batch_id": batch_id,
        "unit_id": body.unit_id,
        "service_id": body.service_id,
        "count": body.count,
        "valid_from": valid_from,
        "valid_until": valid_until,
        "tokens": [{"token": token, "url": desk.survey_url(token)} for _, token in issued],
        "print_path": f"/citizen-tokens/{batch_id}/print",
    }


@router.get(
    "/citizen-tokens/{batch_id}/print",
    operation_id="citizen_tokens_print",
    response_class=HTMLResponse,
)
async def print_tokens(
    batch_id: Identifier, caller: Caller, directory: Directory, surveys: Surveys, desk: Desk
) -> HTMLResponse:
    """The batch as a printable page of tickets with QR codes, for the one who issued it."""
    batch = await surveys.get_batch(batch_id, with_tokens=True)
    if batch is None or batch["region"] != caller.region:
        raise DomainProblem(
            404, reason_id="Batch token tidak ditemukan", reason_en="Token batch not found"
        )
    if batch["issued_by"] != caller.nip:
        raise DomainProblem(
            403,
            reason_id="Hanya penerbit batch ini yang dapat mencetaknya",
            reason_en="Only the issuer of this batch may print it",
        )
    unit = await directory.unit(caller.region, batch["unit_id"])
    page = qr.ticket_sheet(
        unit_name=str(unit["name"]) if unit else batch["unit_id"],
        service_id=batch["service_id"],
        valid_until=desk.local(batch["valid_until"]),
        urls=[desk.survey_url(ticket["token"]) for ticket in batch["tokens"]],
    )
    return HTMLResponse(page, headers={"x-content-type-options": "nosniff"})


@router.get("/citizen/survey/{token}", operation_id="citizen_survey_form")
async def survey_form_of(
    token: CitizenToken, directory: Directory, surveys: Surveys, desk: Desk, clock: Clock
) -> dict[str, Any]:
    """The public form for a valid, unused token: elements, scales, profile, the unit's officers."""
    claims = await verified_claims(token, surveys, desk, clock())
    if await surveys.survey_used(claims.jti):
        raise token_used()
    unit = await directory.unit(claims.region, claims.unit_id)
    officers = await unit_officers(directory, desk, claims.region, claims.unit_id)
    return {
        "unit": {"unit_id": claims.unit_id, "name": unit["name"] if unit else claims.unit_id},
        "service_id": claims.service_id,
        "valid_until": claims.valid_until,
        **survey_form.form_definition(),
        "officers": [{"ref": officer["ref"], "name": officer["name"]} for officer in officers],
    }


@router.post("/citizen/survey/{token}", status_code=201, operation_id="citizen_survey_submit")
async def submit_survey(
    token: CitizenToken,
    body: SurveyAnswers,
    request: Request,
    directory: Directory,
    surveys: Surveys,
    desk: Desk,
    clock: Clock,
) -> dict[str, Any]:
    """A citizen answers the survey once per token; publishes ``survey.submitted``."""
    client = desk.keyed_hash("client", client_address(request))
    desk.limits.hit_client(client)  # before anything else: forged floods are counted too
    now = clock()
    claims = await verified_claims(token, surveys, desk, now)
    desk.limits.hit_unit(claims.region, claims.unit_id)
    survey_form.check_officer_fields(body)
    officer_nip = await resolve_officer(
        directory,
        desk,
        claims.region,
        claims.unit_id,
        officer_ref=body.officer_ref,
        officer_nip=body.officer_nip,
    )
    if await surveys.survey_used(claims.jti):
        raise token_used()
    fingerprint = desk.keyed_hash(
        "survey", claims.region, claims.unit_id, client, survey_form.content_key(body, officer_nip)
    )
    if not await surveys.claim_fingerprint(
        fingerprint, claims.jti, now, now + desk.duplicate_window
    ):
        raise survey_form.duplicate_survey()
    period = f"{desk.local(now):%Y-%m}"
    survey_id = uuid4().hex
    profile = {name: getattr(body, name) for name in survey_form.PROFILE_FIELDS}
    event = SurveySubmitted(
        region=claims.region,
        producer=PRODUCER,
        survey_id=survey_id,
        unit_id=claims.unit_id,
        service_id=claims.service_id,
        period=period,
        answers=body.answers,
        officer_nip=officer_nip,
        officer_rating=body.officer_rating,
        **profile,
    )
    document = {
        "_id": claims.jti,
        "survey_id": survey_id,
        "region": claims.region,
        "unit_id": claims.unit_id,
        "service_id": claims.service_id,
        "batch_id": claims.batch_id,
        "year": int(period[:4]),
        "period": period,
        "submitted_at": now,
        "answers": {element.value: value for element, value in body.answers.items()},
        "officer_nip": officer_nip,
        "officer_rating": body.officer_rating,
        **{name: (value.value if value else None) for name, value in profile.items()},
        "text": body.text,
    }
    try:
        await surveys.insert_survey(document, event)
    except DomainProblem:
        await surveys.release_fingerprint(fingerprint, claims.jti)
        raise
    return {"survey_id": survey_id, "period": period}


@router.get("/surveys/summary", operation_id="survey_summary")
async def survey_summary(
    unit_id: Annotated[Identifier, Query()],
    period: Annotated[Period, Query()],
    caller: Caller,
    directory: Directory,
    surveys: Surveys,
) -> dict[str, Any]:
    """Raw answer counts of a unit for a period (HR or the unit's admin); officers for the admin.

    No IKM formula: scoring owns it. Per-officer ratings are shown to the unit's own admin only.
    """
    await require_unit_steward(caller, unit_id, directory)
    found = await surveys.surveys_of(caller.region, unit_id, survey_form.months_of(period))
    names: dict[str, str] | None = None
    if await is_unit_admin_of(caller, unit_id, directory):
        names = {}
        for nip in {survey["officer_nip"] for survey in found if survey.get("officer_nip")}:
            employee = await directory.get(caller.region, nip)
            names[nip] = employee["name"] if employee else ""
    return {"unit_id": unit_id, "period": period, **survey_form.summarize(found, names)}
