"""What an employee's RHK may link to right now, read from the directory, plans and unit goals."""

from typing import Any

from contracts.targets import Rhk
from kit.directory import EmployeeDirectory
from kit.problems import DomainProblem
from targets import cascade, service
from targets.cascade import Blocker, LinkKind, LinkTarget
from targets.goals import UnitGoals
from targets.repository import TargetsRepository


def approved_rhk(plan: dict[str, Any] | None) -> list[Rhk] | None:
    """The last approved version of a plan (it stays valid while a revision is under way)."""
    if plan is None:
        return None
    stored = plan.get("approved_rhk")
    if stored is None and plan["status"] == service.APPROVED:
        stored = plan["rhk"]
    return None if stored is None else [Rhk.model_validate(item) for item in stored]


def _person(record: dict[str, Any] | None, nip: str, role: str) -> dict[str, Any]:
    return {"role": role, "nip": nip, "name": record["name"] if record else None}


async def _supervisor_blocker(
    region: str,
    supervisor_nip: str,
    year: int,
    directory: EmployeeDirectory,
    plan: dict[str, Any] | None,
) -> Blocker:
    """Why the supervisor's RHK are not available yet, naming who has to act."""
    supervisor = await directory.get(region, supervisor_nip)
    if supervisor is None:
        return Blocker(
            f"Atasan Anda (NIP {supervisor_nip}) belum ada di direktori; admin wilayah harus "
            "memperbarui direktori",
            f"Your supervisor (NIP {supervisor_nip}) is not in the directory; region HR must "
            "update it",
            {"role": "region_admin", "nip": None, "name": None},
        )
    name = supervisor["name"]
    if plan is None:
        return Blocker(
            f"Atasan Anda, {name}, belum menyusun SKP {year}; RHK-nya diperlukan untuk "
            "menautkan RHK utama Anda",
            f"Your supervisor, {name}, has no SKP for {year} yet; their RHK are needed to link "
            "your main RHK",
            _person(supervisor, supervisor_nip, "supervisor"),
        )
    if plan["status"] == service.SUBMITTED:
        approver_nip = supervisor.get("supervisor_nip")
        approver = await directory.get(region, approver_nip) if approver_nip else None
        who = approver["name"] if approver else "admin wilayah"
        return Blocker(
            f"SKP atasan Anda, {name}, menunggu persetujuan {who}",
            f"Your supervisor {name}'s SKP awaits approval by "
            f"{approver['name'] if approver else 'region HR'}",
            _person(approver, approver_nip, "supervisor_ppk")
            if approver_nip
            else {"role": "region_admin", "nip": None, "name": None},
        )
    return Blocker(
        f"SKP atasan Anda, {name}, masih berstatus '{plan['status']}'; {name} harus "
        "melengkapi dan mengajukannya",
        f"Your supervisor {name}'s SKP is still '{plan['status']}'; {name} must complete and "
        "submit it",
        _person(supervisor, supervisor_nip, "supervisor"),
    )


async def link_target(
    region: str,
    nip: str,
    year: int,
    directory: EmployeeDirectory,
    repository: TargetsRepository,
    goals: UnitGoals,
) -> LinkTarget:
    """What the employee's RHK may link to this year, or what blocks linking and who must act."""
    employee = await directory.get(region, nip)
    if employee is None:
        raise DomainProblem(
            422,
            field="nip",
            reason_id="NIP tidak dikenal di direktori wilayah ini",
            reason_en="Unknown NIP in this region's directory",
        )
    unit = await directory.unit(region, employee["unit_id"])
    perspectives = cascade.needs_perspectives(employee, unit)
    if cascade.links_to_goals(employee, unit):
        found = await goals.get(region, employee["unit_id"], year)
        unit_name = unit["name"] if unit else employee["unit_id"]
        blocked = (
            None
            if found
            else Blocker(
                f"Tujuan unit {unit_name} untuk {year} belum ditetapkan; admin unit atau admin "
                "wilayah harus menetapkannya",
                f"The goals of {unit_name} for {year} are not set; the unit admin or region HR "
                "must set them",
                {"role": "unit_admin", "unit_id": employee["unit_id"], "name": unit_name},
            )
        )
        return LinkTarget(
            LinkKind.UNIT_GOAL,
            perspectives,
            goals={goal["goal_id"]: goal["title"] for goal in found},
            blocked=blocked,
        )
    supervisor_nip = employee["supervisor_nip"]
    plan = await repository.get_skp(service.skp_id(region, supervisor_nip, year))
    parents = approved_rhk(plan)
    if parents is None:
        return LinkTarget(
            LinkKind.SUPERVISOR_RHK,
            perspectives,
            blocked=await _supervisor_blocker(region, supervisor_nip, year, directory, plan),
        )
    return LinkTarget(
        LinkKind.SUPERVISOR_RHK, perspectives, parent_rhk={item.rhk_id: item for item in parents}
    )


# Plans whose shares count in a split check: anything the owner has put forward.
_COUNTED = frozenset({service.SUBMITTED, service.APPROVED, service.REVISING})


async def split_warnings_under(
    region: str,
    supervisor_nip: str,
    year: int,
    directory: EmployeeDirectory,
    repository: TargetsRepository,
) -> list[dict[str, Any]]:
    """Where the supervisor's split targets and their reports' shares do not add up."""
    parents = approved_rhk(await repository.get_skp(service.skp_id(region, supervisor_nip, year)))
    if not parents:
        return []
    shares: list[cascade.Share] = []
    for report in await directory.reports_of(region, supervisor_nip):
        plan = await repository.get_skp(service.skp_id(region, report["nip"], year))
        if plan is not None and plan["status"] in _COUNTED:
            rhk = [Rhk.model_validate(item) for item in plan["rhk"]]
            shares += cascade.shares_of(report["nip"], report["name"], rhk)
    return cascade.split_warnings(parents, shares)
