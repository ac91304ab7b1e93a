"""Transactional outbox inside the changed document itself (single-document atomicity).

A repository writes the state change and ``$push``-es the event record onto the same
document's ``outbox`` array in one update. The relay publishes each pending record, waits
for the broker's acknowledgement, then ``$pull``-s exactly that record. A crash between
publish and pull republishes it: delivery is at-least-once and consumers are idempotent.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

from faststream.kafka import KafkaBroker
from opentelemetry import context, propagate
from pymongo.asynchronous.database import AsyncDatabase

from contracts import Event
from kit.mongo import Document
from kit.publishing import event_record, publish_record
from kit.telemetry import current_trace_headers

OUTBOX_FIELD = "outbox"
T = TypeVar("T")
log = logging.getLogger(__name__)


def outbox_records(*events: Event) -> list[dict[str, Any]]:
    """Storable records of ``events``, each remembering the trace that produced it."""
    return [event_record(event) | {"trace": current_trace_headers()} for event in events]


def with_outbox(update: dict[str, Any], *events: Event) -> dict[str, Any]:
    """``update`` plus the ``$push`` that queues ``events`` in the same atomic document write."""
    if not events:
        return update
    push = dict(update.get("$push", {}))
    push[OUTBOX_FIELD] = {"$each": outbox_records(*events)}
    return update | {"$push": push}


class OutboxRelay:
    """Publishes pending outbox records of the given collections, then removes them."""

    def __init__(
        self,
        db: AsyncDatabase[Document],
        broker: KafkaBroker,
        collections: list[str],
        poll_seconds: float,
    ) -> None:
        self._db = db
        self._broker = broker
        self._collections = collections
        self._poll_seconds = poll_seconds
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        # FerretDB 1.x applies an update as read-modify-write without isolation: two updates of
        # one document at once can lose either (measured: 300 concurrent $push/$pull pairs kept
        # 114-218 of each). So this process never updates one outbox document twice at once.
        self._locks: dict[tuple[str, object], tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def _hold(self, collection: str, document_id: object) -> AsyncIterator[None]:
        key = (collection, document_id)
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)  # counted, so a waiter never loses its lock
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    async def guarded(
        self, collection: str, document_id: object, write: Callable[[], Awaitable[T]]
    ) -> T:
        """Run a repository's write of one outbox document alone, then relay its events soon."""
        async with self._hold(collection, document_id):
            result = await write()
        self.nudge()
        return result

    def nudge(self) -> None:
        """Relay now rather than at the next poll (called right after a write)."""
        self._wake.set()

    async def relay_once(self) -> int:
        """Publish everything pending now; return how many records went out."""
        sent = 0
        for name in self._collections:
            collection = self._db[name]
            pending = collection.find({f"{OUTBOX_FIELD}.0": {"$exists": True}}, {OUTBOX_FIELD: 1})
            async for document in pending:
                for record in document[OUTBOX_FIELD]:
                    await self._publish(record)
                    async with self._hold(name, document["_id"]):
                        await collection.update_one(
                            {"_id": document["_id"]}, {"$pull": {OUTBOX_FIELD: record}}
                        )
                    sent += 1
        return sent

    async def _publish(self, record: dict[str, Any]) -> None:
        # Re-enter the trace of the request that queued the event, so the consumer joins it.
        token = context.attach(propagate.extract(record.get("trace", {})))
        try:
            await publish_record(self._broker, record)
        finally:
            context.detach(token)

    async def _run(self) -> None:
        while True:
            try:
                await self.relay_once()
            except Exception:
                log.exception("outbox relay failed; retrying at the next poll")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._poll_seconds)
            self._wake.clear()

    def start(self) -> None:
        """Run in the background until ``stop``."""
        self._task = asyncio.create_task(self._run(), name="outbox-relay")

    async def stop(self) -> None:
        """Stop after the current record; anything unsent stays in the outbox."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
