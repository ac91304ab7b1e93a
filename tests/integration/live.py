"""Helpers of the integration layer: the real local Kafka broker and the real FerretDB store.

Addresses come from ``KINERJA_TEST_KAFKA`` / ``KINERJA_TEST_MONGO`` (set by ``make test``);
each test gets its own consumer group, database and, where it matters, its own topic.
"""

import asyncio
import json
import os
from collections.abc import Awaitable, Callable
from typing import Any, Literal
from uuid import uuid4

import pytest
from aiokafka import AIOKafkaConsumer
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from pydantic import create_model

from contracts import Event
from kit.settings import ServiceSettings

KAFKA = os.environ.get("KINERJA_TEST_KAFKA", "127.0.0.1:19092")
MONGO = os.environ.get("KINERJA_TEST_MONGO", "127.0.0.1:27117")
MONGO_URL = f"mongodb://{MONGO}/?directConnection=true"
SPANS = InMemorySpanExporter()


def unique(prefix: str) -> str:
    """A short unique name for groups, databases and topics."""
    return f"{prefix}{uuid4().hex[:10]}"


def settings_for(cls: type[ServiceSettings] = ServiceSettings, **overrides: Any) -> Any:
    """Settings pointing at the test infrastructure with a fresh group and database."""
    name = overrides.pop("service_name", unique("it-"))
    values = {
        "service_name": name,
        "environment": "test",
        "kafka_bootstrap": KAFKA,
        "mongo_url": MONGO_URL,
        "mongo_database": name.replace("-", "_"),
        "outbox_poll_seconds": 0.2,
    } | overrides
    return cls(**values)


def probe_event_class() -> type[Event]:
    """An event type with a topic no other test uses."""
    name = unique("probe.it")
    literal: Any = Literal[name]  # a type made at run time: one topic per test
    model: type[Event] = create_model(
        "Probe",
        __base__=Event,
        type=(literal, name),
        version=(Literal[1], 1),
        nip=(str, ...),
        value=(int, ...),
    )
    return model


async def eventually(
    check: Callable[[], Awaitable[bool]], *, seconds: float = 30, what: str = "condition"
) -> None:
    """Wait until ``check`` holds; fail with ``what`` when it never does."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            pytest.fail(f"timed out after {seconds}s waiting for {what}")
        await asyncio.sleep(0.2)


async def read_topic(topic: str, count: int, *, seconds: float = 30) -> list[Any]:
    """The first ``count`` records of a topic, read with a throw-away consumer."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=KAFKA, group_id=unique("reader-"), auto_offset_reset="earliest"
    )
    await consumer.start()
    records: list[Any] = []
    try:
        deadline = asyncio.get_running_loop().time() + seconds
        while len(records) < count and asyncio.get_running_loop().time() < deadline:
            batch = await consumer.getmany(timeout_ms=500)
            for items in batch.values():
                records.extend(items)
    finally:
        await consumer.stop()
    return records


async def region_events(topic: str, region: str) -> list[dict[str, Any]]:
    """Bodies of one region's events on a topic, in order (other tests share the topic)."""
    bodies = (json.loads(record.value) for record in await read_topic(topic, 10_000, seconds=10))
    return [body for body in bodies if body["region"] == region]
