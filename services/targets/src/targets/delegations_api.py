"""HTTP API for PPK delegates: a PPK (or region HR for them) names who judges their reports."""

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from contracts import DelegationSet
from contracts.vocabulary import Nip, Year
from kit.auth import Caller, Principal, Role, require_role
from kit.directory import Directory, EmployeeDirectory
from kit.problems import DomainProblem
from targets.lookups import PRODUCER, Repository, audit, require_open_period
from targets.repository import TargetsRepository

router = APIRouter(prefix="/delegations", tags=["delegations"])

"""Collection of the delegation changes with their outbox (the kit projects the events apart)."""


class DelegationForm(BaseModel):
    """Who acts as PPK for the year; region HR also names the PPK it acts for."""

    model_config = ConfigDict(extra="forbid")

    delegate_nip: Nip
    reason: str = Field(default="", max_length=2000)
    ppk_nip: Nip | None = None


def _key(region: str, ppk_nip: str, year: int) -> str:
    return f"{region}:{ppk_nip}:{year}"


async def _ppk_for(
    caller: Principal, directory: EmployeeDirectory, ppk_nip: str | None, *, naming: bool
) -> str:
    """Whose delegation the caller changes: their own as PPK, or any PPK's when region HR."""
    if ppk_nip is not None and ppk_nip != caller.nip:
        require_role(caller, Role.REGION_ADMIN)
        if naming and not await directory.reports_of(caller.region, ppk_nip):
            raise DomainProblem(
                422,
                field="ppk_nip",
                reason_id="Bukan PPK (tidak punya bawahan aktif) di wilayah ini",
                reason_en="Not a PPK (no active reports) in this region",
            )
        return ppk_nip
    # Withdrawing needs no reports: a PPK whose team moved may still end their delegation.
    if naming and not await directory.reports_of(caller.region, caller.nip):
        raise DomainProblem(
            403,
            reason_id="Hanya PPK (pegawai dengan bawahan) atau admin wilayah",
            reason_en="Only a PPK (someone with reports) or region HR",
        )
    return caller.nip


async def _check_delegate(directory: EmployeeDirectory, region: str, ppk: str, nip: str) -> None:
    """422 unless the delegate is another active employee of the region."""
    if nip == ppk:
        raise DomainProblem(
            422,
            field="delegate_nip",
            reason_id="PPK tidak dapat menjadi delegasi dirinya sendiri",
            reason_en="A PPK cannot be their own delegate",
        )
    delegate = await directory.get(region, nip)
    if delegate is None or not delegate.get("active", False):
        raise DomainProblem(
            422,
            field="delegate_nip",
            reason_id="Delegasi bukan pegawai aktif di wilayah ini",
            reason_en="The delegate is not an active employee of this region",
        )


async def _record(
    caller: Principal,
    repository: TargetsRepository,
    directory: EmployeeDirectory,
    event: DelegationSet,
    action: str,
) -> dict[str, Any]:
    """Store the change with its audit entry and event, then let the delegate act at once."""
    values = {
        "region": event.region,
        "ppk_nip": event.ppk_nip,
        "year": event.year,
        "delegate_nip": event.delegate_nip,
        "set_by": event.set_by,
        "reason": event.reason,
        "set_at": event.occurred_at,
    }
    details: dict[str, Any] = {"delegate_nip": event.delegate_nip, "reason": event.reason}
    if event.ppk_nip != caller.nip:
        details["on_behalf_of"] = event.ppk_nip
    key = _key(event.region, event.ppk_nip, event.year)
    await repository.set_delegation(key, values, audit(caller, action, **details), event)
    # The consumed copy of the event arrives later and changes nothing (newest record wins).
    await directory.apply_delegation(event)
    return {"delegation_id": key} | values


@router.put("/{year}", operation_id="delegation_set")
async def set_delegation(
    year: int,
    body: DelegationForm,
    caller: Caller,
    repository: Repository,
    directory: Directory,
) -> dict[str, Any]:
    """A PPK (or region HR for them) names a delegate for the year; publishes ``delegation.set``."""
    ppk = await _ppk_for(caller, directory, body.ppk_nip, naming=True)
    await _check_delegate(directory, caller.region, ppk, body.delegate_nip)
    await require_open_period(repository, caller.region, year)
    event = DelegationSet(
        region=caller.region,
        producer=PRODUCER,
        ppk_nip=ppk,
        delegate_nip=body.delegate_nip,
        year=year,
        set_by=caller.nip,
        reason=body.reason,
    )
    return await _record(caller, repository, directory, event, "set")


@router.delete("/{year}", operation_id="delegation_withdraw")
async def withdraw_delegation(
    year: int,
    caller: Caller,
    repository: Repository,
    directory: Directory,
    ppk_nip: Annotated[Nip | None, Query()] = None,
) -> dict[str, Any]:
    """A PPK (or region HR for them) ends the year's delegation; publishes ``delegation.set``."""
    ppk = await _ppk_for(caller, directory, ppk_nip, naming=False)
    current = await repository.get_delegation(_key(caller.region, ppk, year))
    if current is None or current.get("delegate_nip") is None:
        raise DomainProblem(
            404,
            reason_id="Tidak ada delegasi untuk tahun ini",
            reason_en="No delegation for this year",
        )
    await require_open_period(repository, caller.region, year)
    event = DelegationSet(
        region=caller.region,
        producer=PRODUCER,
        ppk_nip=ppk,
        delegate_nip=None,
        year=year,
        set_by=caller.nip,
    )
    return await _record(caller, repository, directory, event, "withdrawn")


@router.get("", operation_id="delegation_list")
async def list_delegations(
    year: Annotated[Year, Query()], caller: Caller, repository: Repository
) -> dict[str, Any]:
    """Current delegations of the year the caller gave or received (region HR: all of them)."""
    involving = None if caller.has(Role.REGION_ADMIN) else caller.nip
    found = await repository.list_delegations(caller.region, year, involving)
    return {"items": [{"delegation_id": item.pop("_id")} | item for item in found]}
