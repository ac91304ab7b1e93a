"""HTTP API of the rewards service (called by the gateway)."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from contracts.vocabulary import Nip, Year
from kit.auth import Caller
from kit.deps import from_app_state
from kit.directory import Directory
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
    await directory.require_self_ppk_or_hr(caller, target)
    return {"items": await repository.list_for(caller.region, target, year)}
