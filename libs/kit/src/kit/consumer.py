"""At-least-once, idempotent event handling with bounded retries and a dead-letter topic."""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple, TypeAlias, TypeVar

from aiokafka.errors import KafkaConnectionError
from aiokafka.structs import ConsumerRecord, TopicPartition
from faststream import AckPolicy
from faststream.kafka import KafkaBroker, KafkaMessage
from opentelemetry import propagate, trace
from pydantic import ValidationError
from pymongo.errors import ConnectionFailure, InvalidOperation
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


class Delivered(NamedTuple):
    """A valid event of a polled batch with the topic and bytes it arrived as (kept verbatim)."""

    event: Event
    topic: str
    body: bytes


BatchHandler = Callable[[Sequence[Delivered]], Awaitable[None]]

# The store or broker being away (or closed by a shutdown mid-batch) says nothing about the
# message: redeliver it, never park it.
INFRASTRUCTURE_ERRORS: tuple[type[BaseException], ...] = (
    ConnectionFailure,
    InvalidOperation,
    KafkaConnectionError,
)
# One commit per polled batch instead of per record: a synchronous commit costs milliseconds.
MAX_BATCH_RECORDS = 200
BATCH_WAIT_MS = 100
log = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)
TRACEPARENT = "traceparent"


def unsampled(record: Record) -> bool:
    """Whether the producer's W3C trace context says its trace is not recorded.

    A parent-based sampler (the default and production's) would drop the consumer's span, so
    batch consumers skip creating it: about 20 µs a record at thousands of records a second.
    """
    for name, value in record.headers or ():
        if name == TRACEPARENT:
            try:
                return not int(value[-2:], 16) & 1  # version-trace-parent-flags; bit 0: sampled
            except ValueError:
                return False  # malformed: let OpenTelemetry decide, as for any other record
    return False


def _behind(consumer: Any, records: Sequence[Record]) -> int:
    """Records after this batch up to each partition's high watermark, as last fetched.

    FastStream's consumer protocol has no high watermarks (its test consumer knows none): 0.
    """
    if not hasattr(consumer, "highwater"):
        return 0
    last: dict[TopicPartition, int] = {}
    for record in records:
        last[TopicPartition(record.topic, record.partition)] = record.offset
    highs = ((consumer.highwater(tp), offset) for tp, offset in last.items())
    return sum(max(0, high - offset - 1) for high, offset in highs if high is not None)


async def _undecoded(message: KafkaMessage) -> None:
    """FastStream would parse every record's JSON for nothing: ``on_batch`` reads raw records."""
    return None


async def _first_headers_only(
    records: tuple[Record, ...], parse: Callable[[tuple[Record, ...]], Awaitable[KafkaMessage]]
) -> KafkaMessage:
    """FastStream's batch message with only the first record's headers decoded.

    Its parser decodes every record's headers and its tracing middleware extracts baggage from
    each, about a tenth of a busy consumer's time; ``on_batch`` reads the raw records anyway.
    """
    message = await parse(records[:1])
    message.raw_message = records
    return message


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
        max_records: int = MAX_BATCH_RECORDS,
    ) -> None:
        self._broker = broker
        self._inbox = inbox
        self._group = group
        self._attempts = attempts
        self._regions = regions
        self._max_records = max_records
        self._routes: dict[str, tuple[type[Event], Handler[Any], bool]] = {}
        self._batch_routes: dict[str, type[Event]] = {}
        self._batch_handler: BatchHandler | None = None
        self.behind = 0
        """Records known to wait on the partitions of the last polled batch (0: caught up)."""

    @property
    def topics(self) -> set[str]:
        """Topics consumed, and the dead-letter topics they may need."""
        consumed = set(self._routes) | set(self._batch_routes)
        return consumed | {dead_letter_topic(topic, self._group) for topic in consumed}

    def handle_batch(self, event_classes: Iterable[type[Event]], handler: BatchHandler) -> None:
        """Deliver the valid events of these types in each polled batch to ``handler`` at once.

        Each comes with the topic and bytes it arrived as, to be stored without re-encoding. For
        consumers that fold many events into state and write once per batch. The handler
        must be idempotent by construction (no inbox is consulted). A batch that keeps failing
        is split in halves until the failing events are isolated and parked.
        """
        self._batch_routes.update(
            {event_class.topic(): event_class for event_class in event_classes}
        )
        self._batch_handler = handler

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
        if not self._routes and not self._batch_routes:
            return

        async def on_batch(message: KafkaMessage) -> None:
            records: tuple[Record, ...] = message.raw_message
            self.behind = _behind(message.consumer, records)
            processed: list[str] = []
            batched: list[tuple[Delivered, Record]] = []
            try:
                for record in records:
                    if record.topic in self._batch_routes:
                        if (event := await self._decode(record)) is not None:
                            delivered = Delivered(event, record.topic, record.value or b"")
                            batched.append((delivered, record))
                        continue
                    with self._span(record):
                        if (event_id := await self._process(record, processed)) is not None:
                            processed.append(event_id)
                if batched:
                    await self._process_batch(batched)
            finally:
                # One round trip per batch; flushed even when the batch is cut short.
                await self._inbox.mark_many(self._group, processed)

        on_batch.__name__ = f"{self._group}_events"
        self._broker.subscriber(
            *sorted(set(self._routes) | set(self._batch_routes)),
            group_id=self._group,
            auto_offset_reset="earliest",
            ack_policy=AckPolicy.NACK_ON_ERROR,
            batch=True,
            max_records=self._max_records,
            batch_timeout_ms=BATCH_WAIT_MS,
            parser=_first_headers_only,
            decoder=_undecoded,
        )(on_batch)

    def _start_span(self, record: Record) -> trace.Span:
        """A consumer span per record, continuing the trace the producer put in its headers."""
        carrier = {name: value.decode(errors="replace") for name, value in record.headers or ()}
        return tracer.start_span(
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
        )

    @contextmanager
    def _span(self, record: Record) -> Iterator[None]:
        """The record's span as the current one while its handler runs."""
        with trace.use_span(self._start_span(record), end_on_exit=True):
            yield

    async def _decode(self, record: Record) -> Event | None:
        """The record's event, or None when it is parked (invalid) or another region's."""
        event_class = self._batch_routes.get(record.topic) or self._routes[record.topic][0]
        try:
            event = event_class.from_json(record.value or b"")
        except ValidationError as error:
            await self._park(record, error, attempts=1)
            return None
        if self._regions and event.region not in self._regions:
            return None  # another region's stack owns it; nothing to store here
        return event

    async def _process_batch(self, items: Sequence[tuple[Delivered, Record]]) -> None:
        """Run the batch handler over all items; spans (of sampled traces) end with the batch."""
        spans = [self._start_span(record) for _, record in items if not unsampled(record)]
        try:
            await self._run_split(items)
        finally:
            for span in spans:
                span.end()

    async def _run_split(self, items: Sequence[tuple[Delivered, Record]]) -> None:
        """Retry the whole batch; if it still fails, halve it until the poison is isolated."""
        assert self._batch_handler is not None
        try:
            await self._retrying(self._batch_handler, [delivered for delivered, _ in items])
        except INFRASTRUCTURE_ERRORS:
            raise
        except Exception as error:  # noqa: BLE001 - any handler failure is retried, then split
            if len(items) == 1:
                log.warning("batch event %s failed: %s", items[0][0].event.event_id, error)
                await self._park(items[0][1], error, attempts=self._attempts)
                return
            middle = len(items) // 2
            await self._run_split(items[:middle])
            await self._run_split(items[middle:])

    async def _retrying(self, handler: Callable[[Any], Awaitable[None]], argument: Any) -> None:
        """Bounded retries with backoff; infrastructure errors back off and rewind the batch."""
        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(self._attempts),
                wait=wait_exponential(multiplier=0.05, max=2),
                retry=retry_if_not_exception_type(INFRASTRUCTURE_ERRORS),
                reraise=True,
            ):
                with attempt:
                    await handler(argument)
        except INFRASTRUCTURE_ERRORS:
            await asyncio.sleep(1)  # back off, then let the ack policy rewind the batch
            raise

    async def _process(self, record: Record, in_this_batch: list[str]) -> str | None:
        """Handle one record; return its event id when the handler succeeded (to be marked)."""
        _, handler, idempotent = self._routes[record.topic]
        event = await self._decode(record)
        if event is None:
            return None
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
            await self._retrying(handler, event)
        except INFRASTRUCTURE_ERRORS:
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
