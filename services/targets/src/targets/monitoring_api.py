"""Monitoring for supervisors and HR: my team's plans, and who has not planned yet."""

from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Query

from contracts.vocabulary import Identifier, Year
from kit.auth import Caller, Principal, Role
from kit.directory import Directory, EmployeeDirectory
from kit.problems import DomainProblem
from targets import service
from targets.lookups import Repository
from targets.repository import TargetsRepository

router = APIRouter(prefix="/monitoring", tags=["monitoring"])


async def _rows(
    employees: list[dict[str, Any]], caller: Principal, year: int, repository: TargetsRepository
) -> list[dict[str, Any]]:
    """Each employee with their plan's status and current achievement."""
    plans = await repository.plans_of_year(caller.region, year)
    wanted = {plans[employee["nip"]]["_id"] for employee in employees if employee["nip"] in plans}
    reports: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for report in await repository.reports_of_region(caller.region, wanted):
        reports[report["skp_id"]].append(report)
    rows = []
    for employee in employees:
        plan = plans.get(employee["nip"])
        rows.append(
            {
                "nip": employee["nip"],
                "name": employee["name"],
                "unit_id": employee["unit_id"],
                "skp_id": plan["_id"] if plan else None,
                "skp_status": plan["status"] if plan else service.NO_PLAN,
                "achievement_pct": service.latest_mean_achievement(reports[plan["_id"]])
                if plan
                else None,
            }
        )
    return rows


def _by_status(rows: list[dict[str, Any]]) -> dict[str, int]:
    counts: defaultdict[str, int] = defaultdict(int)
    for row in rows:
        counts[row["skp_status"]] += 1
    return dict(counts)


@router.get("/team", operation_id="monitoring_team")
async def my_team(
    year: Annotated[Year, Query()], caller: Caller, repository: Repository, directory: Directory
) -> dict[str, Any]:
    """A PPK's direct reports: plan status and current achievement, with counts per status."""
    rows = await _rows(
        await directory.reports_of(caller.region, caller.nip), caller, year, repository
    )
    return {"year": year, "items": rows, "by_status": _by_status(rows)}


async def _scope(
    caller: Principal, unit_id: str | None, directory: EmployeeDirectory
) -> list[dict[str, Any]]:
    """Region HR sees any unit; a unit admin their own unit; anyone else their own reports."""
    if caller.has(Role.REGION_ADMIN):
        return await directory.members(caller.region, unit_id)
    if caller.has(Role.UNIT_ADMIN):
        own = await directory.get(caller.region, caller.nip)
        if own is None or (unit_id is not None and unit_id != own["unit_id"]):
            raise DomainProblem(
                403,
                field="unit_id",
                reason_id="Hanya unit Anda sendiri",
                reason_en="Only your own unit",
            )
        return await directory.members(caller.region, own["unit_id"])
    return await directory.reports_of(caller.region, caller.nip)


@router.get("/unplanned", operation_id="monitoring_unplanned")
async def not_planned(
    year: Annotated[Year, Query()],
    caller: Caller,
    repository: Repository,
    directory: Directory,
    unit_id: Annotated[Identifier | None, Query()] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict[str, Any]:
    """Who has no approved plan for the year yet (none, draft, submitted, rejected, revising)."""
    rows = await _rows(await _scope(caller, unit_id, directory), caller, year, repository)
    behind = [row for row in rows if row["skp_status"] != service.APPROVED]
    return {
        "year": year,
        "total": len(behind),
        "offset": offset,
        "limit": limit,
        "items": behind[offset : offset + limit],
        "by_status": _by_status(behind),
    }
