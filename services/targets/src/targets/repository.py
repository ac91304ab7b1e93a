"""Every database call of the targets service."""

from collections.abc import Callable
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from contracts import Event
from kit.mongo import Document
from kit.outbox import with_outbox
from kit.problems import DomainProblem
from targets.documents import PROGRESS, SKPS


class TargetsRepository:
    """SKP plans and progress reports, each state change carrying its events in the outbox."""

    def __init__(self, db: AsyncDatabase[Document], notify: Callable[[], None]) -> None:
        self._skps = db[SKPS]
        self._progress = db[PROGRESS]
        self._notify = notify

    async def ensure_indexes(self) -> None:
        """Lookups by owner and year; one SKP per employee per year is enforced by ``_id``."""
        await self._skps.create_index([("region", 1), ("nip", 1), ("year", 1)])
        await self._progress.create_index([("region", 1), ("skp_id", 1)])

    async def insert_skp(self, document: dict[str, Any]) -> None:
        """Store a new draft; a second plan for the same year is a conflict."""
        try:
            await self._skps.insert_one(document)
        except DuplicateKeyError as error:
            raise DomainProblem(
                409,
                field="year",
                reason_id="SKP untuk tahun ini sudah ada",
                reason_en="An SKP for this year exists",
            ) from error

    async def get_skp(self, skp_id: str) -> dict[str, Any] | None:
        """One plan by id."""
        return await self._skps.find_one({"_id": skp_id}, {"outbox": 0})

    async def transition(
        self,
        skp_id: str,
        *,
        current: str,
        update: dict[str, Any],
        audit: dict[str, Any],
        events: tuple[Event, ...] = (),
    ) -> bool:
        """Apply a status change only if nobody changed the status meanwhile; False if they did."""
        change = with_outbox({"$set": update, "$push": {"history": audit}}, *events)
        result = await self._skps.update_one({"_id": skp_id, "status": current}, change)
        self._notify()
        return result.modified_count == 1

    async def save_progress(
        self, progress_id: str, values: dict[str, Any], audit: dict[str, Any], event: Event
    ) -> None:
        """Record (or correct) a realisation; earlier values stay in ``history``."""
        change = with_outbox({"$set": values, "$push": {"history": audit}}, event)
        await self._progress.update_one({"_id": progress_id}, change, upsert=True)
        self._notify()
