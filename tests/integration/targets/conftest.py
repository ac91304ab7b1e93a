"""A running targets service (real broker and store) with a client and a fresh region."""

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from contracts import EmployeeUpserted, Rhk, UnitUpserted
from kit.auth import Role
from kit.publishing import publish_event
from targets import service
from targets.app import create_app
from targets.settings import TargetsSettings
from tests.factories import bearer, rhk
from tests.integration.live import eventually, settings_for, unique


@dataclass
class TargetsService:
    """One in-process targets service and the region a test works in."""

    settings: TargetsSettings
    app: FastAPI
    client: httpx.AsyncClient
    region: str
    other_region: str

    def bearer(self, nip: str, *roles: Role) -> dict[str, str]:
        """Authorization header for someone of this test's region."""
        return bearer(self.settings, nip, *roles, region=self.region)

    async def project(self, *records: EmployeeUpserted | UnitUpserted) -> None:
        """Publish directory records and wait until this service's projection holds them all."""
        for record in records:
            await publish_event(self.app.state.runtime.broker, record)
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

    async def approved_plan(self, nip: str, *rhks: Rhk, year: int = 2026) -> str:
        """Store an approved SKP directly: a precondition (e.g. a supervisor's RHK to link to)."""
        skp_id = service.skp_id(self.region, nip, year)
        plan = [item.model_dump(mode="json") for item in rhks or (rhk(rhk_id="boss-1"),)]
        await self.app.state.repository.insert_skp(
            {
                "_id": skp_id,
                "region": self.region,
                "nip": nip,
                "year": year,
                "status": service.APPROVED,
                "rhk": plan,
                "approved_rhk": plan,
                "history": [],
                "outbox": [],
            }
        )
        return skp_id


@pytest.fixture
async def targets() -> AsyncIterator[TargetsService]:
    # The service serves this test's region (and one other, for cross-region checks) and skips
    # every other region's directory history, as a regional production stack would.
    region, other_region = unique("r"), unique("o")
    settings = settings_for(TargetsSettings, regions=frozenset({region, other_region}))
    app = create_app(settings)
    async with (
        LifespanManager(app, startup_timeout=60, shutdown_timeout=60),
        httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://targets") as client,
    ):
        # Tests check published events inside this block: the relay runs only while the app does.
        yield TargetsService(settings, app, client, region, other_region)
