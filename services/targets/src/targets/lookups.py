"""Route helpers shared by the targets APIs: find the SKP, check the period, write audit entries."""

from typing import Annotated, Any

from fastapi import Depends

from contracts import utc_now
from kit import periods
from kit.auth import Principal, Role, require_region
from kit.deps import from_app_state
from kit.directory import EmployeeDirectory
from kit.problems import DomainProblem
from targets import service
from targets.repository import TargetsRepository

PRODUCER = "targets"
Repository = Annotated[TargetsRepository, Depends(from_app_state("repository"))]


async def skp_for(caller: Principal, repository: TargetsRepository, skp_id: str) -> dict[str, Any]:
    """The SKP in the caller's region, or 404/403."""
    skp = await repository.get_skp(skp_id)
    if skp is None:
        raise DomainProblem(404, reason_id="SKP tidak ditemukan", reason_en="SKP not found")
    require_region(caller, skp["region"])
    return skp


def require_owner(caller: Principal, skp: dict[str, Any]) -> None:
    """Only the SKP's owner may do this."""
    if skp["nip"] != caller.nip:
        raise DomainProblem(403, reason_id="Hanya pemilik SKP", reason_en="Only the SKP's owner")


async def require_open_period(repository: TargetsRepository, region: str, year: int) -> None:
    """409 unless the year's period is open in the region."""
    period = await repository.get_period(service.period_id(region, year))
    periods.check_open(period, year)


def audit(caller: Principal, action: str, **details: Any) -> dict[str, Any]:
    """An audit entry: who, when, what."""
    return {"at": utc_now(), "by": caller.nip, "action": action, **details}


def changed_meanwhile() -> DomainProblem:
    """Someone else changed the SKP between our read and our write."""
    return DomainProblem(
        409, reason_id="SKP berubah, muat ulang", reason_en="SKP changed meanwhile; reload"
    )


def only_own_unit() -> DomainProblem:
    """403 for someone looking at (or managing) a unit that is not theirs."""
    return DomainProblem(
        403, field="unit_id", reason_id="Hanya unit Anda sendiri", reason_en="Only your own unit"
    )


async def require_known_unit(caller: Principal, unit_id: str, directory: EmployeeDirectory) -> None:
    """422 unless the unit is in the caller's region's directory."""
    if await directory.unit(caller.region, unit_id) is None:
        raise DomainProblem(
            422,
            field="unit_id",
            reason_id="Unit tidak dikenal di wilayah ini",
            reason_en="Unknown unit in this region",
        )


async def require_unit_steward(
    caller: Principal, unit_id: str, directory: EmployeeDirectory
) -> None:
    """Region HR may manage any unit of the region; a unit admin only their own unit (403)."""
    await require_known_unit(caller, unit_id, directory)
    if caller.has(Role.REGION_ADMIN):
        return
    own = await directory.get(caller.region, caller.nip) if caller.has(Role.UNIT_ADMIN) else None
    if own is None or own["unit_id"] != unit_id:
        raise only_own_unit()
