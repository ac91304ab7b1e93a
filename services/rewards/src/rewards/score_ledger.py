"""The newest ``score.computed`` per employee and period: what runs, exports and boards read."""

from dataclasses import dataclass
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from contracts import ScoreComputed
from kit.mongo import Document

SCORES = "scores"


@dataclass(frozen=True)
class Kept:
    """A score that replaced what was known about its employee and period (``previous``)."""

    score: ScoreComputed
    previous: ScoreComputed | None


class ScoreLedger:
    """One document per region, employee and period; the newest ``(occurred_at, event_id)`` wins.

    Reads and writes go by ``_id`` alone (the only filter FerretDB 1.x answers from an index);
    all scores of one employee arrive on one partition, so a key has one writer at a time.
    """

    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._scores = db[SCORES]

    async def ensure_indexes(self) -> None:
        """A year's scores of a region are read by each run and export."""
        await self._scores.create_index([("region", 1), ("year", 1)])

    async def keep(self, score: ScoreComputed) -> Kept | None:
        """Store ``score`` unless a newer one of its period is there (None: nothing changed)."""
        key = f"{score.region}:{score.nip}:{score.period}"
        stored = await self._scores.find_one({"_id": key})
        previous = None if stored is None else ScoreComputed.model_validate_json(stored["body"])
        if previous is not None and _order(previous) >= _order(score):
            return None
        document = {
            "region": score.region,
            "nip": score.nip,
            "year": score.year,
            "period": score.period,
            "body": score.model_dump_json(),
        }
        await self._scores.update_one({"_id": key}, {"$set": document}, upsert=True)
        return Kept(score, previous)

    async def periods(self) -> dict[str, set[str]]:
        """Each region's scored periods (read without the bodies)."""
        found: dict[str, set[str]] = {}
        async for item in self._scores.find({}, {"region": 1, "period": 1}):
            found.setdefault(item["region"], set()).add(item["period"])
        return found

    async def of_year(self, region: str, year: int, nip: str | None = None) -> list[ScoreComputed]:
        """Every kept score of a region's year (or of one employee in it)."""
        query: dict[str, Any] = {"region": region, "year": year}
        if nip is not None:
            query["nip"] = nip
        cursor = self._scores.find(query, {"body": 1})
        return [ScoreComputed.model_validate_json(item["body"]) async for item in cursor]


def _order(score: ScoreComputed) -> tuple[object, ...]:
    return (score.occurred_at, str(score.event_id))
