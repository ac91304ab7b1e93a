"""A rewards service on the real broker and store, fed with scores as scoring announces them."""

from typing import Any

from contracts import Event, ExplanationLine, PeriodClosed, ScoreComputed
from kit.auth import Role
from tests import factories
from tests.integration.live import eventually, region_events
from tests.integration.service import LiveService
from tests.unit.rewards import factories as core

HR = "199001019999999999"
APPEAL = ExplanationLine(code="predikat.appeal", id="Keberatan diputuskan", en="Appeal decided")


def final(
    service: LiveService, nip: str, period: str, composite: float, **fields: Any
) -> ScoreComputed:
    """A final (PPK-rated) score of ``nip`` for ``period`` in the service's region."""
    values: dict[str, Any] = {"predikat": "BAIK", "composite": composite, "period": period} | fields
    return core.score(nip, region=service.region, **values)


def hr(service: LiveService) -> dict[str, str]:
    """Region HR's authorization header."""
    return service.bearer(HR, Role.REGION_ADMIN)


async def staff(service: LiveService, units: dict[str, list[str]], ppk: str) -> None:
    """Employees in units, all reporting to ``ppk``, known to the service's directory."""
    records = [
        factories.employee(
            nip, supervisor=ppk, region=service.region, unit_id=unit, name=f"ASN {nip[-4:]}"
        )
        for unit, nips in units.items()
        for nip in nips
    ]
    records.append(factories.employee(ppk, region=service.region, unit_id="sekretariat"))
    await service.project(*records)


async def scores_kept(service: LiveService, *scores: ScoreComputed) -> None:
    """Publish scores and wait until the ledger holds each of them."""
    await service.publish(*scores)
    ledger = service.app.state.ledger

    async def all_kept() -> bool:
        for score in scores:
            kept = await ledger.of_year(service.region, score.year, score.nip)
            if not any(item.event_id == score.event_id for item in kept):
                return False
        return True

    await eventually(all_kept, seconds=120, what="the scores in the ledger")


async def close_year(service: LiveService, year: int) -> None:
    """Region HR closed the year (as targets announces it)."""
    await service.publish(
        PeriodClosed(region=service.region, producer="tests", year=year, closed_by=HR)
    )


async def published(
    service: LiveService, event_class: type[Event], count: int
) -> list[dict[str, Any]]:
    """At least ``count`` events of a kind about this region, read back from Kafka."""
    found: list[dict[str, Any]] = []

    async def enough() -> bool:
        found[:] = await region_events(event_class.topic(), service.region)
        return len(found) >= count

    await eventually(enough, seconds=60, what=f"{count} {event_class.__name__} events")
    return found
