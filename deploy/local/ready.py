"""Readiness probe for local infrastructure: a real request, not just an open port."""

import argparse
import asyncio
import sys
import time

from aiokafka.admin import AIOKafkaAdminClient
from pymongo import MongoClient


async def _kafka_ready(address: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=address, request_timeout_ms=5000)
    await admin.start()
    try:
        await admin.describe_cluster()
    finally:
        await admin.close()


def _mongo_ready(address: str) -> None:
    client: MongoClient[dict[str, object]] = MongoClient(
        f"mongodb://{address}/?directConnection=true", serverSelectionTimeoutMS=3000
    )
    try:
        client.admin.command("ping")
        client["kinerja_ready"]["probe"].replace_one({"_id": 1}, {"_id": 1}, upsert=True)
    finally:
        client.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("kind", choices=["kafka", "mongo"])
    parser.add_argument("address")
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    deadline = time.monotonic() + args.seconds
    error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            if args.kind == "kafka":
                asyncio.run(_kafka_ready(args.address))
            else:
                _mongo_ready(args.address)
            return 0
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready yet"
            error = exc
            time.sleep(0.5)
    print(f"{args.kind} at {args.address} not ready: {error}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
