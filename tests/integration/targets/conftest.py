"""A running targets service (real broker and store) with a client and a fresh region."""

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from contracts import EmployeeUpserted, UnitUpserted
from kit.auth import Role
from kit.publishing import publish_event
from targets.app import create_app
from targets.settings import TargetsSettings
from tests.factories import bearer
from tests.integration.live import eventually, settings_for, unique


@dataclass
class TargetsService:
    """One in-process targets service and the region a test works in."""

    settings: TargetsSettings
    app: FastAPI
    client: httpx.AsyncClient
    region: str

    def bearer(self, nip: str, *roles: Role) -> dict[str, str]:
        """Authorization header for someone of this test's region."""
        return bearer(self.settings, nip, *roles, region=self.region)

    async def project(self, *records: EmployeeUpserted | UnitUpserted) -> None:
        """Publish directory records and wait until this service's projection holds them all."""
        for record in records:
            await publish_event(self.app.state.runtime.broker, record)
        directory = self.app.state.directory

        async def projected() -> bool:
            for record in records:
                if isinstance(record, UnitUpserted):
                    found = await directory.unit(record.region, record.unit_id)
                else:
                    found = await directory.get(record.region, record.nip)
                if found is None:
                    return False
            return True

        await eventually(projected, seconds=120, what="the directory projection")


@pytest.fixture
async def targets() -> AsyncIterator[TargetsService]:
    settings = settings_for(TargetsSettings)
    app = create_app(settings)
    async with (
        LifespanManager(app, startup_timeout=60, shutdown_timeout=60),
        httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://targets") as client,
    ):
        # Tests check published events inside this block: the relay runs only while the app does.
        yield TargetsService(settings, app, client, unique("r"))
