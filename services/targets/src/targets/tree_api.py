"""The cascade tree of a unit (unit goal or supervisor RHK -> subordinate RHK), as data to draw."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from contracts.targets import Rhk
from contracts.vocabulary import Identifier, Year
from kit.auth import Caller, Principal, Role
from kit.directory import Directory, EmployeeDirectory
from kit.problems import DomainProblem
from targets import service
from targets.goals import Goals
from targets.linking import split_warnings_under
from targets.lookups import Repository, only_own_unit

router = APIRouter(prefix="/monitoring", tags=["monitoring"])


async def _unit_in_view(
    caller: Principal, unit_id: str | None, directory: EmployeeDirectory
) -> str:
    """Region HR sees any unit; everyone else the unit they belong to (another one is 403)."""
    own = await directory.get(caller.region, caller.nip)
    wanted = unit_id or (own["unit_id"] if own else None)
    if wanted is None:
        raise DomainProblem(
            422, field="unit_id", reason_id="Unit wajib diisi", reason_en="unit_id is required"
        )
    if caller.has(Role.REGION_ADMIN) or (own is not None and own["unit_id"] == wanted):
        return wanted
    raise only_own_unit()


def _rhk_node(employee: dict[str, Any], plan: dict[str, Any], item: Rhk) -> dict[str, Any]:
    return {
        "id": f"rhk:{employee['nip']}:{item.rhk_id}",
        "type": "rhk",
        "nip": employee["nip"],
        "name": employee["name"],
        "skp_status": plan["status"],
        "rhk_id": item.rhk_id,
        "title": item.title,
        "kind": item.kind.value,
        "perspective": item.perspective,
        "iki": [iki.model_dump(mode="json") for iki in item.iki],
    }


def _parent_id(employee: dict[str, Any], item: Rhk) -> str | None:
    if item.unit_goal_id is not None:
        return f"goal:{item.unit_goal_id}"
    if item.parent_rhk_id is not None and employee.get("supervisor_nip"):
        return f"rhk:{employee['supervisor_nip']}:{item.parent_rhk_id}"
    return None


@router.get("/cascade", operation_id="monitoring_cascade")
async def cascade_tree(
    year: Annotated[Year, Query()],
    caller: Caller,
    repository: Repository,
    directory: Directory,
    goals: Goals,
    unit_id: Annotated[Identifier | None, Query()] = None,
) -> dict[str, Any]:
    """Nodes (goals, RHK) and edges (child -> parent) of a unit and its sub-units, with warnings."""
    unit = await _unit_in_view(caller, unit_id, directory)
    nodes = [
        {"id": f"goal:{goal['goal_id']}", "type": "goal", "title": goal["title"]}
        for goal in await goals.get(caller.region, unit, year)
    ]
    edges, people, warnings = [], [], []
    members = [
        employee
        for unit_id_below in await directory.units_under(caller.region, unit)
        for employee in await directory.members(caller.region, unit_id_below)
    ]
    for employee in members:
        plan = await repository.get_skp(service.skp_id(caller.region, employee["nip"], year))
        people.append(
            {
                "nip": employee["nip"],
                "name": employee["name"],
                "supervisor_nip": employee.get("supervisor_nip"),
                "skp_status": plan["status"] if plan else service.NO_PLAN,
            }
        )
        if plan is None:
            continue
        for item in (Rhk.model_validate(raw) for raw in plan["rhk"]):
            node = _rhk_node(employee, plan, item)
            nodes.append(node)
            parent = _parent_id(employee, item)
            if parent is not None:
                edges.append({"from": node["id"], "to": parent, "cascading": item.cascading})
        warnings += await split_warnings_under(
            caller.region, employee["nip"], year, directory, repository
        )
    known = {node["id"] for node in nodes}
    outside = sorted({edge["to"] for edge in edges} - known)
    nodes += [{"id": key, "type": "outside_unit"} for key in outside]
    return {
        "year": year,
        "unit_id": unit,
        "nodes": nodes,
        "edges": edges,
        "people": people,
        "split_warnings": warnings,
    }
