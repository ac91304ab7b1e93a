"""SKP workflow routes: edit, submit, approve, reject, revise; every step is audited and announced."""

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from contracts import SkpApproved, SkpStatusChanged
from contracts.targets import BehaviourExpectation, Rhk
from kit.auth import Caller, Principal
from kit.directory import Directory
from targets import cascade, service
from targets.documents import SkpEdit
from targets.goals import Goals
from targets.linking import link_target, split_warnings_under
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


def _delegated(on_behalf_of: str | None) -> dict[str, str]:
    """Audit detail naming the PPK when their delegate acted (nothing when the PPK did)."""
    return {} if on_behalf_of is None else {"on_behalf_of": on_behalf_of}


async def _move(
    skp: dict[str, Any],
    caller: Principal,
    repository: TargetsRepository,
    wanted: str,
    reason: str = "",
    on_behalf_of: str | None = None,
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
    entry |= _delegated(on_behalf_of)
    if not await repository.transition(
        skp["_id"], current=skp["status"], update={"status": wanted}, audit=entry, events=(event,)
    ):
        raise changed_meanwhile()
    return {"skp_id": skp["_id"], "status": wanted}


@router.put("/{skp_id}", operation_id="skp_edit")
async def edit_skp(
    skp_id: str,
    body: SkpEdit,
    caller: Caller,
    repository: Repository,
    directory: Directory,
    goals: Goals,
) -> dict[str, Any]:
    """The owner changes the plan while it is a draft, rejected, or under revision."""
    skp = await skp_for(caller, repository, skp_id)
    require_owner(caller, skp)
    service.check_editable(skp["status"])
    await require_open_period(repository, skp["region"], skp["year"])
    target = await link_target(skp["region"], skp["nip"], skp["year"], directory, repository, goals)
    warnings = cascade.check_draft(body.rhk, target)
    changes = service.plan_changes([Rhk.model_validate(item) for item in skp["rhk"]], body.rhk)
    if not await repository.transition(
        skp_id,
        current=skp["status"],
        update={"rhk": [item.model_dump(mode="json") for item in body.rhk]},
        audit=audit(caller, "edited", changes=changes),
    ):
        raise changed_meanwhile()
    return {"skp_id": skp_id, "status": skp["status"], "changes": changes, "warnings": warnings}


@router.post("/{skp_id}/submit", operation_id="skp_submit")
async def submit_skp(
    skp_id: str, caller: Caller, repository: Repository, directory: Directory, goals: Goals
) -> dict[str, Any]:
    """The owner sends a complete, correctly linked plan (new, corrected or revised) to the PPK."""
    skp = await skp_for(caller, repository, skp_id)
    require_owner(caller, skp)
    await require_open_period(repository, skp["region"], skp["year"])
    target = await link_target(skp["region"], skp["nip"], skp["year"], directory, repository, goals)
    cascade.check_submission([Rhk.model_validate(item) for item in skp["rhk"]], target)
    moved = await _move(skp, caller, repository, service.SUBMITTED)
    employee = await directory.get(skp["region"], skp["nip"])
    supervisor = employee.get("supervisor_nip") if employee else None
    warnings = (
        await split_warnings_under(skp["region"], supervisor, skp["year"], directory, repository)
        if supervisor
        else []
    )
    return moved | {"split_warnings": warnings}


@router.post("/{skp_id}/reject", operation_id="skp_reject")
async def reject_skp(
    skp_id: str, body: Reason, caller: Caller, repository: Repository, directory: Directory
) -> dict[str, str]:
    """The PPK (or their delegate) sends a submitted plan back, saying why."""
    skp = await skp_for(caller, repository, skp_id)
    on_behalf_of = await directory.require_ppk_or_delegate(caller, skp["nip"], skp["year"])
    return await _move(skp, caller, repository, service.REJECTED, body.reason, on_behalf_of)


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
) -> dict[str, Any]:
    """The owner's PPK (or delegate) approves the submitted plan; publishes ``skp.approved``."""
    skp = await skp_for(caller, repository, skp_id)
    on_behalf_of = await directory.require_ppk_or_delegate(caller, skp["nip"], skp["year"])
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
        expectations=tuple(
            BehaviourExpectation.model_validate(item) for item in skp.get("expectations", [])
        ),
    )
    # ``approved_rhk`` stays the version subordinates link to while a later revision is drafted.
    update = {"status": service.APPROVED, "approved_by": caller.nip, "approved_rhk": skp["rhk"]}
    if not await repository.transition(
        skp_id,
        current=skp["status"],
        update=update,
        audit=audit(caller, service.APPROVED, **_delegated(on_behalf_of)),
        events=(event,),
    ):
        raise changed_meanwhile()
    ppk = on_behalf_of or caller.nip
    warnings = await split_warnings_under(skp["region"], ppk, skp["year"], directory, repository)
    return {"skp_id": skp_id, "status": service.APPROVED, "split_warnings": warnings}
