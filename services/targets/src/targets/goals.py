"""Unit goals per year: what heads of independent units (and the top of a chain) link their RHK to."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field
from pymongo.asynchronous.database import AsyncDatabase

from contracts.vocabulary import Identifier, Year
from kit.auth import Caller
from kit.deps import from_app_state
from kit.directory import Directory
from kit.mongo import Document
from kit.problems import DomainProblem
from targets.lookups import Repository, audit, require_open_period, require_unit_steward

UNIT_GOALS = "unit_goals"
router = APIRouter(prefix="/units", tags=["units"])


class Goal(BaseModel):
    """One goal of the organisation unit for the year (e.g. from its strategic plan)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    goal_id: Identifier
    title: str = Field(min_length=1, max_length=500)


class GoalsForm(BaseModel):
    """The unit's goals for a year, replacing the previous list."""

    model_config = ConfigDict(extra="forbid")

    goals: list[Goal] = Field(min_length=1, max_length=50)


class UnitGoals:
    """Storage of unit goals; a change is audited but announces nothing (no consumer needs it)."""

    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._goals = db[UNIT_GOALS]

    @staticmethod
    def key(region: str, unit_id: str, year: int) -> str:
        """One goal list per unit and year."""
        return f"{region}:{unit_id}:{year}"

    async def get(self, region: str, unit_id: str, year: int) -> list[dict[str, str]]:
        """The unit's goals for the year; empty when not set."""
        found = await self._goals.find_one({"_id": self.key(region, unit_id, year)})
        return list(found["goals"]) if found else []

    async def put(
        self, region: str, unit_id: str, year: int, goals: list[Goal], entry: dict[str, Any]
    ) -> None:
        """Replace the unit's goals for the year, keeping each change in ``history``."""
        await self._goals.update_one(
            {"_id": self.key(region, unit_id, year)},
            {
                "$set": {
                    "region": region,
                    "unit_id": unit_id,
                    "year": year,
                    "goals": [goal.model_dump() for goal in goals],
                },
                "$push": {"history": entry},
            },
            upsert=True,
        )


Goals = Annotated[UnitGoals, Depends(from_app_state("goals"))]


@router.put("/{unit_id}/goals/{year}", operation_id="unit_goals_set")
async def set_goals(
    unit_id: Identifier,
    year: Year,
    body: GoalsForm,
    caller: Caller,
    repository: Repository,
    directory: Directory,
    goals: Goals,
) -> dict[str, Any]:
    """Region HR, or the unit's own admin, sets the goals its head's RHK link to."""
    await require_unit_steward(caller, unit_id, directory)
    await require_open_period(repository, caller.region, year)
    if len({goal.goal_id for goal in body.goals}) != len(body.goals):
        raise DomainProblem(
            422,
            field="goals",
            reason_id="ID tujuan harus unik",
            reason_en="Goal ids must be unique",
        )
    await goals.put(caller.region, unit_id, year, body.goals, audit(caller, "goals_set"))
    return {"unit_id": unit_id, "year": year, "goals": [goal.model_dump() for goal in body.goals]}


@router.get("/{unit_id}/goals/{year}", operation_id="unit_goals_get")
async def get_goals(
    unit_id: Identifier, year: Year, caller: Caller, goals: Goals
) -> dict[str, Any]:
    """A unit's goals for a year (anyone in the region may read them); empty when not set."""
    return {
        "unit_id": unit_id,
        "year": year,
        "goals": await goals.get(caller.region, unit_id, year),
    }
