"""Delivery guarantees of kit on the real broker and store: outbox, idempotency, dead letters, restarts."""

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from faststream.kafka import KafkaBroker

from contracts import Event, dead_letter_topic
from contracts import headers as h
from kit.outbox import with_outbox
from kit.publishing import publish_event
from kit.runtime import ServiceRuntime
from kit.settings import ServiceSettings
from tests.integration.live import eventually, probe_event_class, read_topic, settings_for, unique

OUTBOX_COLLECTION = "things"


@dataclass
class Probe:
    """A running kit runtime whose handler counts what it processed in the real store."""

    settings: ServiceSettings
    event_class: type[Event]
    runtime: ServiceRuntime

    def event(self, nip: str, value: int) -> Event:
        fields: dict[str, Any] = {
            "region": "palangkaraya",
            "producer": "tests",
            "nip": nip,
            "value": value,
        }
        return self.event_class(**fields)

    async def processed(self, nip: str, value: int) -> int:
        document = await self.runtime.db["processed"].find_one({"_id": f"{nip}:{value}"})
        return int(document["count"]) if document else 0

    async def attempts(self, nip: str, value: int) -> int:
        document = await self.runtime.db["attempts"].find_one({"_id": f"{nip}:{value}"})
        return int(document["count"]) if document else 0


def start_probe(settings: ServiceSettings, event_class: type[Event]) -> Probe:
    """A runtime that consumes ``event_class``; negative values fail on purpose."""
    runtime = ServiceRuntime(
        settings, outbox_collections=[OUTBOX_COLLECTION], publishes=[event_class]
    )

    async def handle(event: Any) -> None:
        key = f"{event.nip}:{event.value}"
        await runtime.db["attempts"].update_one({"_id": key}, {"$inc": {"count": 1}}, upsert=True)
        if event.value < 0:
            raise ValueError(f"negative value {event.value}")
        await runtime.db["processed"].update_one({"_id": key}, {"$inc": {"count": 1}}, upsert=True)

    runtime.consumers.handle(event_class, handle)
    return Probe(settings, event_class, runtime)


@pytest.fixture
async def probe() -> AsyncIterator[Probe]:
    running = start_probe(settings_for(), probe_event_class())
    await running.runtime.start()
    yield running
    await running.runtime.stop()


def broker_of(probe: Probe) -> KafkaBroker:
    return probe.runtime.broker


def waiting_for(probe: Probe, nip: str, value: int, count: int = 1) -> Callable[[], Any]:
    async def check() -> bool:
        return await probe.processed(nip, value) >= count

    return check


async def test_outbox_event_travels_through_kafka_into_the_consumers_store(probe: Probe) -> None:
    event = probe.event("199001010000000001", 1)
    things = probe.runtime.db[OUTBOX_COLLECTION]
    await things.update_one(
        {"_id": "t1"}, with_outbox({"$set": {"state": "changed"}}, event), upsert=True
    )
    probe.runtime.relay.nudge()

    await eventually(
        waiting_for(probe, "199001010000000001", 1), what="the outbox event to be consumed"
    )

    async def outbox_emptied() -> bool:
        document = await things.find_one({"_id": "t1"})
        return document is not None and document["outbox"] == []

    await eventually(outbox_emptied, what="the relay to pull the acknowledged record")
    stored = await things.find_one({"_id": "t1"})
    assert stored is not None
    assert stored["state"] == "changed"


async def test_duplicate_delivery_is_processed_once(probe: Probe) -> None:
    nip = "199001010000000002"
    event = probe.event(nip, 7)
    await publish_event(broker_of(probe), event)
    await publish_event(broker_of(probe), event)
    # Same key, same partition: once the later event is processed, both copies were seen.
    await publish_event(broker_of(probe), probe.event(nip, 8))

    await eventually(waiting_for(probe, nip, 8), what="the event after the duplicate")
    assert await probe.processed(nip, 7) == 1


async def test_poison_message_goes_to_the_dead_letter_topic_and_the_next_one_is_processed(
    probe: Probe,
) -> None:
    nip = "199001010000000003"
    topic = probe.event_class.topic()
    await broker_of(probe).publish(b"{not json", topic, key=nip.encode())
    await publish_event(broker_of(probe), probe.event(nip, 1))

    await eventually(waiting_for(probe, nip, 1), what="the message after the poison one")
    parked = await read_topic(dead_letter_topic(topic, probe.settings.service_name), 1)
    assert len(parked) == 1
    headers = {name: value.decode() for name, value in parked[0].headers}
    assert parked[0].value == b"{not json"
    assert headers[h.DLT_ERROR_TYPE] == "ValidationError"
    assert headers[h.DLT_ORIGINAL_TOPIC] == topic


async def test_failing_handler_is_retried_then_parked_without_blocking_the_partition(
    probe: Probe,
) -> None:
    nip = "199001010000000004"
    await publish_event(broker_of(probe), probe.event(nip, -1))
    await publish_event(broker_of(probe), probe.event(nip, 2))

    await eventually(waiting_for(probe, nip, 2), what="the message after the failing one")
    assert await probe.attempts(nip, -1) == probe.settings.consumer_attempts
    parked = await read_topic(
        dead_letter_topic(probe.event_class.topic(), probe.settings.service_name), 1
    )
    headers = {name: value.decode() for name, value in parked[0].headers}
    assert headers[h.DLT_ERROR_TYPE] == "ValueError"
    assert headers[h.DLT_ATTEMPTS] == str(probe.settings.consumer_attempts)
    assert not await probe.runtime.inbox.seen(probe.settings.service_name, headers[h.CE_ID])


async def test_a_restart_loses_nothing_and_processes_nothing_twice() -> None:
    settings, event_class = settings_for(), probe_event_class()
    first = start_probe(settings, event_class)
    await first.runtime.start()
    nip = "199001010000000005"
    for value in range(5):
        await publish_event(first.runtime.broker, first.event(nip, value))
    await eventually(waiting_for(first, nip, 4), what="the first batch")
    await first.runtime.stop()
    # While the service is down: more events arrive, and a state change waits in the outbox.
    producer = KafkaBroker(settings.kafka_bootstrap)
    await producer.start()
    for value in range(5, 10):
        await publish_event(producer, first.event(nip, value))
    await producer.stop()
    pending = first.event(nip, 10)
    second = start_probe(settings, event_class)
    await second.runtime.db[OUTBOX_COLLECTION].update_one(
        {"_id": unique("t")},
        with_outbox({"$set": {"state": "queued while down"}}, pending),
        upsert=True,
    )

    await second.runtime.start()
    try:
        await eventually(waiting_for(second, nip, 10), what="the outbox record queued while down")
        await eventually(waiting_for(second, nip, 9), what="events published while down")
        counts = [await second.processed(nip, value) for value in range(11)]
        assert counts == [1] * 11
    finally:
        await second.runtime.stop()


async def test_concurrent_changes_and_relay_pulls_on_one_document_lose_nothing(
    probe: Probe,
) -> None:
    nip, things = "199001010000000006", probe.runtime.db[OUTBOX_COLLECTION]
    changes = 100

    async def change(value: int) -> None:
        update = with_outbox({"$push": {"history": value}}, probe.event(nip, value))
        await probe.runtime.relay.guarded(
            OUTBOX_COLLECTION, "hot", lambda: things.update_one({"_id": "hot"}, update, upsert=True)
        )

    await things.insert_one({"_id": "hot", "history": [], "outbox": []})
    await asyncio.gather(*(change(value) for value in range(changes)))

    async def all_delivered() -> bool:
        document = await things.find_one({"_id": "hot"})
        return (
            document is not None
            and document["outbox"] == []
            and await probe.processed(nip, changes - 1) == 1
        )

    await eventually(all_delivered, seconds=120, what="every event relayed and pulled")
    document = await things.find_one({"_id": "hot"})
    assert document is not None
    assert sorted(document["history"]) == list(range(changes)), "no state change was lost"
    assert [await probe.processed(nip, value) for value in range(changes)] == [1] * changes, (
        "no event was lost"
    )
