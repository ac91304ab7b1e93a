"""Consumer throughput: a FastStream Kafka subscriber vs a bare aiokafka consumer.

Both read the same freshly produced topic in the same process and run, and do the same work per
record (parse it into ``ProgressReported``). Numbers are printed, never asserted.

Run: ``.venv/bin/python bench/consumer_throughput.py --events 20000 --repeats 3``
"""

import argparse
import asyncio
import statistics
import sys
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiokafka.errors import KafkaError
from faststream import AckPolicy
from faststream.kafka import KafkaBroker, KafkaMessage
from pymongo import AsyncMongoClient

from contracts import ProgressReported
from kit.consumer import BATCH_WAIT_MS, MAX_BATCH_RECORDS, Consumers
from kit.inbox import Inbox

if not __package__:  # run as a file (python bench/x.py): make the `bench` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._kafka import (
    SETUP_LIMIT_S,
    BenchError,
    Stopwatch,
    add_connection_arguments,
    consume_bare,
    create_topic,
    delete_topics,
    event_record,
    format_ratio,
    fresh_name,
    mongo_url,
    produce,
    versions_line,
)

BASELINE = "aiokafka"
FASTSTREAM_DEFAULT = "faststream (default ack)"
FASTSTREAM_NACK = "faststream (NACK_ON_ERROR)"
FASTSTREAM_BATCH = "faststream batch (NACK_ON_ERROR)"
KIT_CONSUMER = "kit consumer (+inbox in store)"
VARIANTS: tuple[str, ...] = (
    BASELINE,
    FASTSTREAM_DEFAULT,
    FASTSTREAM_NACK,
    FASTSTREAM_BATCH,
    KIT_CONSUMER,
)


@dataclass(frozen=True)
class RunResult:
    """One timed consumption of the whole topic, kept to print the per-repeat table."""

    variant: str
    repeat: int
    events: int
    seconds: float

    @property
    def rate(self) -> float:
        """Events per second, the number being compared."""
        return self.events / self.seconds if self.seconds > 0 else float("inf")


def make_event(i: int) -> ProgressReported:
    """A realistic progress report, the most frequent event our consumers handle."""
    return ProgressReported(
        region="palangkaraya",
        producer="bench",
        progress_id=f"p{i}",
        skp_id="s1",
        nip=f"{i:018d}",
        year=2026,
        period="2026-11",
        rhk_id="r1",
        iki_id="i1",
        realisation=90.0,
        achievement_pct=90.0,
    )


async def produce_events(bootstrap: str, topic: str, events: int) -> float:
    """Write the events once with batched sends; every run then reads the same records."""
    records = [event_record(make_event(i), topic) for i in range(events)]
    _, seconds = await produce(bootstrap, records)
    return seconds


def parses(value: bytes) -> bool:
    """The baseline's work per record: parse it like every other variant does."""
    ProgressReported.from_json(value)
    return True


async def run_aiokafka(bootstrap: str, topic: str, events: int, limit_s: float) -> float:
    """Baseline, the least a consumer can do: ``getmany``, parse each value, commit at the end."""
    watch = Stopwatch(events)
    await consume_bare(bootstrap, topic, watch, parses, name=BASELINE, limit_s=limit_s)
    return watch.seconds


async def run_faststream(
    bootstrap: str, topic: str, events: int, limit_s: float, ack_policy: AckPolicy | None
) -> float:
    """FastStream subscriber whose handler gets the body parsed into ``ProgressReported``."""
    name = FASTSTREAM_DEFAULT if ack_policy is None else FASTSTREAM_NACK
    watch = Stopwatch(events)
    # logger=None: no "Received"/"Processed" line per message, which would dominate the timing.
    broker = KafkaBroker(bootstrap, logger=None)
    group_id = fresh_name("bench-faststream")
    if ack_policy is None:  # truly the default: let FastStream pick the policy
        subscriber = broker.subscriber(topic, group_id=group_id, auto_offset_reset="earliest")
    else:
        subscriber = broker.subscriber(
            topic, group_id=group_id, auto_offset_reset="earliest", ack_policy=ack_policy
        )

    @subscriber
    async def handle(event: ProgressReported) -> None:
        """Count only: parsing and validation already happened in FastStream, like in services."""
        watch.tick()

    return await _consume(broker, watch, name, limit_s)


async def _consume(broker: KafkaBroker, watch: "Stopwatch", name: str, limit_s: float) -> float:
    """Start the broker, wait until every event was counted, always stop it."""
    try:
        async with asyncio.timeout(SETUP_LIMIT_S):
            await broker.start()
        try:
            await asyncio.wait_for(watch.done.wait(), timeout=limit_s)
        except TimeoutError:
            raise BenchError(
                f"{name}: only {watch.count}/{watch.target} events within {limit_s:.0f}s"
            ) from None
    finally:
        async with asyncio.timeout(SETUP_LIMIT_S):
            await broker.stop()
    return watch.seconds


def _topic_event(topic: str) -> type[ProgressReported]:
    """``ProgressReported`` as read from the bench's own topic, for kit's topic routing."""

    class BenchProgress(ProgressReported):
        @classmethod
        def topic(cls) -> str:
            return topic

    return BenchProgress


async def run_faststream_batch(bootstrap: str, topic: str, events: int, limit_s: float) -> float:
    """FastStream batch subscriber with the settings kit uses: one commit per polled batch."""
    watch = Stopwatch(events)
    broker = KafkaBroker(bootstrap, logger=None)

    @broker.subscriber(
        topic,
        group_id=fresh_name("bench-batch"),
        auto_offset_reset="earliest",
        ack_policy=AckPolicy.NACK_ON_ERROR,
        batch=True,
        max_records=MAX_BATCH_RECORDS,
        batch_timeout_ms=BATCH_WAIT_MS,
    )
    async def handle(message: KafkaMessage) -> None:
        """Parse each raw record like kit does (bodies arrive JSON-decoded otherwise)."""
        for record in message.raw_message:
            ProgressReported.from_json(record.value)
            watch.tick()

    return await _consume(broker, watch, FASTSTREAM_BATCH, limit_s)


async def run_kit(bootstrap: str, mongo: str, topic: str, events: int, limit_s: float) -> float:
    """Our services' real path: kit.consumer.Consumers with its inbox in the store."""
    watch = Stopwatch(events)
    broker = KafkaBroker(bootstrap, logger=None)
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_url(mongo))
    database = fresh_name("bench").replace("-", "_")
    consumers = Consumers(
        broker, Inbox(client[database]), group=f"bench-kit-{database}", attempts=1
    )

    async def handle(event: ProgressReported) -> None:
        watch.tick()

    consumers.handle(_topic_event(topic), handle)
    consumers.attach()
    try:
        return await _consume(broker, watch, KIT_CONSUMER, limit_s)
    finally:
        await client.drop_database(database)
        await client.close()


def runners(args: argparse.Namespace, topic: str) -> dict[str, Callable[[], Awaitable[float]]]:
    """One zero-argument coroutine factory per variant, so the run order is easy to rotate."""
    bootstrap, events, limit_s = args.bootstrap, args.events, args.timeout
    return {
        BASELINE: lambda: run_aiokafka(bootstrap, topic, events, limit_s),
        FASTSTREAM_DEFAULT: lambda: run_faststream(bootstrap, topic, events, limit_s, None),
        FASTSTREAM_NACK: lambda: run_faststream(
            bootstrap, topic, events, limit_s, AckPolicy.NACK_ON_ERROR
        ),
        FASTSTREAM_BATCH: lambda: run_faststream_batch(bootstrap, topic, events, limit_s),
        KIT_CONSUMER: lambda: run_kit(bootstrap, args.mongo, topic, events, limit_s),
    }


def selected_variants(args: argparse.Namespace) -> tuple[str, ...]:
    """Every variant, but the per-message-commit one only on request (minutes per run)."""
    return tuple(v for v in VARIANTS if v != FASTSTREAM_NACK or args.per_message_commit)


def run_order(variants: tuple[str, ...], repeat: int) -> list[str]:
    """Rotate the variants each repeat so no variant always runs first (cold) or last."""
    shift = repeat % len(variants)
    return list(variants[shift:] + variants[:shift])


def print_table(results: list[RunResult], repeats: int) -> None:
    """Per-run seconds and rate, then medians and the ratio to the aiokafka median."""
    variants = [v for v in VARIANTS if any(r.variant == v for r in results)]
    width = max(len(v) for v in variants)
    print()
    print(f"{'variant':<{width}}  {'run':>3}  {'events':>7}  {'seconds':>8}  {'events/s':>10}")
    print("-" * (width + 36))
    for variant in variants:
        for result in sorted((r for r in results if r.variant == variant), key=lambda r: r.repeat):
            print(
                f"{variant:<{width}}  {result.repeat:>3}  {result.events:>7}  "
                f"{result.seconds:>8.3f}  {result.rate:>10.0f}"
            )
    medians = {
        variant: statistics.median(r.rate for r in results if r.variant == variant)
        for variant in variants
    }
    print()
    print(f"median of {repeats} run(s)")
    print(f"{'variant':<{width}}  {'events/s':>10}  ratio")
    print("-" * (width + 40))
    baseline = medians[BASELINE]
    for variant in variants:
        ratio = medians[variant] / baseline
        text = "baseline" if variant == BASELINE else f"faststream/aiokafka = {format_ratio(ratio)}"
        print(f"{variant:<{width}}  {medians[variant]:>10.0f}  {text}")


async def bench(args: argparse.Namespace) -> list[RunResult]:
    """Create and fill the topic, run every variant ``repeats`` times, always delete the topic."""
    topic = f"bench.progress.{uuid.uuid4().hex[:12]}"
    print(versions_line())
    print(f"bootstrap {args.bootstrap}, topic {topic}, {args.partitions} partition(s)")
    results: list[RunResult] = []
    created = False
    try:
        await create_topic(args.bootstrap, topic, args.partitions)
        created = True
        print(f"producing {args.events} events...")
        produced_s = await produce_events(args.bootstrap, topic, args.events)
        print(f"produced {args.events} events in {produced_s:.2f}s")
        run = runners(args, topic)
        for repeat in range(1, args.repeats + 1):
            for variant in run_order(selected_variants(args), repeat - 1):
                seconds = await run[variant]()
                result = RunResult(variant, repeat, args.events, seconds)
                results.append(result)
                print(f"run {repeat}/{args.repeats} {variant}: {result.rate:.0f} ev/s")
    finally:
        if created:
            await delete_topics(args.bootstrap, [topic])
            print(f"deleted topic {topic}")
    return results


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command line, with the broker address defaulting to the local dev stack."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    add_connection_arguments(parser)
    parser.add_argument(
        "--per-message-commit",
        action="store_true",
        help=f"also run '{FASTSTREAM_NACK}': a commit per message, ~8 ms each here (slow)",
    )
    parser.add_argument(
        "--events", type=int, default=20000, help="events per run (default %(default)s)"
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="runs per variant; the median is reported (default %(default)s)",
    )
    parser.add_argument(
        "--partitions",
        type=int,
        default=3,
        help="partitions of the fresh topic (default %(default)s)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        help="seconds allowed for one consumption (default %(default)s; NACK_ON_ERROR commits "
        "every message, ~8 ms each, so 20000 events take ~160 s)",
    )
    args = parser.parse_args(argv)
    for name in ("events", "repeats", "partitions"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; a timeout or Kafka error exits 1 with one line."""
    args = parse_args(argv)
    try:
        results = asyncio.run(bench(args))
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KafkaError as error:
        print(f"error: Kafka at {args.bootstrap}: {error}", file=sys.stderr)
        return 1
    print_table(results, args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
