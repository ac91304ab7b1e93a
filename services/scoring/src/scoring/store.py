"""Every database call of the scoring service: an append-only log of its inputs, one insert a batch.

Scoring's state is a fold of the events it consumed (ADR 016). Each batch appends those events,
byte for byte as received (compressed, in one binary field), as a few chunk documents in one
unordered ``insert_many``; a restart folds the log again. A chunk's id is a digest of its event ids, so a redelivered batch is a duplicate key,
ignored; a batch split differently on redelivery is stored twice, which the fold (idempotent by
construction) does not notice. Results are recomputed from the log, so no per-employee document
is updated per event. The only updated documents are one per region year (the flags and
distribution last announced, to announce only what changes).
"""

import hashlib
import struct
import zlib
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

from bson import Binary
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError

from contracts import Event
from contracts.registry import event_class_for_topic
from kit.consumer import Delivered
from kit.directory import EMPLOYEES
from kit.mongo import Document

FACTS = "scoring_facts"
YEARS = "scoring_years"
DUPLICATE_KEY = 11000
CHUNK_EVENTS = 500
"""Events per log document: a few stored documents per batch, each far below 16 MB."""
LOAD_BATCH = 20
FRAME = struct.Struct(">HI")
"""Before each stored event: its topic's and its body's length in bytes."""
COMPRESSION = 1
"""zlib's fastest level: a sixth of the bytes, so the store (FerretDB converts every
document it writes) spends far less than the few microseconds an event costs us here."""


def year_id(region: str, year: int) -> str:
    """One document per region and year: the flags and distribution checks last announced."""
    return f"{region}-{year}"


def _pack(items: Sequence[Delivered]) -> bytes:
    """Topic and body of each event, length-prefixed, compressed: one opaque value to store."""
    frames: list[bytes] = []
    for item in items:
        topic = item.topic.encode()
        frames += (FRAME.pack(len(topic), len(item.body)), topic, item.body)
    return zlib.compress(b"".join(frames), COMPRESSION)


def _unpack(data: bytes) -> Iterator[tuple[str, bytes]]:
    """The (topic, body) pairs ``_pack`` stored, in order."""
    raw = zlib.decompress(data)
    at = 0
    while at < len(raw):
        topic_length, body_length = FRAME.unpack_from(raw, at)
        at += FRAME.size
        topic, body = (
            raw[at : at + topic_length],
            raw[at + topic_length : at + topic_length + body_length],
        )
        at += topic_length + body_length
        yield topic.decode(), body


def _chunk(items: Sequence[Delivered]) -> dict[str, Any]:
    """Events as received (the topic names the class that parses the body back), keyed by ids."""
    ids = "|".join(sorted(str(item.event.event_id) for item in items))
    return {
        "_id": hashlib.blake2b(ids.encode(), digest_size=16).hexdigest(),
        "count": len(items),
        "events": Binary(_pack(items)),
    }


class ScoringStore:
    """Appends consumed events, reads them back at start, keeps the announced year documents."""

    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._db = db

    async def append(self, items: Sequence[Delivered]) -> None:
        """Store the events in one round trip; chunks stored before (redelivery) are skipped."""
        chunks = [
            _chunk(items[start : start + CHUNK_EVENTS])
            for start in range(0, len(items), CHUNK_EVENTS)
        ]
        if not chunks:
            return
        try:
            await self._db[FACTS].insert_many(chunks, ordered=False)
        except BulkWriteError as error:
            others = [e for e in error.details["writeErrors"] if e["code"] != DUPLICATE_KEY]
            if others:
                raise

    async def facts(self) -> AsyncIterator[Event]:
        """Every stored event, parsed with the contract it was received under."""
        async for chunk in self._db[FACTS].find({}).batch_size(LOAD_BATCH):
            for topic, body in _unpack(chunk["events"]):
                yield event_class_for_topic(topic).from_json(body)

    async def years(self) -> list[dict[str, Any]]:
        """Every region year's last announced flags and distribution, to announce only changes."""
        return [doc async for doc in self._db[YEARS].find({})]

    async def save_year(self, doc: dict[str, Any]) -> None:
        """Replace one region year's document (after its announcements were acknowledged)."""
        await self._db[YEARS].replace_one({"_id": doc["_id"]}, doc, upsert=True)

    async def employees(self, region: str) -> list[dict[str, Any]]:
        """The directory projection of a region (kept by ``kit.directory``)."""
        return [doc async for doc in self._db[EMPLOYEES].find({"region": region})]
