"""Consumers wiring on FastStream's in-memory Kafka: idempotence, retries and dead letters."""

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, cast

import pytest
from aiokafka import ConsumerRecord
from faststream.kafka import KafkaBroker, TestKafkaBroker
from faststream.kafka.annotations import KafkaMessage
from pymongo.errors import ConnectionFailure

from contracts import AssessmentSubmitted, EmployeeUpserted, ProgressReported, dead_letter_topic
from contracts import headers as h
from kit.consumer import Consumers
from kit.inbox import Inbox
from tests import factories

GROUP = "unit-tests"
TOPIC = ProgressReported.topic()
DLT = dead_letter_topic(TOPIC, GROUP)
ATTEMPTS = 3


class MemoryInbox:
    """The inbox contract (``seen``/``mark_many``) backed by a set."""

    def __init__(self) -> None:
        self.processed: set[tuple[str, str]] = set()

    async def seen(self, consumer: str, event_id: str) -> bool:
        return (consumer, event_id) in self.processed

    async def mark_many(self, consumer: str, event_ids: list[str]) -> None:
        self.processed |= {(consumer, event_id) for event_id in event_ids}


@dataclass
class Wiring:
    broker: KafkaBroker
    inbox: MemoryInbox
    handled: list[ProgressReported] = field(default_factory=list)
    assessments: list[AssessmentSubmitted] = field(default_factory=list)
    parked: list[KafkaMessage] = field(default_factory=list)

    async def publish(self, body: bytes, key: bytes = b"key", topic: str = TOPIC) -> None:
        await self.broker.publish(body, topic, key=key)


Behaviour = Callable[[ProgressReported, int], Awaitable[None]]


async def succeed(event: ProgressReported, call: int) -> None:
    return None


@pytest.fixture
def behaviour() -> Behaviour:
    return succeed


@pytest.fixture
async def wiring(behaviour: Behaviour) -> AsyncIterator[Wiring]:
    broker = KafkaBroker()
    state = Wiring(broker, MemoryInbox())

    async def handler(event: ProgressReported) -> None:
        state.handled.append(event)
        await behaviour(event, len(state.handled))

    async def assessment_handler(event: AssessmentSubmitted) -> None:
        state.assessments.append(event)

    consumers = Consumers(broker, cast(Inbox, state.inbox), group=GROUP, attempts=ATTEMPTS)
    consumers.handle(ProgressReported, handler)
    consumers.handle(AssessmentSubmitted, assessment_handler)
    consumers.attach()  # before the (test) broker starts

    @broker.subscriber(DLT)
    async def on_dead_letter(message: KafkaMessage) -> None:
        state.parked.append(message)

    async with TestKafkaBroker(broker):
        yield state


def event() -> ProgressReported:
    return factories.progress(factories.nip(), 90)


async def test_valid_event_reaches_the_handler_once_and_is_marked(wiring: Wiring) -> None:
    sent = event()

    await wiring.publish(sent.to_json())

    assert wiring.handled == [sent]
    assert wiring.inbox.processed == {(GROUP, str(sent.event_id))}
    assert wiring.parked == []


async def test_each_topic_is_dispatched_to_its_own_handler(wiring: Wiring) -> None:
    rating, report = factories.assessment(factories.nip()), event()

    await wiring.publish(rating.to_json(), topic=AssessmentSubmitted.topic())
    await wiring.publish(report.to_json())

    assert wiring.assessments == [rating]
    assert wiring.handled == [report]
    assert len(wiring.inbox.processed) == 2


async def test_redelivered_event_is_ignored(wiring: Wiring) -> None:
    sent = event()

    await wiring.publish(sent.to_json())
    await wiring.publish(sent.to_json())

    assert wiring.handled == [sent]


async def test_invalid_body_is_parked_without_calling_the_handler(wiring: Wiring) -> None:
    await wiring.publish(b'{"type": "progress.reported", "nip": "123"}', key=b"k-1")

    assert wiring.handled == []
    assert wiring.inbox.processed == set()
    [message] = wiring.parked
    assert message.body == b'{"type": "progress.reported", "nip": "123"}'
    record = message.raw_message
    assert isinstance(record, ConsumerRecord)  # the test broker builds real aiokafka records
    assert record.key == b"k-1"
    assert message.headers[h.DLT_ERROR_TYPE] == "ValidationError"
    assert message.headers[h.DLT_ORIGINAL_TOPIC] == TOPIC
    assert message.headers[h.DLT_CONSUMER] == GROUP
    assert message.headers[h.DLT_ATTEMPTS] == "1"


async def test_body_that_is_not_json_is_parked(wiring: Wiring) -> None:
    await wiring.publish(b"\x00garbage")

    assert wiring.handled == []
    assert [message.body for message in wiring.parked] == [b"\x00garbage"]


async def always_fail(event: ProgressReported, call: int) -> None:
    raise RuntimeError(f"boom {call}")


@pytest.mark.parametrize("behaviour", [always_fail])
async def test_failing_handler_is_retried_then_parked_unmarked(wiring: Wiring) -> None:
    sent = event()

    await wiring.publish(sent.to_json())

    assert len(wiring.handled) == ATTEMPTS
    assert wiring.inbox.processed == set()
    [message] = wiring.parked
    assert message.body == sent.to_json()
    assert message.headers[h.DLT_ERROR] == f"boom {ATTEMPTS}"
    assert message.headers[h.DLT_ERROR_TYPE] == "RuntimeError"
    assert message.headers[h.DLT_ATTEMPTS] == str(ATTEMPTS)
    assert message.headers[h.DLT_ORIGINAL_OFFSET] == "0"


async def fail_once(event: ProgressReported, call: int) -> None:
    if call == 1:
        raise RuntimeError("transient")


@pytest.mark.parametrize("behaviour", [fail_once])
async def test_handler_that_recovers_is_marked_and_not_parked(wiring: Wiring) -> None:
    sent = event()

    await wiring.publish(sent.to_json())

    assert len(wiring.handled) == 2
    assert wiring.inbox.processed == {(GROUP, str(sent.event_id))}
    assert wiring.parked == []


async def store_down(event: ProgressReported, call: int) -> None:
    raise ConnectionFailure("store is away")


@pytest.mark.parametrize("behaviour", [store_down])
async def test_store_outage_is_redelivered_not_parked(wiring: Wiring) -> None:
    with pytest.raises(ConnectionFailure):
        await wiring.publish(event().to_json())

    assert len(wiring.handled) == 1
    assert wiring.parked == []
    assert wiring.inbox.processed == set()


def test_consumers_remember_the_topics_they_need() -> None:
    inbox: Any = MemoryInbox()
    consumers = Consumers(KafkaBroker(), inbox, group=GROUP, attempts=ATTEMPTS)

    consumers.handle(ProgressReported, noop)
    consumers.handle(AssessmentSubmitted, noop)

    assert consumers.topics == {
        TOPIC,
        DLT,
        AssessmentSubmitted.topic(),
        dead_letter_topic(AssessmentSubmitted.topic(), GROUP),
    }


async def noop(event: Any) -> None:
    return None


async def test_an_idempotent_handler_skips_the_inbox_entirely() -> None:
    broker, inbox = KafkaBroker(), MemoryInbox()
    seen: list[EmployeeUpserted] = []

    async def project(event: EmployeeUpserted) -> None:
        seen.append(event)

    consumers = Consumers(broker, cast(Inbox, inbox), group=GROUP, attempts=ATTEMPTS)
    consumers.handle(EmployeeUpserted, project, idempotent=True)
    consumers.attach()
    record = factories.employee(factories.nip())
    async with TestKafkaBroker(broker):
        await broker.publish(record.to_json(), EmployeeUpserted.topic(), key=b"k")
        await broker.publish(record.to_json(), EmployeeUpserted.topic(), key=b"k")

    assert seen == [record, record]  # repeated on purpose: the handler is safe to repeat
    assert inbox.processed == set()
