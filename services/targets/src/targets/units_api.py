"""HTTP API for organisation predicates: a unit's rating per period (it sets the unit's curve)."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from contracts import UnitPredicateSet
from contracts.vocabulary import Identifier, Period
from kit.auth import Caller
from kit.directory import Directory
from kit.problems import DomainProblem
from targets.documents import UnitPredicateForm
from targets.lookups import (
    PRODUCER,
    Repository,
    audit,
    require_open_period,
    require_unit_steward,
)

router = APIRouter(prefix="/units", tags=["units"])


def _key(region: str, unit_id: str, period: str) -> str:
    return f"{region}-{unit_id}-{period}"


@router.put("/{unit_id}/predicate", operation_id="unit_predicate_set")
async def set_predicate(
    unit_id: Identifier,
    body: UnitPredicateForm,
    caller: Caller,
    repository: Repository,
    directory: Directory,
) -> dict[str, Any]:
    """Region HR or the unit's own admin records its predicate for a period (history kept).

    The unit admin enters the result of the unit's official evaluation; region HR may correct
    it. Every entry is audited and published as ``org_performance.predicate_set``.
    """
    await require_unit_steward(caller, unit_id, directory)
    year = int(body.period[:4])
    await require_open_period(repository, caller.region, year)
    event = UnitPredicateSet(
        region=caller.region,
        producer=PRODUCER,
        unit_id=unit_id,
        year=year,
        period=body.period,
        predikat=body.predikat,
        set_by=caller.nip,
        note=body.note,
    )
    values = {
        "region": caller.region,
        "unit_id": unit_id,
        "year": year,
        **body.model_dump(mode="json"),
    }
    await repository.set_unit_predicate(
        _key(caller.region, unit_id, body.period),
        values,
        audit(caller, "set", **body.model_dump(mode="json")),
        event,
    )
    return values


@router.get("/{unit_id}/predicate", operation_id="unit_predicate_get")
async def get_predicate(
    unit_id: Identifier, period: Annotated[Period, Query()], caller: Caller, repository: Repository
) -> dict[str, Any]:
    """A unit's predicate for a period (anyone in the region may see it)."""
    found = await repository.get_unit_predicate(_key(caller.region, unit_id, period))
    if found is None:
        raise DomainProblem(
            404,
            reason_id="Predikat unit belum ditetapkan",
            reason_en="The unit's predicate has not been set",
        )
    found.pop("_id")
    return found
