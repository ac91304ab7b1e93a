"""How an event becomes a Kafka record: JSON body, aggregate key, CloudEvents headers."""

from typing import Any

from faststream.kafka import KafkaBroker

from contracts import Event
from contracts import headers as h


def cloudevents_headers(event: Event) -> dict[str, str]:
    """Binary-mode CloudEvents headers, so non-Python consumers can route without parsing."""
    return {
        h.CE_ID: str(event.event_id),
        h.CE_TYPE: event.type,
        h.CE_SOURCE: f"/kinerja/{event.region}/{event.producer}",
        h.CE_SPECVERSION: h.CE_SPECVERSION_VALUE,
        h.CE_TIME: event.occurred_at.isoformat(),
        h.CONTENT_TYPE: h.JSON_CONTENT_TYPE,
    }


async def publish_record(broker: KafkaBroker, record: dict[str, Any]) -> None:
    """Publish one stored record and wait until the broker acknowledged it."""
    await broker.publish(
        record["body"].encode(),
        record["topic"],
        key=record["key"].encode(),
        headers=dict(record["headers"]),  # the broker adds trace headers in place
    )


def event_record(event: Event) -> dict[str, Any]:
    """The storable form of an event: everything needed to publish it later, as plain values."""
    return {
        "event_id": str(event.event_id),
        "topic": event.topic(),
        "key": event.key(),
        "body": event.to_json().decode(),
        "headers": cloudevents_headers(event),
    }


async def publish_event(broker: KafkaBroker, event: Event) -> None:
    """Publish directly, for producers with no state of their own (importers, demo loaders)."""
    await publish_record(broker, event_record(event))
