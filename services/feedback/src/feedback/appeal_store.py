"""Every database call of appeals: the appeals themselves, and reading the appealed assessment."""

from typing import Any

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from contracts import Event
from feedback.appeals import DECIDED, OPEN
from feedback.documents import ASSESSMENTS
from kit.mongo import Document
from kit.outbox import OutboxRelay, outbox_records, with_outbox
from kit.problems import DomainProblem

APPEALS = "appeals"
_SUMMARY = {"outbox": 0, "history": 0, "explanations": 0, "requests": 0}


class AppealStore:
    """Appeals, one per assessment (``_id`` = appeal id); each change carries its event."""

    def __init__(self, db: AsyncDatabase[Document], relay: OutboxRelay) -> None:
        self._appeals = db[APPEALS]
        self._assessments = db[ASSESSMENTS]
        self._relay = relay

    async def assessment(self, region: str, nip: str, period: str) -> dict[str, Any] | None:
        """The latest assessment of the employee and period (read only: its service owns it)."""
        return await self._assessments.find_one({"_id": f"{region}-{nip}-{period}"}, {"outbox": 0})

    async def file(self, document: dict[str, Any], event: Event) -> None:
        """Store a new appeal with its event; a second one for the assessment is a conflict."""
        try:
            await self._appeals.insert_one(document | {"outbox": outbox_records(event)})
        except DuplicateKeyError as error:
            existing = await self._appeals.find_one({"_id": document["_id"]}, {"status": 1})
            decided = existing is not None and existing.get("status") == DECIDED
            raise DomainProblem(
                409,
                field="assessment_id",
                reason_id=(
                    "Keberatan atas penilaian ini sudah diputus; keputusan bersifat final"
                    if decided
                    else "Sudah ada keberatan terbuka atas penilaian ini"
                ),
                reason_en=(
                    "An appeal against this assessment was decided already; it is final"
                    if decided
                    else "An open appeal against this assessment exists already"
                ),
            ) from error
        self._relay.nudge()

    async def get(self, region: str, appeal_id: str) -> dict[str, Any] | None:
        """One appeal of the region with its explanations and history."""
        return await self._appeals.find_one({"_id": appeal_id, "region": region}, {"outbox": 0})

    async def add_entry(
        self, appeal_id: str, entries: str, entry: dict[str, Any], audit: dict[str, Any]
    ) -> bool:
        """Append an explanation or a request while the appeal is open; False once decided."""
        change = {"$push": {entries: entry, "history": audit}}
        result = await self._relay.guarded(
            APPEALS,
            appeal_id,
            lambda: self._appeals.update_one({"_id": appeal_id, "status": OPEN}, change),
        )
        return result.modified_count == 1

    async def decide(
        self, appeal_id: str, decision: dict[str, Any], audit: dict[str, Any], event: Event
    ) -> bool:
        """Record the decision with its event, once: False when it was decided meanwhile."""
        change = with_outbox(
            {"$set": {"status": DECIDED, "decision": decision}, "$push": {"history": audit}},
            event,
        )
        result = await self._relay.guarded(
            APPEALS,
            appeal_id,
            lambda: self._appeals.update_one({"_id": appeal_id, "status": OPEN}, change),
        )
        return result.modified_count == 1

    async def listing(
        self, region: str, involving: str | None, status: str | None
    ) -> list[dict[str, Any]]:
        """A region's appeals (or those a person files, explains or decides), soonest due first."""
        query: dict[str, Any] = {"region": region}
        if involving is not None:
            query["$or"] = [{"nip": involving}, {"ppk_nip": involving}, {"atasan_nip": involving}]
        if status is not None:
            query["status"] = status
        cursor = self._appeals.find(query, _SUMMARY).sort([("decide_by", 1), ("_id", 1)])
        return [appeal async for appeal in cursor]
