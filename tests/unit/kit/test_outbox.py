"""Outbox records: queued in the same update as the state change, published as stored."""

import json

from aiokafka import ConsumerRecord
from faststream.kafka import KafkaBroker, TestKafkaBroker
from faststream.kafka.annotations import KafkaMessage
from opentelemetry.sdk.trace import TracerProvider

from contracts import ProgressReported
from contracts import headers as h
from kit.outbox import OUTBOX_FIELD, outbox_records, with_outbox
from kit.publishing import event_record, publish_record
from tests import factories


def test_update_without_events_is_left_alone() -> None:
    update = {"$set": {"status": "approved"}}

    assert with_outbox(update) is update


def test_events_are_pushed_in_the_same_update_as_the_change() -> None:
    first, second = factories.progress(factories.nip(), 10), factories.progress(factories.nip(), 20)
    update = {"$set": {"status": "approved"}, "$push": {"history": {"action": "approved"}}}

    combined = with_outbox(update, first, second)

    assert combined["$set"] == {"status": "approved"}
    assert combined["$push"]["history"] == {"action": "approved"}
    queued = combined["$push"][OUTBOX_FIELD]["$each"]
    assert [record["event_id"] for record in queued] == [str(first.event_id), str(second.event_id)]
    assert update["$push"] == {"history": {"action": "approved"}}  # caller's dict untouched


def test_record_holds_everything_needed_to_publish_later() -> None:
    event = factories.progress(factories.nip(), 75)

    record = event_record(event)

    assert (record["topic"], record["key"]) == (ProgressReported.topic(), event.nip)
    assert ProgressReported.from_json(record["body"]) == event
    assert record["headers"][h.CE_ID] == str(event.event_id)
    assert record["headers"][h.CE_TYPE] == "progress.reported"
    assert record["headers"][h.CE_SOURCE] == f"/kinerja/{event.region}/tests"
    assert record["headers"][h.CONTENT_TYPE] == "application/json"
    json.dumps(record)  # plain values only: storable as a document


def test_record_remembers_the_trace_that_queued_it() -> None:
    tracer = TracerProvider().get_tracer("tests")
    with tracer.start_as_current_span("request") as span:
        [record] = outbox_records(factories.progress(factories.nip(), 75))

    trace_id = format(span.get_span_context().trace_id, "032x")
    assert trace_id in record["trace"]["traceparent"]


async def test_stored_record_is_published_with_its_key_and_headers() -> None:
    broker = KafkaBroker()
    received: list[KafkaMessage] = []

    @broker.subscriber(ProgressReported.topic())
    async def consume(message: KafkaMessage) -> None:
        received.append(message)

    event = factories.progress(factories.nip(), 75)
    async with TestKafkaBroker(broker):
        await publish_record(broker, event_record(event))

    [message] = received
    assert ProgressReported.from_json(message.body) == event
    record = message.raw_message
    assert isinstance(record, ConsumerRecord)
    assert record.key == event.nip.encode()
    assert message.headers[h.CE_ID] == str(event.event_id)
