"""Every database call of the rewards service."""

from typing import Any

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from contracts import RewardGranted
from kit.mongo import Document
from kit.outbox import OutboxRelay, outbox_records

AWARDS = "awards"


class AwardsRepository:
    """Granted rewards; the reward id as ``_id`` makes a second grant impossible."""

    def __init__(self, db: AsyncDatabase[Document], relay: OutboxRelay) -> None:
        self._awards = db[AWARDS]
        self._relay = relay

    async def ensure_indexes(self) -> None:
        """Listing an employee's or a region's awards."""
        await self._awards.create_index([("region", 1), ("nip", 1), ("year", 1)])

    async def grant(self, event: RewardGranted) -> bool:
        """Store the award with its event; False when it was granted before."""
        document = event.model_dump(mode="json", exclude={"type", "version", "producer"})
        document["occurred_at"] = event.occurred_at  # a datetime, like every other collection
        try:
            await self._awards.insert_one(
                {"_id": event.reward_id, **document, "outbox": outbox_records(event)}
            )
        except DuplicateKeyError:
            return False
        self._relay.nudge()
        return True

    async def list_for(self, region: str, nip: str, year: int | None) -> list[dict[str, Any]]:
        """An employee's awards, newest first."""
        query: dict[str, Any] = {"region": region, "nip": nip}
        if year is not None:
            query["year"] = year
        cursor = self._awards.find(query, {"outbox": 0}).sort("occurred_at", -1).limit(100)
        return [{"reward_id": award.pop("_id"), **award} async for award in cursor]
