"""HTTP API of complaints: citizens file with their token, staff file and move them to a close."""

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import uuid4

from fastapi import APIRouter, Depends, Query, Request

from contracts import ComplaintFiled, ComplaintStatusChanged
from contracts.vocabulary import ComplaintStatus, Identifier
from feedback.citizen_access import (
    CitizenDesk,
    Clock,
    Desk,
    client_address,
    require_unit_steward,
    resolve_officer,
    steward_unit_filter,
)
from feedback.citizen_api import PRODUCER, Surveys, verified_claims
from feedback.complaints import (
    FINAL,
    CitizenComplaintForm,
    ComplaintStore,
    StaffComplaintForm,
    StatusForm,
    changed_meanwhile,
    check_handler,
    check_transition,
    due_date,
    hours_between,
    response_view,
)
from feedback.tokens import CitizenToken
from kit.auth import Caller
from kit.deps import from_app_state
from kit.directory import Directory
from kit.problems import DomainProblem

router = APIRouter(tags=["complaints"])
Complaints = Annotated[ComplaintStore, Depends(from_app_state("complaint_store"))]


def not_found() -> DomainProblem:
    """404 for a complaint that does not exist in the caller's region."""
    return DomainProblem(
        404, reason_id="Pengaduan tidak ditemukan", reason_en="Complaint not found"
    )


async def file_complaint(
    complaints: ComplaintStore,
    *,
    complaint_id: str,
    region: str,
    unit_id: str,
    officer_nip: str | None,
    category: str,
    text: str,
    channel: Literal["citizen", "staff"],
    now: datetime,
    extra: dict[str, Any],
) -> dict[str, Any]:
    """Store a received complaint and publish ``complaint.filed`` in the same write."""
    event = ComplaintFiled(
        region=region,
        producer=PRODUCER,
        complaint_id=complaint_id,
        unit_id=unit_id,
        officer_nip=officer_nip,
        category=category,
        channel=channel,
    )
    await complaints.insert(
        {
            "_id": complaint_id,
            "region": region,
            "unit_id": unit_id,
            "officer_nip": officer_nip,
            "category": category,
            "text": text,
            "channel": channel,
            "status": ComplaintStatus.RECEIVED.value,
            "filed_at": now,
            "history": [],
            **extra,
        },
        event,
    )
    return {"complaint_id": complaint_id, "status": ComplaintStatus.RECEIVED.value}


@router.post("/citizen/complaints/{token}", status_code=201, operation_id="citizen_complaint_file")
async def file_citizen_complaint(
    token: CitizenToken,
    body: CitizenComplaintForm,
    request: Request,
    directory: Directory,
    surveys: Surveys,
    complaints: Complaints,
    desk: Desk,
    clock: Clock,
) -> dict[str, Any]:
    """A citizen complains about the unit that served them; one complaint per token."""
    desk.limits.hit_client(desk.keyed_hash("client", client_address(request)))
    now = clock()
    claims = await verified_claims(token, surveys, desk, now)
    desk.limits.hit_unit(claims.region, claims.unit_id)
    if body.officer_ref is not None and body.officer_nip is not None:
        raise DomainProblem(
            422,
            field="officer_ref",
            reason_id="Pilih petugas dengan officer_ref atau officer_nip, bukan keduanya",
            reason_en="Name the officer with officer_ref or officer_nip, not both",
        )
    officer_nip = await resolve_officer(
        directory,
        desk,
        claims.region,
        claims.unit_id,
        officer_ref=body.officer_ref,
        officer_nip=body.officer_nip,
    )
    # Keyed by the token's jti: a second complaint with the same ticket is a duplicate key.
    return await file_complaint(
        complaints,
        complaint_id=claims.jti,
        region=claims.region,
        unit_id=claims.unit_id,
        officer_nip=officer_nip,
        category=body.category.value,
        text=body.text,
        channel="citizen",
        now=now,
        extra={"service_id": claims.service_id, "batch_id": claims.batch_id, "filed_by": None},
    )


@router.get("/citizen/complaints/{token}", operation_id="citizen_complaint_status")
async def citizen_complaint_status(
    token: CitizenToken, surveys: Surveys, complaints: Complaints, desk: Desk, clock: Clock
) -> dict[str, Any]:
    """The complainant follows their complaint with the same ticket: status and the unit's answers.

    Works after the token's window too: only the signature and the batch are checked here.
    """
    claims = await verified_claims(token, surveys, desk, None)
    complaint = await complaints.get(claims.jti)
    if complaint is None:
        raise not_found()
    return {
        "complaint_id": complaint["_id"],
        "category": complaint["category"],
        "status": complaint["status"],
        "filed_at": complaint["filed_at"],
        "updates": [
            {"at": step["at"], "status": step["to_status"], "note": step["note"]}
            for step in complaint.get("history", [])
        ],
    }


@router.post("/complaints", status_code=201, operation_id="complaint_file")
async def file_staff_complaint(
    body: StaffComplaintForm,
    caller: Caller,
    directory: Directory,
    complaints: Complaints,
    desk: Desk,
    clock: Clock,
) -> dict[str, Any]:
    """A staff member records a complaint received outside the citizen channel."""
    if await directory.unit(caller.region, body.unit_id) is None:
        raise DomainProblem(
            422,
            field="unit_id",
            reason_id="Unit tidak dikenal di wilayah ini",
            reason_en="Unknown unit in this region",
        )
    officer_nip = await resolve_officer(
        directory, desk, caller.region, body.unit_id, officer_ref=None, officer_nip=body.officer_nip
    )
    return await file_complaint(
        complaints,
        complaint_id=uuid4().hex,
        region=caller.region,
        unit_id=body.unit_id,
        officer_nip=officer_nip,
        category=body.category.value,
        text=body.text,
        channel="staff",
        now=clock(),
        extra={"filed_by": caller.nip},
    )


@router.post("/complaints/{complaint_id}/status", operation_id="complaint_status_set")
async def set_status(
    complaint_id: Identifier,
    body: StatusForm,
    caller: Caller,
    directory: Directory,
    complaints: Complaints,
    clock: Clock,
) -> dict[str, Any]:
    """The unit's admin or region HR moves a complaint on; publishes ``complaint.status_changed``."""
    complaint = await complaints.get(complaint_id)
    if complaint is None or complaint["region"] != caller.region:
        raise not_found()
    await require_unit_steward(caller, complaint["unit_id"], directory)
    check_handler(caller.nip, complaint)
    current = ComplaintStatus(complaint["status"])
    check_transition(current, body.status, body.note)
    now = clock()
    hours_open = hours_between(complaint["filed_at"], now)
    event = ComplaintStatusChanged(
        region=caller.region,
        producer=PRODUCER,
        complaint_id=complaint_id,
        unit_id=complaint["unit_id"],
        officer_nip=complaint.get("officer_nip"),
        from_status=current,
        to_status=body.status,
        changed_by=caller.nip,
        hours_open=hours_open,
    )
    update: dict[str, Any] = {"status": body.status.value, "updated_at": now}
    if complaint.get("first_response_at") is None:
        update["first_response_at"] = now
    if body.status in FINAL:
        update["closed_at"] = now
    entry = {
        "at": now,
        "by": caller.nip,
        "from_status": current.value,
        "to_status": body.status.value,
        "note": body.note,
    }
    if not await complaints.change_status(
        complaint_id, current=current.value, update=update, entry=entry, event=event
    ):
        raise changed_meanwhile()
    return {"complaint_id": complaint_id, "status": body.status.value, "hours_open": hours_open}


@router.get("/complaints", operation_id="complaint_list")
async def list_complaints(
    caller: Caller,
    directory: Directory,
    complaints: Complaints,
    desk: Desk,
    clock: Clock,
    unit_id: Annotated[Identifier | None, Query()] = None,
    status: Annotated[ComplaintStatus | None, Query()] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict[str, Any]:
    """A unit's (HR: the region's) complaints, newest first, with response times and overdue flags."""
    unit_filter = await steward_unit_filter(caller, unit_id, directory)
    total, found = await complaints.page(
        caller.region, unit_filter, status.value if status else None, offset, limit
    )
    now = clock()
    today = desk.local(now).date()
    return {
        "total": total,
        "offset": offset,
        "limit": limit,
        "overdue_after_working_days": desk.response_working_days,
        "items": [view(complaint, desk, now, today) for complaint in found],
    }


def view(
    complaint: dict[str, Any], desk: CitizenDesk, now: datetime, today: date
) -> dict[str, Any]:
    """One listed complaint with its due date in the region's working days."""
    filed_on = desk.local(complaint["filed_at"]).date()
    due = due_date(filed_on, desk.working_days, desk.response_working_days)
    return response_view(complaint, now, today, due)
