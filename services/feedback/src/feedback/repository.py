"""Every database call of the feedback service."""

from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from contracts import Event
from feedback.documents import ASSESSMENTS
from kit.mongo import Document
from kit.outbox import OutboxRelay, with_outbox


class FeedbackRepository:
    """PPK assessments; each change queues its event in the same document write."""

    def __init__(self, db: AsyncDatabase[Document], relay: OutboxRelay) -> None:
        self._assessments = db[ASSESSMENTS]
        self._relay = relay

    async def ensure_indexes(self) -> None:
        """Lookups of a rater's work per region."""
        await self._assessments.create_index([("region", 1), ("rater_nip", 1), ("period", 1)])

    async def save_assessment(
        self, assessment_key: str, values: dict[str, Any], event: Event
    ) -> None:
        """Store the latest rating for the employee and period; earlier ones stay in ``history``."""
        change = with_outbox({"$set": values, "$push": {"history": values}}, event)
        await self._relay.guarded(
            ASSESSMENTS,
            assessment_key,
            lambda: self._assessments.update_one({"_id": assessment_key}, change, upsert=True),
        )
