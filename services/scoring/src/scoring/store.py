"""Every database call of the scoring service: whole documents, written in bulk once per batch.

Scoring is the single writer of its collections (one consumer, ADR 015), so a batch replaces
the documents it changed in one ``bulk_write`` per collection instead of one update per event.
Each document carries its own ``outbox`` (event records not yet acknowledged by Kafka), written
in the same replace as the state that caused them and cleared once published.
"""

from collections.abc import Iterable
from typing import Any

from pymongo import ReplaceOne, UpdateOne
from pymongo.asynchronous.database import AsyncDatabase

from kit.directory import EMPLOYEES
from kit.mongo import Document

SCORES = "scores"
UNITS = "unit_quality"
YEARS = "scoring_years"
COLLECTIONS = (SCORES, UNITS, YEARS)


def state_id(region: str, key: str, year: int) -> str:
    """One document per region, employee (or unit) and year."""
    return f"{region}-{key}-{year}"


def year_id(region: str, year: int) -> str:
    """One document per region and year: formula version, flags, distribution outputs."""
    return f"{region}-{year}"


class ScoringStore:
    """Loads a region's years whole and writes changed documents back in bulk."""

    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._db = db

    async def ensure_indexes(self) -> None:
        """Loading a region's year, and a unit's members' scores."""
        await self._db[SCORES].create_index([("region", 1), ("year", 1)])
        await self._db[UNITS].create_index([("region", 1), ("year", 1)])

    async def years(self) -> list[dict[str, Any]]:
        """Every region-year known, to reload after a restart."""
        return [doc async for doc in self._db[YEARS].find({})]

    async def load(self, collection: str, region: str, year: int) -> list[dict[str, Any]]:
        """All documents of one region and year in a collection."""
        return [doc async for doc in self._db[collection].find({"region": region, "year": year})]

    async def employees(self, region: str) -> list[dict[str, Any]]:
        """The directory projection of a region (kept by ``kit.directory``)."""
        return [doc async for doc in self._db[EMPLOYEES].find({"region": region})]

    async def write(self, collection: str, documents: Iterable[dict[str, Any]]) -> None:
        """Replace (or insert) each document by ``_id`` in one round trip."""
        requests = [ReplaceOne({"_id": doc["_id"]}, doc, upsert=True) for doc in documents]
        if requests:
            await self._db[collection].bulk_write(requests, ordered=False)

    async def clear_outboxes(self, collection: str, ids: Iterable[str]) -> None:
        """Mark the published records of these documents as sent, in one round trip."""
        requests = [UpdateOne({"_id": key}, {"$set": {"outbox": []}}) for key in ids]
        if requests:
            await self._db[collection].bulk_write(requests, ordered=False)

    async def get(self, collection: str, key: str) -> dict[str, Any] | None:
        """One document, without its outbox."""
        return await self._db[collection].find_one({"_id": key}, {"outbox": 0})
