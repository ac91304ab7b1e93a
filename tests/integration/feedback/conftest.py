"""A running feedback service (real broker and store) with a client and a fresh region."""

from collections.abc import AsyncIterator

import pytest

from feedback.app import create_app
from feedback.settings import FeedbackSettings
from tests.integration.service import LiveService, running


@pytest.fixture
async def feedback() -> AsyncIterator[LiveService]:
    async with running(create_app, FeedbackSettings, "feedback") as live:
        yield live
