"""Integration layer fixtures: the real local Kafka broker and the real FerretDB store, nothing faked.

Addresses come from ``KINERJA_TEST_KAFKA`` / ``KINERJA_TEST_MONGO`` (set by ``make test``);
each test gets its own consumer group, database and, where it matters, its own topic.
"""

from collections.abc import AsyncIterator
from typing import Any

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from pymongo import AsyncMongoClient

from tests.integration.live import MONGO_URL, SPANS


def pytest_configure() -> None:
    """One in-memory tracer provider for the whole process, installed before any service."""
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(SPANS))
    trace.set_tracer_provider(provider)


@pytest.fixture
def spans() -> InMemorySpanExporter:
    """Finished spans of this test only."""
    SPANS.clear()
    return SPANS


@pytest.fixture
async def mongo() -> AsyncIterator[AsyncMongoClient[dict[str, Any]]]:
    """A client on the test store, to look at what services wrote."""
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(MONGO_URL, tz_aware=True)
    yield client
    await client.close()
