"""A scoring service on the real broker and store, with its region's directory and year ready."""

import asyncio
from typing import Any

from contracts import EmployeeUpserted, PeriodOpened, ScoreComputed
from scoring.engine import Engine
from tests import factories
from tests.integration.live import eventually, region_events
from tests.integration.service import LiveService

HR = "199001019999999999"


def opened(region: str, year: int = 2026) -> PeriodOpened:
    """Region HR opened the year (as targets announces it)."""
    return PeriodOpened(region=region, producer="tests", year=year, cadence="monthly", opened_by=HR)


def people(region: str, nips: list[str], **fields: Any) -> list[EmployeeUpserted]:
    """Directory records for ``nips`` in one unit."""
    return [factories.employee(nip, region=region, **fields) for nip in nips]


async def result(service: LiveService, nip: str, year: int = 2026) -> dict[str, Any] | None:
    """The employee's announced result, or None while none is computed."""
    engine: Engine = service.app.state.engine
    return engine.result(service.region, nip, year)


async def settled(service: LiveService, *, seconds: float = 120, quiet: float = 2.0) -> None:
    """Wait until the engine has swept every change and nothing arrived for ``quiet`` seconds."""
    engine: Engine = service.app.state.engine

    async def done() -> bool:
        before = (engine.batches, engine.sweeps, engine.passes)
        if not engine.settled:
            return False
        await asyncio.sleep(quiet)
        return engine.settled and (engine.batches, engine.sweeps, engine.passes) == before

    await eventually(done, seconds=seconds, what="a settled scoring engine")


async def announced(service: LiveService, nip: str) -> dict[str, dict[str, Any]]:
    """This region's ``score.computed`` bodies about ``nip``, by event id (repeats collapse)."""
    bodies = await region_events(ScoreComputed.topic(), service.region)
    return {body["event_id"]: body for body in bodies if body["nip"] == nip}
