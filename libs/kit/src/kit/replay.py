"""Replay a dead-letter topic into the topic it came from (``python -m kit.replay``).

Each parked record is published again to its original topic (``kinerja_dlt_original_topic``)
with its original key, bytes and headers; the ``kinerja_dlt_*`` error headers are dropped.
Progress is committed in the consumer group ``<dlt topic>.replay``, so a second run replays only
what was parked since. Delivery is at-least-once, and every consumer group of the original topic
sees the record again: their inboxes (event ids) and idempotent projections make that harmless.

Runs in any service pod (the images have kit), e.g.::

    kubectl exec deploy/scoring -- sh -c \
      'python -m kit.replay --bootstrap "$SCORING_KAFKA_BOOTSTRAP" skp.approved.v1.dlt.scoring'
"""

import argparse
import asyncio
import sys
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from contracts import headers as h

DLT_HEADER_PREFIX = "kinerja_dlt_"
DLT_MARKER = ".dlt."


def original_topic(dlt_topic: str, headers: dict[str, bytes]) -> str:
    """The topic a parked record came from: its header, else the dead-letter topic's name."""
    if value := headers.get(h.DLT_ORIGINAL_TOPIC):
        return value.decode()
    if DLT_MARKER not in dlt_topic:
        raise ValueError(f"{dlt_topic!r} is not a dead-letter topic (<topic>.dlt.<group>)")
    return dlt_topic.rsplit(DLT_MARKER, 1)[0]


def replay_headers(headers: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The original headers: everything but the dead-letter details, order kept."""
    return [(name, value) for name, value in headers if not name.startswith(DLT_HEADER_PREFIX)]


@dataclass
class ReplayReport:
    """What a run did: records replayed per original topic."""

    replayed: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Records replayed in all."""
        return sum(self.replayed.values())


async def replay(
    bootstrap: str, dlt_topic: str, *, dry_run: bool = False, limit: int | None = None
) -> ReplayReport:
    """Republish what was parked in ``dlt_topic`` up to its end at start; commit as we go."""
    report = ReplayReport()
    group = f"{dlt_topic}.replay"
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True, acks="all")
    await consumer.start()
    await producer.start()
    try:
        if dlt_topic not in await consumer.topics():
            raise ValueError(f"topic {dlt_topic!r} does not exist")
        partitions = sorted(await producer.partitions_for(dlt_topic))  # waits for metadata
        assigned = [TopicPartition(dlt_topic, p) for p in partitions]
        consumer.assign(assigned)
        ends = await consumer.end_offsets(assigned)
        for tp in assigned:
            committed = await consumer.committed(tp)
            if committed is None:
                await consumer.seek_to_beginning(tp)
            else:
                consumer.seek(tp, committed)
        pending = {tp for tp in assigned if await consumer.position(tp) < ends[tp]}
        while pending and (limit is None or report.total < limit):
            batches = await consumer.getmany(*pending, timeout_ms=1000)
            for tp, records in batches.items():
                for record in records:
                    if limit is not None and report.total >= limit:
                        break
                    raw_headers = [(k, bytes(v)) for k, v in record.headers or ()]
                    target = original_topic(dlt_topic, dict(raw_headers))
                    if not dry_run:
                        await producer.send_and_wait(
                            target,
                            record.value,
                            key=record.key,
                            headers=replay_headers(raw_headers),
                        )
                        await consumer.commit({tp: record.offset + 1})
                    report.replayed[target] = report.replayed.get(target, 0) + 1
            pending = {tp for tp in pending if await consumer.position(tp) < ends[tp]}
    finally:
        await producer.stop()
        await consumer.stop()
    return report


def main(argv: list[str] | None = None) -> int:
    """Console entry point: replay one dead-letter topic and print what was replayed."""
    parser = argparse.ArgumentParser(prog="python -m kit.replay", description=__doc__)
    parser.add_argument("dlt_topic", help="<topic>.dlt.<group>")
    parser.add_argument("--bootstrap", required=True, help="Kafka bootstrap servers")
    parser.add_argument("--dry-run", action="store_true", help="count only, publish nothing")
    parser.add_argument("--limit", type=int, default=None, help="replay at most this many")
    args = parser.parse_args(argv)
    try:
        report = asyncio.run(
            replay(args.bootstrap, args.dlt_topic, dry_run=args.dry_run, limit=args.limit)
        )
    except ValueError as error:
        print(f"replay: {error}", file=sys.stderr)
        return 2
    verb = "would replay" if args.dry_run else "replayed"
    for topic, count in sorted(report.replayed.items()):
        print(f"{verb} {count} record(s) from {args.dlt_topic} to {topic}")
    print(f"{verb} {report.total} record(s) in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
