"""Every database call of the scoring service: an append-only log of its inputs, one insert a batch.

Scoring's state is a fold of the events it consumed (ADR 016). Each batch appends those events,
unchanged, as a few chunk documents in one unordered ``insert_many``; a restart folds the log
again. A chunk's id is a digest of its event ids, so a redelivered batch is a duplicate key,
ignored; a batch split differently on redelivery is stored twice, which the fold (idempotent by
construction) does not notice. Results are recomputed from the log, so no per-employee document
is updated per event. The only updated documents are one per region year (the flags and
distribution last announced, to announce only what changes).
"""

import hashlib
from collections.abc import AsyncIterator, Sequence
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError

from contracts import Event
from contracts.registry import event_class_for_topic
from kit.directory import EMPLOYEES
from kit.mongo import Document

FACTS = "scoring_facts"
YEARS = "scoring_years"
DUPLICATE_KEY = 11000
CHUNK_EVENTS = 500
"""Events per log document: a few stored documents per batch, each far below 16 MB."""
LOAD_BATCH = 20


def year_id(region: str, year: int) -> str:
    """One document per region and year: the flags and distribution checks last announced."""
    return f"{region}-{year}"


def _chunk(events: Sequence[Event]) -> dict[str, Any]:
    """Events as received (the topic names the class that parses the body back), keyed by ids."""
    ids = "|".join(sorted(str(e.event_id) for e in events))
    return {
        "_id": hashlib.blake2b(ids.encode(), digest_size=16).hexdigest(),
        "events": [{"topic": e.topic(), "body": e.to_json().decode()} for e in events],
    }


class ScoringStore:
    """Appends consumed events, reads them back at start, keeps the announced year documents."""

    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._db = db

    async def append(self, events: Sequence[Event]) -> None:
        """Store the events in one round trip; chunks stored before (redelivery) are skipped."""
        chunks = [
            _chunk(events[start : start + CHUNK_EVENTS])
            for start in range(0, len(events), CHUNK_EVENTS)
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
            for item in chunk["events"]:
                yield event_class_for_topic(item["topic"]).from_json(item["body"])

    async def years(self) -> list[dict[str, Any]]:
        """Every region year's last announced flags and distribution, to announce only changes."""
        return [doc async for doc in self._db[YEARS].find({})]

    async def save_year(self, doc: dict[str, Any]) -> None:
        """Replace one region year's document (after its announcements were acknowledged)."""
        await self._db[YEARS].replace_one({"_id": doc["_id"]}, doc, upsert=True)

    async def employees(self, region: str) -> list[dict[str, Any]]:
        """The directory projection of a region (kept by ``kit.directory``)."""
        return [doc async for doc in self._db[EMPLOYEES].find({"region": region})]
