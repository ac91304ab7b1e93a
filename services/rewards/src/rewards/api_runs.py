"""Award runs: region HR closes a period's awards; HR and auditors read what each run decided."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict

from contracts.vocabulary import Period, Year
from kit.auth import Caller, Role, require_role
from kit.deps import from_app_state
from kit.directory import Directory
from kit.problems import DomainProblem
from rewards import views
from rewards.award_runner import AwardRunner
from rewards.award_store import AwardStore
from rewards.bilingual import Refusal
from rewards.people import names_of
from rewards.problems import refused
from rewards.reconcile import Cause

router = APIRouter(prefix="/rewards/runs", tags=["rewards"])
Runner = Annotated[AwardRunner, Depends(from_app_state("runner"))]
Awards = Annotated[AwardStore, Depends(from_app_state("awards"))]
READERS = (Role.REGION_ADMIN, Role.AUDITOR)


class RunRequest(BaseModel):
    """Which period's awards to compute."""

    model_config = ConfigDict(extra="forbid")

    period: Period


@router.post("", operation_id="rewards_run")
async def run_period(
    body: RunRequest, caller: Caller, runner: Runner, directory: Directory
) -> dict[str, Any]:
    """Compute a closed period's awards (region HR); running it again grants nothing twice."""
    require_role(caller, Role.REGION_ADMIN)
    try:
        outcome = await runner.run(
            caller.region, body.period, cause=Cause.PERIOD_CLOSED, by=caller.nip
        )
    except Refusal as refusal:
        raise refused(refusal, field="period") from refusal
    mentioned = [item.nip for item in outcome.run.assessments]
    names = await names_of(directory, caller.region, mentioned)
    return views.run_outcome(outcome, names)


@router.get("", operation_id="rewards_runs_list")
async def list_runs(
    caller: Caller, runner: Runner, year: Annotated[Year | None, Query()] = None
) -> dict[str, Any]:
    """The region's runs, newest period first (region HR, auditors)."""
    require_role(caller, *READERS)
    items = [
        {key: value for key, value in item.items() if key != "_id"}
        for item in await runner.listing(caller.region, year)
    ]
    return {"items": items}


@router.get("/{period}", operation_id="rewards_run_get")
async def get_run(
    period: Period, caller: Caller, runner: Runner, awards: Awards, directory: Directory
) -> dict[str, Any]:
    """One period's last run and all its awards, granted and revoked (region HR, auditors)."""
    require_role(caller, *READERS)
    run = await runner.get(caller.region, period)
    if run is None:
        raise DomainProblem(
            404,
            field="period",
            reason_id=f"Penghargaan periode {period} belum pernah dihitung",
            reason_en=f"The awards of period {period} have not been computed yet",
        )
    summary = {key: value for key, value in run.items() if key not in ("_id", "predikats")}
    held = await awards.of_period(caller.region, period)
    names = await names_of(directory, caller.region, (item["nip"] for item in held))
    return summary | {"awards": [item | {"name": names.get(item["nip"], "")} for item in held]}
