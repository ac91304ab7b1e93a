"""HTTP API of the rewards service (called by the gateway)."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from contracts.vocabulary import Nip, Year
from kit.auth import Caller, Role
from kit.deps import from_app_state
from kit.directory import Directory
from kit.problems import DomainProblem
from rewards.repository import AwardsRepository

router = APIRouter(prefix="/rewards", tags=["rewards"])
Repository = Annotated[AwardsRepository, Depends(from_app_state("repository"))]


@router.get("", operation_id="rewards_list")
async def list_rewards(
    caller: Caller,
    repository: Repository,
    directory: Directory,
    nip: Annotated[Nip | None, Query()] = None,
    year: Annotated[Year | None, Query()] = None,
) -> dict[str, Any]:
    """Awards of an employee (default: the caller), for them, their PPK and region HR."""
    target = nip or caller.nip
    if target != caller.nip and not caller.has(Role.REGION_ADMIN):
        employee = await directory.get(caller.region, target)
        if employee is None or employee.get("supervisor_nip") != caller.nip:
            raise DomainProblem(
                403,
                reason_id="Bukan data Anda atau bawahan Anda",
                reason_en="Not yours or your report's",
            )
    return {"items": await repository.list_for(caller.region, target, year)}
