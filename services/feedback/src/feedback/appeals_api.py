"""HTTP API for appeals (keberatan): the employee files, both sides explain, the atasan PPK decides."""

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field

from contracts import AppealDecided, AppealFiled, utc_now
from contracts.vocabulary import AppealDecision, Identifier, Nip, Period, Rating
from feedback import appeals
from feedback.appeal_store import AppealStore
from feedback.appeals import AppealTerms, Side
from kit.auth import Caller, Principal, Role
from kit.deps import from_app_state
from kit.directory import Directory
from kit.periods import Periods
from kit.problems import DomainProblem

router = APIRouter(prefix="/appeals", tags=["appeals"])
Store = Annotated[AppealStore, Depends(from_app_state("appeals"))]
Terms = Annotated[AppealTerms, Depends(from_app_state("appeal_terms"))]
PRODUCER = "feedback"


class AppealForm(BaseModel):
    """What an employee sends to appeal the latest assessment of a period."""

    model_config = ConfigDict(extra="forbid")

    nip: Nip | None = None  # the caller; accepted only when it is them
    period: Period
    assessment_id: Identifier
    reason: str = Field(min_length=20, max_length=4000)


class ExplanationForm(BaseModel):
    """One side's explanation for the atasan PPK."""

    model_config = ConfigDict(extra="forbid")

    side: Side = Field(alias="from")
    text: str = Field(min_length=1, max_length=4000)


class RequestForm(BaseModel):
    """The atasan PPK asks one side for an explanation."""

    model_config = ConfigDict(extra="forbid")

    side: Side = Field(alias="from")
    note: str = Field(default="", max_length=2000)


class DecisionForm(BaseModel):
    """The atasan PPK's decision; ``changed`` names the new rating(s)."""

    model_config = ConfigDict(extra="forbid")

    decision: AppealDecision
    rating_hasil_kerja: Rating | None = None
    rating_perilaku: Rating | None = None
    reason: str = Field(min_length=10, max_length=4000)


def _audit(caller: Principal, action: str, **details: Any) -> dict[str, Any]:
    return {"at": utc_now(), "by": caller.nip, "action": action, **details}


def _view(terms: AppealTerms, appeal: dict[str, Any], today: date) -> dict[str, Any]:
    """The stored appeal as answered, with its deadline status as of today."""
    fields = {key: value for key, value in appeal.items() if key != "_id"}
    return fields | appeals.deadline_view(terms, appeal, today)


async def _load(store: AppealStore, caller: Principal, appeal_id: str) -> dict[str, Any]:
    """An appeal of the caller's region, or 404."""
    appeal = await store.get(caller.region, appeal_id)
    if appeal is None:
        raise DomainProblem(
            404,
            field="appeal_id",
            reason_id="Keberatan tidak ditemukan",
            reason_en="Appeal not found",
        )
    return appeal


def _decided_meanwhile(appeal: dict[str, Any] | None) -> DomainProblem:
    """The conditional write found the appeal no longer open."""
    if appeal is not None:
        appeals.check_open(appeal)
    return DomainProblem(
        409, field="status", reason_id="Keberatan berubah, muat ulang", reason_en="Appeal changed"
    )


@router.post("", status_code=201, operation_id="appeal_file")
async def file_appeal(
    body: AppealForm,
    caller: Caller,
    store: Store,
    terms: Terms,
    directory: Directory,
    periods: Periods,
) -> dict[str, Any]:
    """The employee appeals the latest assessment in time; publishes ``appeal.filed``."""
    region = caller.region
    nip = appeals.check_appellant(caller.nip, body.nip)
    assessment = appeals.check_current(
        await store.assessment(region, nip, body.period), body.assessment_id
    )
    await periods.require_open(region, assessment["year"])
    today, received = terms.today(), terms.received_on(assessment)
    appeals.check_filing_in_time(terms, received, today)
    ppk = appeals.ppk_of(assessment, await directory.get(region, nip))
    ppk_record = None if ppk is None else await directory.get(region, ppk)
    event = AppealFiled(
        region=region,
        producer=PRODUCER,
        appeal_id=appeals.appeal_id(region, body.assessment_id),
        nip=nip,
        year=assessment["year"],
        period=body.period,
        assessment_id=body.assessment_id,
        atasan_nip=appeals.atasan_of(nip, ppk, ppk_record),
        decide_by=terms.decide_by(today),
    )
    document = {
        "_id": event.appeal_id,
        "appeal_id": event.appeal_id,
        "region": region,
        "nip": nip,
        "year": event.year,
        "period": event.period,
        "assessment_id": event.assessment_id,
        "ppk_nip": ppk,
        "rater_nip": assessment.get("rater_nip"),
        "atasan_nip": event.atasan_nip,
        "original": {
            "rating_hasil_kerja": assessment["rating_hasil_kerja"],
            "rating_perilaku": assessment["rating_perilaku"],
        },
        "reason": body.reason,
        "received_on": received.isoformat(),
        "filed_on": today.isoformat(),
        "filing_deadline": terms.filing_deadline(received).isoformat(),
        "decide_by": event.decide_by.isoformat(),
        "status": appeals.OPEN,
        "filed_at": event.occurred_at,
        "explanations": [],
        "requests": [],
        "decision": None,
        "history": [_audit(caller, "filed", reason=body.reason)],
    }
    await store.file(document, event)
    return _view(terms, document, today)


@router.get("", operation_id="appeal_list")
async def list_appeals(
    caller: Caller,
    store: Store,
    terms: Terms,
    status: Annotated[Literal["open", "decided"] | None, Query()] = None,
    overdue: Annotated[bool | None, Query()] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict[str, Any]:
    """My appeals, those I rated or must decide (region HR: all), soonest due first."""
    involving = None if caller.has(Role.REGION_ADMIN) else caller.nip
    today = terms.today()
    items = [_view(terms, a, today) for a in await store.listing(caller.region, involving, status)]
    if overdue is not None:
        items = [item for item in items if item["overdue"] == overdue]
    return {
        "items": items[offset : offset + limit],
        "total": len(items),
        "offset": offset,
        "limit": limit,
        "today": today.isoformat(),
    }


@router.get("/{appeal_id}", operation_id="appeal_get")
async def get_appeal(appeal_id: str, caller: Caller, store: Store, terms: Terms) -> dict[str, Any]:
    """The whole record: explanations, requests, decision and history (parties and HR only)."""
    appeal = await _load(store, caller, appeal_id)
    if not appeals.may_see(caller, appeal):
        raise DomainProblem(
            403,
            field="appeal_id",
            reason_id="Hanya pegawai ybs., PPK-nya, atasan PPK, atau admin wilayah",
            reason_en="Only the employee, their PPK, the atasan PPK, or region HR",
        )
    return _view(terms, appeal, terms.today())


@router.post("/{appeal_id}/explanations", status_code=201, operation_id="appeal_explain")
async def add_explanation(
    appeal_id: str,
    body: ExplanationForm,
    caller: Caller,
    store: Store,
    periods: Periods,
) -> dict[str, Any]:
    """The employee or the rating PPK explains their side while the appeal is open."""
    appeal = await _load(store, caller, appeal_id)
    appeals.check_explainer(caller.nip, body.side, appeal)
    appeals.check_open(appeal)
    appeals.check_room(appeal, "explanations")
    await periods.require_open(caller.region, appeal["year"])
    entry = {"from": body.side.value, "by": caller.nip, "text": body.text, "at": utc_now()}
    audit = _audit(caller, "explained", side=body.side.value)
    if not await store.add_entry(appeal_id, "explanations", entry, audit):
        raise _decided_meanwhile(await store.get(caller.region, appeal_id))
    return {"appeal_id": appeal_id} | entry


@router.post(
    "/{appeal_id}/request-explanation", status_code=201, operation_id="appeal_request_explanation"
)
async def request_explanation(
    appeal_id: str,
    body: RequestForm,
    caller: Caller,
    store: Store,
    periods: Periods,
) -> dict[str, Any]:
    """The deciding atasan PPK asks the employee or the PPK for their explanation (on record)."""
    appeal = await _load(store, caller, appeal_id)
    appeals.check_decider(caller, appeal)
    appeals.check_open(appeal)
    appeals.check_room(appeal, "requests")
    await periods.require_open(caller.region, appeal["year"])
    entry = {"from": body.side.value, "by": caller.nip, "note": body.note, "at": utc_now()}
    audit = _audit(caller, "explanation_requested", side=body.side.value)
    if not await store.add_entry(appeal_id, "requests", entry, audit):
        raise _decided_meanwhile(await store.get(caller.region, appeal_id))
    return {"appeal_id": appeal_id} | entry


@router.post("/{appeal_id}/decision", operation_id="appeal_decide")
async def decide_appeal(
    appeal_id: str,
    body: DecisionForm,
    caller: Caller,
    store: Store,
    terms: Terms,
    periods: Periods,
) -> dict[str, Any]:
    """The atasan PPK confirms or changes the ratings, once; publishes ``appeal.decided``."""
    appeal = await _load(store, caller, appeal_id)
    appeals.check_decider(caller, appeal)
    appeals.check_open(appeal)
    await periods.require_open(caller.region, appeal["year"])
    appeals.check_current(
        await store.assessment(caller.region, appeal["nip"], appeal["period"]),
        appeal["assessment_id"],
    )
    hasil_kerja, perilaku = appeals.resulting_ratings(
        appeal["original"], body.decision, body.rating_hasil_kerja, body.rating_perilaku
    )
    today = terms.today()
    event = AppealDecided(
        region=caller.region,
        producer=PRODUCER,
        appeal_id=appeal_id,
        nip=appeal["nip"],
        year=appeal["year"],
        period=appeal["period"],
        assessment_id=appeal["assessment_id"],
        decision=body.decision,
        rating_hasil_kerja=hasil_kerja,
        rating_perilaku=perilaku,
        decided_by=caller.nip,
        reason=body.reason,
        late=today > date.fromisoformat(appeal["decide_by"]),
    )
    decision = {
        "decision": event.decision.value,
        "rating_hasil_kerja": hasil_kerja.value,
        "rating_perilaku": perilaku.value,
        "decided_by": caller.nip,
        "reason": body.reason,
        "decided_on": today.isoformat(),
        "decided_at": event.occurred_at,
        "late": event.late,
    }
    audit = _audit(caller, "decided", decision=event.decision.value, late=event.late)
    if not await store.decide(appeal_id, decision, audit, event):
        raise _decided_meanwhile(await store.get(caller.region, appeal_id))
    return {"appeal_id": appeal_id, "status": appeals.DECIDED} | decision
