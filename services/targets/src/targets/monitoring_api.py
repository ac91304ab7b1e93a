"""Monitoring for supervisors and HR: my team's plans, who has not planned, who has not reported."""

from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Query

from contracts.targets import Rhk
from contracts.vocabulary import Identifier, Period, Year
from kit.auth import Caller, Principal, Role
from kit.directory import Directory, EmployeeDirectory
from targets import service
from targets.lookups import Repository, only_own_unit
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


def _page(rows: list[dict[str, Any]], offset: int, limit: int) -> dict[str, Any]:
    """One page of a list, with the total a pager needs."""
    return {
        "total": len(rows),
        "offset": offset,
        "limit": limit,
        "items": rows[offset : offset + limit],
    }


async def _scope(
    caller: Principal, unit_id: str | None, directory: EmployeeDirectory
) -> list[dict[str, Any]]:
    """Region HR sees any unit; a unit admin their own unit; anyone else their own reports."""
    if caller.has(Role.REGION_ADMIN):
        return await directory.members(caller.region, unit_id)
    if caller.has(Role.UNIT_ADMIN):
        own = await directory.get(caller.region, caller.nip)
        if own is None or (unit_id is not None and unit_id != own["unit_id"]):
            raise only_own_unit()
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
    return {"year": year, **_page(behind, offset, limit), "by_status": _by_status(behind)}


@router.get("/unreported", operation_id="monitoring_unreported")
async def not_reported(
    year: Annotated[Year, Query()],
    period: Annotated[Period, Query()],
    caller: Caller,
    repository: Repository,
    directory: Directory,
    unit_id: Annotated[Identifier | None, Query()] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict[str, Any]:
    """Who has an approved plan but has not reported every IKI of it for the period."""
    service.check_period_in_year(period, year)
    employees = await _scope(caller, unit_id, directory)
    plans = await repository.approved_plans(
        caller.region, year, {employee["nip"] for employee in employees}
    )
    reports: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    wanted = {plan["_id"] for plan in plans.values()}
    for report in await repository.reports_of_region(caller.region, wanted):
        reports[report["skp_id"]].append(report)
    behind: list[dict[str, Any]] = []
    for employee in employees:
        plan = plans.get(employee["nip"])
        if plan is None:
            continue  # listed by /unplanned, counted below
        rhk = [Rhk.model_validate(item) for item in plan["rhk"]]
        missing = service.missing_iki(rhk, reports[plan["_id"]], period)
        if missing:
            total = sum(len(item.iki) for item in rhk)
            behind.append(
                {
                    "nip": employee["nip"],
                    "name": employee["name"],
                    "unit_id": employee["unit_id"],
                    "skp_id": plan["_id"],
                    "iki_total": total,
                    "iki_reported": total - len(missing),
                    "missing": missing,
                }
            )
    by_unit: defaultdict[str, int] = defaultdict(int)
    for row in behind:
        by_unit[row["unit_id"]] += 1
    return {
        "year": year,
        "period": period,
        **_page(behind, offset, limit),
        "by_unit": dict(by_unit),
        "without_approved_plan": len(employees) - len(plans),
    }
