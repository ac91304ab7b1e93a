"""One service running in-process on the real broker and store, serving a fresh test region."""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from contracts import EmployeeUpserted, Event, PeriodOpened, UnitUpserted
from kit.auth import Role
from kit.publishing import publish_event
from kit.settings import ServiceSettings
from tests.factories import bearer
from tests.integration.live import eventually, settings_for, unique


@dataclass
class LiveService:
    """A running service, its client, and the region a test works in (plus one other)."""

    settings: Any
    app: FastAPI
    client: httpx.AsyncClient
    region: str
    other_region: str

    def bearer(self, nip: str, *roles: Role) -> dict[str, str]:
        """Authorization header for someone of this test's region."""
        return bearer(self.settings, nip, *roles, region=self.region)

    async def publish(self, *events: Event) -> None:
        """Publish events as another service would."""
        for event in events:
            await publish_event(self.app.state.runtime.broker, event)

    async def project(self, *records: EmployeeUpserted | UnitUpserted) -> None:
        """Publish directory records and wait until this service's projection holds them all."""
        await self.publish(*records)
        await self.projected(*records)

    async def projected(self, *records: EmployeeUpserted | UnitUpserted) -> None:
        """Wait until this service's directory projection holds every record."""
        directory = self.app.state.directory

        async def all_there() -> bool:
            for record in records:
                if isinstance(record, UnitUpserted):
                    found = await directory.unit(record.region, record.unit_id)
                else:
                    found = await directory.get(record.region, record.nip)
                if found is None:
                    return False
            return True

        await eventually(all_there, seconds=120, what="the directory projection")

    async def open_year(self, year: int = 2026, cadence: str = "monthly") -> None:
        """Announce an opened year (as targets does) and wait until this service knows it."""
        await self.publish(
            PeriodOpened(
                region=self.region,
                producer="tests",
                year=year,
                cadence=cadence,
                opened_by="199001019999999999",
            )
        )
        periods = self.app.state.periods

        async def known() -> bool:
            return await periods.get(self.region, year) is not None

        await eventually(known, seconds=120, what="the period projection")


@asynccontextmanager
async def running(
    create_app: Callable[[Any], FastAPI],
    settings_class: type[ServiceSettings],
    host: str,
    *,
    region: str | None = None,
    restart_of: LiveService | None = None,
) -> AsyncIterator[LiveService]:
    """Start the service for a fresh region (and one other, for cross-region checks).

    ``region``: serve a region another instance served before (a replay from the beginning).
    ``restart_of``: the same service again (same region, group and database), as after a crash.
    """
    # The service skips every other region's history, as a regional production stack would.
    region, other_region = region or unique("r"), unique("o")
    same: dict[str, Any] = {}
    if restart_of is not None:
        region, other_region = restart_of.region, restart_of.other_region
        same = {"service_name": restart_of.settings.service_name}
    settings = settings_for(settings_class, regions=frozenset({region, other_region}), **same)
    app = create_app(settings)
    async with (
        LifespanManager(app, startup_timeout=60, shutdown_timeout=60),
        httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url=f"http://{host}") as client,
    ):
        # Tests check published events inside this block: the relay runs only while the app does.
        yield LiveService(settings, app, client, region, other_region)
