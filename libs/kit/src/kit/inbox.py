"""Idempotent consumption: remember which event ids a consumer has fully processed."""

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError

from contracts import utc_now
from kit.mongo import Document

INBOX_COLLECTION = "inbox"
DUPLICATE_KEY = 11000


class Inbox:
    """Processed event ids per consumer; ``_id`` uniqueness makes marking race-free."""

    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._collection = db[INBOX_COLLECTION]

    @staticmethod
    def _id(consumer: str, event_id: str) -> str:
        return f"{consumer}:{event_id}"

    async def seen(self, consumer: str, event_id: str) -> bool:
        """Whether this consumer already processed the event."""
        return await self._collection.find_one({"_id": self._id(consumer, event_id)}) is not None

    async def mark_many(self, consumer: str, event_ids: list[str]) -> None:
        """Record several events as processed in one round trip; already marked ones are fine."""
        if not event_ids:
            return
        documents = [
            {"_id": self._id(consumer, event_id), "consumer": consumer, "at": utc_now()}
            for event_id in event_ids
        ]
        try:
            await self._collection.insert_many(documents, ordered=False)
        except BulkWriteError as error:
            if any(
                failure.get("code") != DUPLICATE_KEY
                for failure in error.details.get("writeErrors", [])
            ):
                raise
