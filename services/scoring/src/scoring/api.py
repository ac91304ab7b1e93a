"""HTTP API of the scoring service (called by the gateway)."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from contracts.vocabulary import Nip, Year
from kit.auth import Caller
from kit.deps import from_app_state
from kit.directory import Directory
from kit.problems import DomainProblem
from scoring.repository import ScoresRepository

router = APIRouter(prefix="/scores", tags=["scores"])
Repository = Annotated[ScoresRepository, Depends(from_app_state("repository"))]


@router.get("/{nip}", operation_id="score_get")
async def get_score(
    nip: Nip,
    year: Annotated[Year, Query()],
    caller: Caller,
    repository: Repository,
    directory: Directory,
) -> dict[str, Any]:
    """An employee's score with its explanation: for the employee, their PPK and region HR."""
    await directory.require_self_ppk_or_hr(caller, nip)
    result = await repository.find(caller.region, nip, year)
    if result is None:
        raise DomainProblem(
            404,
            reason_id="Belum ada nilai: SKP, progres atau penilaian belum masuk",
            reason_en="No score yet: no plan, progress or assessment has arrived",
        )
    return result
