"""A running targets service (real broker and store) with a client and a fresh region."""

from collections.abc import AsyncIterator

import pytest

from contracts import Rhk
from targets import service
from targets.app import create_app
from targets.settings import TargetsSettings
from tests.factories import rhk
from tests.integration.service import LiveService, running


class TargetsService(LiveService):
    """The targets service, with a shortcut for plans that are a test's precondition."""

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
    async with running(create_app, TargetsSettings, "targets") as live:
        yield TargetsService(**vars(live))
