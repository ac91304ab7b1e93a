"""Every database call of the scoring service."""

from typing import Any

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from contracts import Event
from kit.mongo import Document
from kit.outbox import OutboxRelay, outbox_records, with_outbox

SCORES = "scores"


def state_id(region: str, nip: str, year: int) -> str:
    """One state document per region, employee and year."""
    return f"{region}-{nip}-{year}"


class ScoresRepository:
    """Score state with optimistic concurrency (``revision``) and its outbox."""

    def __init__(self, db: AsyncDatabase[Document], relay: OutboxRelay) -> None:
        self._scores = db[SCORES]
        self._relay = relay

    async def ensure_indexes(self) -> None:
        """Listing a region's scores by year."""
        await self._scores.create_index([("region", 1), ("year", 1)])

    async def load(self, region: str, nip: str, year: int) -> dict[str, Any] | None:
        """Current state, without pending outbox records."""
        return await self._scores.find_one({"_id": state_id(region, nip, year)}, {"outbox": 0})

    async def save(self, state: dict[str, Any], events: tuple[Event, ...]) -> bool:
        """Write ``state`` if nobody wrote since it was loaded; False means reload and retry."""
        key = state_id(state["region"], state["nip"], state["year"])
        expected = state["revision"]
        values = {name: value for name, value in state.items() if name not in ("_id", "outbox")}
        values["revision"] = expected + 1
        try:
            if expected == 0:
                await self._scores.insert_one(
                    {"_id": key, **values, "outbox": outbox_records(*events)}
                )
            else:
                change = with_outbox({"$set": values}, *events)
                result = await self._relay.guarded(
                    SCORES,
                    key,
                    lambda: self._scores.update_one({"_id": key, "revision": expected}, change),
                )
                if result.modified_count != 1:
                    return False
        except DuplicateKeyError:
            return False
        self._relay.nudge()
        return True

    async def find(self, region: str, nip: str, year: int) -> dict[str, Any] | None:
        """The stored result for the API, or None when nothing was scored yet."""
        state = await self.load(region, nip, year)
        return state.get("result") if state else None
