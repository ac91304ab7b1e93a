"""SKP workflow routes: edit, submit, approve, reject, revise; every step is audited and announced."""

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from contracts import SkpApproved, SkpStatusChanged
from contracts.targets import Rhk
from kit.auth import Caller, Principal
from kit.directory import Directory
from targets import service
from targets.documents import SkpEdit
from targets.lookups import (
    PRODUCER,
    Repository,
    audit,
    changed_meanwhile,
    require_open_period,
    require_owner,
    skp_for,
)
from targets.repository import TargetsRepository

router = APIRouter(prefix="/skp", tags=["skp"])


class Reason(BaseModel):
    """Why: required when a PPK rejects a plan and when an owner starts a revision."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=10, max_length=2000)


async def _move(
    skp: dict[str, Any],
    caller: Principal,
    repository: TargetsRepository,
    wanted: str,
    reason: str = "",
) -> dict[str, str]:
    """One workflow step other than approval: state, audit entry and event in one write."""
    service.check_transition(skp["status"], wanted)
    await require_open_period(repository, skp["region"], skp["year"])
    event = SkpStatusChanged(
        region=skp["region"],
        producer=PRODUCER,
        skp_id=skp["_id"],
        nip=skp["nip"],
        year=skp["year"],
        from_status=skp["status"],
        to_status=wanted,
        changed_by=caller.nip,
        reason=reason,
    )
    entry = audit(caller, wanted, reason=reason) if reason else audit(caller, wanted)
    if not await repository.transition(
        skp["_id"], current=skp["status"], update={"status": wanted}, audit=entry, events=(event,)
    ):
        raise changed_meanwhile()
    return {"skp_id": skp["_id"], "status": wanted}


@router.put("/{skp_id}", operation_id="skp_edit")
async def edit_skp(
    skp_id: str, body: SkpEdit, caller: Caller, repository: Repository
) -> dict[str, Any]:
    """The owner changes the plan while it is a draft, rejected, or under revision."""
    skp = await skp_for(caller, repository, skp_id)
    require_owner(caller, skp)
    service.check_editable(skp["status"])
    await require_open_period(repository, skp["region"], skp["year"])
    changes = service.plan_changes([Rhk.model_validate(item) for item in skp["rhk"]], body.rhk)
    if not await repository.transition(
        skp_id,
        current=skp["status"],
        update={"rhk": [item.model_dump(mode="json") for item in body.rhk]},
        audit=audit(caller, "edited", changes=changes),
    ):
        raise changed_meanwhile()
    return {"skp_id": skp_id, "status": skp["status"], "changes": changes}


@router.post("/{skp_id}/submit", operation_id="skp_submit")
async def submit_skp(skp_id: str, caller: Caller, repository: Repository) -> dict[str, str]:
    """The owner sends the plan (new, corrected or revised) to the PPK."""
    skp = await skp_for(caller, repository, skp_id)
    require_owner(caller, skp)
    return await _move(skp, caller, repository, service.SUBMITTED)


@router.post("/{skp_id}/reject", operation_id="skp_reject")
async def reject_skp(
    skp_id: str, body: Reason, caller: Caller, repository: Repository, directory: Directory
) -> dict[str, str]:
    """The PPK sends a submitted plan back, saying why."""
    skp = await skp_for(caller, repository, skp_id)
    await directory.require_ppk(caller, skp["nip"])
    return await _move(skp, caller, repository, service.REJECTED, body.reason)


@router.post("/{skp_id}/revise", operation_id="skp_revise")
async def revise_skp(
    skp_id: str, body: Reason, caller: Caller, repository: Repository
) -> dict[str, str]:
    """The owner reopens an approved plan mid-year; it needs approval again afterwards."""
    skp = await skp_for(caller, repository, skp_id)
    require_owner(caller, skp)
    return await _move(skp, caller, repository, service.REVISING, body.reason)


@router.post("/{skp_id}/approve", operation_id="skp_approve")
async def approve_skp(
    skp_id: str, caller: Caller, repository: Repository, directory: Directory
) -> dict[str, str]:
    """The owner's PPK approves the submitted plan, which publishes ``skp.approved`` with it."""
    skp = await skp_for(caller, repository, skp_id)
    await directory.require_ppk(caller, skp["nip"])
    service.check_transition(skp["status"], service.APPROVED)
    await require_open_period(repository, skp["region"], skp["year"])
    event = SkpApproved(
        region=skp["region"],
        producer=PRODUCER,
        skp_id=skp_id,
        nip=skp["nip"],
        year=skp["year"],
        approved_by=caller.nip,
        rhk=tuple(Rhk.model_validate(item) for item in skp["rhk"]),
    )
    if not await repository.transition(
        skp_id,
        current=skp["status"],
        update={"status": service.APPROVED, "approved_by": caller.nip},
        audit=audit(caller, service.APPROVED),
        events=(event,),
    ):
        raise changed_meanwhile()
    return {"skp_id": skp_id, "status": service.APPROVED}
