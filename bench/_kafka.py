"""Kafka plumbing shared by the benchmarks: producing, a bare consumer, offsets and groups.

Every call that talks to the broker is bounded, so a benchmark fails with a message instead of
hanging when Kafka is away or slow.
"""

import argparse
import asyncio
import importlib.metadata
import os
import random
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from types import TracebackType
from typing import Any, NamedTuple, Self

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.coordinator.protocol import ConsumerProtocolMemberMetadata
from aiokafka.structs import TopicPartition
from opentelemetry.sdk.trace.sampling import TraceIdRatioBased

from contracts import Event
from kit.publishing import cloudevents_headers

DEFAULT_BOOTSTRAP = "127.0.0.1:19092"
DEFAULT_MONGO = "127.0.0.1:27117"
SETUP_LIMIT_S = 60.0
"""Bound on one admin call, producer or consumer start/stop, so setup can never hang."""
PRODUCE_WINDOW = 10_000
"""Sends in flight before we wait for their acks: memory stays flat for a million events."""
PRODUCER_BATCH_BYTES = 256 * 1024


class BenchError(RuntimeError):
    """A step failed or did not finish in time; one line for the user instead of a hang."""


class Stopwatch:
    """Counts events and times first-to-last, so group join and fetch warm-up are not counted."""

    __slots__ = ("count", "done", "first", "last", "target")

    def __init__(self, target: int) -> None:
        """Expect ``target`` events; ``done`` is set when they have all been processed."""
        self.target = target
        self.count = 0
        self.first = 0.0
        self.last = 0.0
        self.done = asyncio.Event()

    def tick(self) -> None:
        """Record one processed event; the first starts the clock and the N-th stops it."""
        now = time.perf_counter()
        if self.count == 0:
            self.first = now
        self.count += 1
        if self.count == self.target:
            self.last = now
            self.done.set()

    @property
    def seconds(self) -> float:
        """Elapsed time between the first and the last processed event."""
        return self.last - self.first


class OutRecord(NamedTuple):
    """One Kafka record to produce, built ahead so producing times only the sends."""

    topic: str
    key: bytes
    value: bytes
    headers: tuple[tuple[str, bytes], ...] = ()


def traceparent(ratio: float) -> bytes:
    """The W3C trace context of a request traced at ``ratio`` (the sampled flag set as often).

    Our services publish from within a request's span, so their records carry one; the flag
    follows OpenTelemetry's trace-id ratio rule, as the gateway's sampler would set it.
    """
    trace_id = random.getrandbits(128) or 1
    sampled = trace_id & TraceIdRatioBased.TRACE_ID_LIMIT < TraceIdRatioBased.get_bound_for_rate(
        ratio
    )
    return f"00-{trace_id:032x}-{random.getrandbits(64) or 1:016x}-{int(sampled):02x}".encode()


def sampling_ratio() -> float:
    """The ratio the process's tracing samples at (``OTEL_TRACES_SAMPLER_ARG``, default all)."""
    return float(os.environ.get("OTEL_TRACES_SAMPLER_ARG", "1"))


def event_record(event: Event, topic: str | None = None, ratio: float = 1.0) -> OutRecord:
    """An event as our services publish it: JSON body, aggregate key, CloudEvents and trace."""
    headers = tuple((name, value.encode()) for name, value in cloudevents_headers(event).items())
    headers += (("traceparent", traceparent(ratio)),)
    return OutRecord(topic or event.topic(), event.key().encode(), event.to_json(), headers)


def fresh_name(prefix: str) -> str:
    """A name no earlier run used, for topics, groups, regions and databases."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def mongo_url(address: str) -> str:
    """Connection URL of the single-node dev store (no replica set discovery)."""
    return f"mongodb://{address}/?directConnection=true"


def versions_line() -> str:
    """Library versions, so numbers from different installs are not compared blindly."""
    return (
        f"faststream {importlib.metadata.version('faststream')}, "
        f"aiokafka {importlib.metadata.version('aiokafka')}, "
        f"python {sys.version.split()[0]}"
    )


def format_ratio(ratio: float) -> str:
    """Two decimals, but two significant digits below 0.1 so a tiny ratio doesn't read 0.00x."""
    return f"{ratio:.2f}x" if ratio >= 0.1 else f"{ratio:.2g}x"


def add_connection_arguments(parser: argparse.ArgumentParser) -> None:
    """``--bootstrap`` and ``--mongo``, defaulting to the local dev stack (``make infra-up``)."""
    parser.add_argument(
        "--bootstrap",
        default=os.environ.get("KINERJA_KAFKA_BOOTSTRAP", DEFAULT_BOOTSTRAP),
        help="Kafka bootstrap servers (env KINERJA_KAFKA_BOOTSTRAP, default %(default)s)",
    )
    parser.add_argument(
        "--mongo",
        default=os.environ.get("KINERJA_MONGO_ADDRESS", DEFAULT_MONGO),
        help="FerretDB/MongoDB host:port (env KINERJA_MONGO_ADDRESS, default %(default)s)",
    )


async def produce(
    bootstrap: str, records: Iterable[OutRecord], limit_s: float = SETUP_LIMIT_S
) -> tuple[int, float]:
    """Write the records with batched sends; return how many and the seconds the sends took."""
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, linger_ms=5, max_batch_size=PRODUCER_BATCH_BYTES
    )
    produced = 0
    try:
        async with asyncio.timeout(limit_s):
            await producer.start()
            started = time.perf_counter()
            pending: list[Any] = []
            for record in records:
                pending.append(
                    await producer.send(
                        record.topic,
                        value=record.value,
                        key=record.key,
                        headers=list(record.headers),
                    )
                )
                if len(pending) >= PRODUCE_WINDOW:
                    produced += len(await asyncio.gather(*pending))
                    pending.clear()
            produced += len(await asyncio.gather(*pending))
            return produced, time.perf_counter() - started
    except TimeoutError:
        raise BenchError(f"producing: only {produced} records within {limit_s:.0f}s") from None
    finally:
        await producer.stop()


async def consume_bare(
    bootstrap: str,
    topic: str,
    watch: Stopwatch,
    counts: Callable[[bytes], bool],
    *,
    name: str,
    limit_s: float,
    group_id: str | None = None,
) -> None:
    """The least a consumer can do: ``getmany``, ``counts`` each value, commit at the end.

    ``counts`` parses a value and says whether it is one of the events ``watch`` waits for.
    """
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=group_id or fresh_name("bench-aiokafka"),
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    try:
        async with asyncio.timeout(limit_s):
            await consumer.start()
            while watch.count < watch.target:
                batches = await consumer.getmany(timeout_ms=1000)
                for records in batches.values():
                    for record in records:
                        if counts(record.value):
                            watch.tick()
            await consumer.commit()
    except TimeoutError:
        raise BenchError(
            f"{name}: only {watch.count}/{watch.target} events within {limit_s:.0f}s"
        ) from None
    finally:
        await consumer.stop()


@asynccontextmanager
async def admin_client(bootstrap: str) -> AsyncIterator[AIOKafkaAdminClient]:
    """A started admin client, always closed."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    try:
        async with asyncio.timeout(SETUP_LIMIT_S):
            await admin.start()
        yield admin
    finally:
        await admin.close()


async def create_topic(bootstrap: str, topic: str, partitions: int) -> None:
    """A fresh topic per benchmark, so no earlier data or committed offsets leak into it."""
    async with admin_client(bootstrap) as admin, asyncio.timeout(SETUP_LIMIT_S):
        await admin.create_topics(
            [NewTopic(name=topic, num_partitions=partitions, replication_factor=1)]
        )


async def delete_topics(bootstrap: str, topics: list[str]) -> None:
    """Leave the broker as we found it, even when a run failed."""
    if not topics:
        return
    async with admin_client(bootstrap) as admin, asyncio.timeout(SETUP_LIMIT_S):
        await admin.delete_topics(topics)


async def commit_offsets(bootstrap: str, group: str, offsets: dict[TopicPartition, int]) -> None:
    """Set where a not yet running group starts, so it skips what earlier runs left behind."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False
    )
    try:
        async with asyncio.timeout(SETUP_LIMIT_S):
            await consumer.start()
            consumer.assign(list(offsets))
            await consumer.commit(dict(offsets))
    finally:
        await consumer.stop()


class Offsets:
    """Read-only views of topics and groups, to follow a consumer we do not control."""

    def __init__(self, bootstrap: str) -> None:
        """Clients are made here and started by ``async with``."""
        self._admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        self._consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)

    async def __aenter__(self) -> Self:
        """Start both clients."""
        async with asyncio.timeout(SETUP_LIMIT_S):
            await self._admin.start()
            await self._consumer.start()
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close both clients, even after a failed run."""
        await self._consumer.stop()
        await self._admin.close()

    async def topics(self) -> list[str]:
        """Every topic on the broker."""
        async with asyncio.timeout(SETUP_LIMIT_S):
            return list(await self._admin.list_topics())

    async def partitions(self, topics: Iterable[str]) -> list[TopicPartition]:
        """Every partition of the (existing) topics."""
        async with asyncio.timeout(SETUP_LIMIT_S):
            described = await self._admin.describe_topics(sorted(set(topics)))
        return sorted(
            TopicPartition(topic["topic"], partition["partition"])
            for topic in described
            for partition in topic["partitions"]
        )

    async def ends(self, partitions: list[TopicPartition]) -> dict[TopicPartition, int]:
        """The offset the next record of each partition will get."""
        async with asyncio.timeout(SETUP_LIMIT_S):
            return dict(await self._consumer.end_offsets(partitions))

    async def committed(self, group: str) -> dict[TopicPartition, int]:
        """What ``group`` has committed, per partition it ever committed on."""
        async with asyncio.timeout(SETUP_LIMIT_S):
            offsets = await self._admin.list_consumer_group_offsets(group)
        return {partition: meta.offset for partition, meta in offsets.items()}

    async def subscription(self, group: str) -> frozenset[str] | None:
        """Topics the group's members subscribe to; None while it has no stable member."""
        async with asyncio.timeout(SETUP_LIMIT_S):
            (response,) = await self._admin.describe_consumer_groups([group])
        group_state = response.groups[0]
        state, members = group_state[2], group_state[5]  # DescribeGroups v0-v2 field order
        if state != "Stable" or not members:
            return None
        return frozenset(
            topic
            for member in members
            for topic in ConsumerProtocolMemberMetadata.decode(member[3]).subscription
        )
