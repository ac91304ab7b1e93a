"""Idempotent consumption: remember which event ids a consumer has fully processed."""

import contextlib

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from contracts import utc_now
from kit.mongo import Document

INBOX_COLLECTION = "inbox"


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

    async def mark(self, consumer: str, event_id: str) -> None:
        """Record the event as processed; marking twice is harmless."""
        with contextlib.suppress(DuplicateKeyError):
            await self._collection.insert_one(
                {"_id": self._id(consumer, event_id), "consumer": consumer, "at": utc_now()}
            )
