"""HTTP API for performance periods: region HR opens and closes a year."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from contracts import PeriodClosed, PeriodOpened, utc_now
from kit import periods
from kit.auth import Caller, Role, require_role
from kit.deps import from_app_state
from kit.outbox import outbox_records
from kit.problems import DomainProblem
from targets import service
from targets.documents import PeriodForm
from targets.repository import TargetsRepository

router = APIRouter(prefix="/periods", tags=["periods"])
Repository = Annotated[TargetsRepository, Depends(from_app_state("repository"))]
PRODUCER = "targets"


@router.get("", operation_id="periods_list")
async def list_periods(caller: Caller, repository: Repository) -> dict[str, Any]:
    """The caller's region's periods, newest first (everyone may see them)."""
    return {"items": await repository.list_periods(caller.region)}


@router.post("", status_code=201, operation_id="period_open")
async def open_period(body: PeriodForm, caller: Caller, repository: Repository) -> dict[str, Any]:
    """Region HR opens a year with its evaluation cadence; publishes ``period.opened``."""
    require_role(caller, Role.REGION_ADMIN)
    event = PeriodOpened(
        region=caller.region,
        producer=PRODUCER,
        year=body.year,
        cadence=body.cadence,
        opened_by=caller.nip,
    )
    await repository.open_period(
        {
            "_id": service.period_id(caller.region, body.year),
            "region": caller.region,
            "year": body.year,
            "cadence": body.cadence.value,
            "status": periods.OPEN,
            "history": [{"at": utc_now(), "by": caller.nip, "action": "opened"}],
            "outbox": outbox_records(event),
        }
    )
    return {"period_id": service.period_id(caller.region, body.year), "status": periods.OPEN}


@router.post("/{year}/close", operation_id="period_close")
async def close_period(year: int, caller: Caller, repository: Repository) -> dict[str, Any]:
    """Region HR closes a year: its plans and reports no longer change; publishes ``period.closed``."""
    require_role(caller, Role.REGION_ADMIN)
    key = service.period_id(caller.region, year)
    event = PeriodClosed(region=caller.region, producer=PRODUCER, year=year, closed_by=caller.nip)
    audit = {"at": utc_now(), "by": caller.nip, "action": "closed"}
    if not await repository.close_period(key, audit, event):
        period = await repository.get_period(key)
        periods.check_open(period, year)  # says "not opened" or "already closed"
        raise DomainProblem(
            409, reason_id="Periode berubah, muat ulang", reason_en="Period changed; reload"
        )
    return {"period_id": key, "status": periods.CLOSED}
