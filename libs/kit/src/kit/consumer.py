"""At-least-once, idempotent event handling with bounded retries and a dead-letter topic."""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeAlias, TypeVar

from aiokafka.errors import KafkaConnectionError
from aiokafka.structs import ConsumerRecord
from faststream import AckPolicy
from faststream.kafka import KafkaBroker, KafkaMessage
from opentelemetry import propagate, trace
from pydantic import ValidationError
from pymongo.errors import ConnectionFailure
from tenacity import (
    AsyncRetrying,
    retry_if_not_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from contracts import Event, dead_letter_topic
from kit.dead_letter import send_to_dead_letters
from kit.inbox import Inbox

E = TypeVar("E", bound=Event)
Handler = Callable[[E], Awaitable[None]]
Record: TypeAlias = ConsumerRecord  # bytes key and value

# The store or broker being away says nothing about the message: redeliver it, never park it.
INFRASTRUCTURE_ERRORS: tuple[type[BaseException], ...] = (ConnectionFailure, KafkaConnectionError)
# One commit per polled batch instead of per record: a synchronous commit costs milliseconds.
MAX_BATCH_RECORDS = 200
BATCH_WAIT_MS = 100
log = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)


class Consumers:
    """One consumer per service: a single subscriber over all its topics, dispatching by topic.

    One group member per process (not one per event type) keeps rebalances rare and fast. Each
    polled batch is handled record by record, in order, and committed once when all are done;
    an infrastructure error rewinds the batch and the inbox skips what was already handled.
    """

    def __init__(
        self,
        broker: KafkaBroker,
        inbox: Inbox,
        *,
        group: str,
        attempts: int,
        regions: frozenset[str] = frozenset(),
    ) -> None:
        self._broker = broker
        self._inbox = inbox
        self._group = group
        self._attempts = attempts
        self._regions = regions
        self._routes: dict[str, tuple[type[Event], Handler[Any], bool]] = {}

    @property
    def topics(self) -> set[str]:
        """Topics consumed, and the dead-letter topics they may need."""
        return set(self._routes) | {dead_letter_topic(topic, self._group) for topic in self._routes}

    def handle(
        self, event_class: type[E], handler: Handler[E], *, idempotent: bool = False
    ) -> None:
        """Deliver every valid, not yet processed ``event_class`` event to ``handler``.

        ``idempotent=True`` says the handler is safe to repeat by construction (e.g. "newest
        record wins"), so the inbox is skipped: two store round trips less per event.
        """
        self._routes[event_class.topic()] = (event_class, handler, idempotent)

    def attach(self) -> None:
        """Subscribe once, for all handled topics; call after every ``handle`` and before start."""
        if not self._routes:
            return

        async def on_batch(message: KafkaMessage) -> None:
            records: tuple[Record, ...] = message.raw_message
            processed: list[str] = []
            try:
                for record in records:
                    with self._span(record):
                        if (event_id := await self._process(record, processed)) is not None:
                            processed.append(event_id)
            finally:
                # One round trip per batch; flushed even when the batch is cut short.
                await self._inbox.mark_many(self._group, processed)

        on_batch.__name__ = f"{self._group}_events"
        self._broker.subscriber(
            *sorted(self._routes),
            group_id=self._group,
            auto_offset_reset="earliest",
            ack_policy=AckPolicy.NACK_ON_ERROR,
            batch=True,
            max_records=MAX_BATCH_RECORDS,
            batch_timeout_ms=BATCH_WAIT_MS,
        )(on_batch)

    @contextmanager
    def _span(self, record: Record) -> Iterator[None]:
        """A consumer span per record, continuing the trace the producer put in its headers."""
        carrier = {name: value.decode(errors="replace") for name, value in record.headers or ()}
        with tracer.start_as_current_span(
            f"{record.topic} process",
            context=propagate.extract(carrier),
            kind=trace.SpanKind.CONSUMER,
            attributes={
                "messaging.system": "kafka",
                "messaging.operation.type": "process",
                "messaging.destination.name": record.topic,
                "messaging.consumer.group.name": self._group,
                "messaging.kafka.offset": record.offset,
                "messaging.destination.partition.id": str(record.partition),
            },
        ):
            yield

    async def _process(self, record: Record, in_this_batch: list[str]) -> str | None:
        """Handle one record; return its event id when the handler succeeded (to be marked)."""
        event_class, handler, idempotent = self._routes[record.topic]
        try:
            event = event_class.from_json(record.value or b"")
        except ValidationError as error:
            await self._park(record, error, attempts=1)
            return None
        if self._regions and event.region not in self._regions:
            return None  # another region's stack owns it; nothing to store here
        event_id = str(event.event_id)
        if not idempotent and (
            event_id in in_this_batch or await self._inbox.seen(self._group, event_id)
        ):
            log.info("duplicate %s %s ignored by %s", event.type, event_id, self._group)
            return None
        if not await self._run(handler, event, record):
            return None  # parked, not marked: a replay from the dead-letter topic must run it again
        return None if idempotent else event_id

    async def _run(self, handler: Handler[Any], event: Event, record: Record) -> bool:
        """Run the handler with bounded retries; park the record and say False if it keeps failing."""
        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(self._attempts),
                wait=wait_exponential(multiplier=0.05, max=2),
                retry=retry_if_not_exception_type(INFRASTRUCTURE_ERRORS),
                reraise=True,
            ):
                with attempt:
                    await handler(event)
        except INFRASTRUCTURE_ERRORS:
            await asyncio.sleep(1)  # back off, then let the ack policy rewind the batch
            raise
        except Exception as error:  # noqa: BLE001 - any handler failure is retried, then parked
            log.warning("offset %s of %s failed: %s", record.offset, record.topic, error)
            await self._park(record, error, attempts=self._attempts)
            return False
        return True

    async def _park(self, record: Record, error: BaseException, *, attempts: int) -> None:
        topic = await send_to_dead_letters(
            self._broker, record, consumer=self._group, error=error, attempts=attempts
        )
        log.warning("message parked in %s: %s", topic, str(error)[:300])
