"""Every database call of the feedback service (assessments, notes, 360 answers, nominations)."""

from typing import Any

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from contracts import Event
from feedback.documents import ASSESSMENTS, NOMINATIONS, PEER_FEEDBACK, SUPERVISOR_NOTES
from feedback.service import final_exists
from kit.mongo import Document
from kit.outbox import OutboxRelay, outbox_records, with_outbox
from kit.problems import DomainProblem

HIDDEN = {"outbox": 0}


class FeedbackRepository:
    """Each state change queues its event in the same document write (one document, atomic)."""

    def __init__(self, db: AsyncDatabase[Document], relay: OutboxRelay) -> None:
        self._assessments = db[ASSESSMENTS]
        self._notes = db[SUPERVISOR_NOTES]
        self._peer = db[PEER_FEEDBACK]
        self._nominations = db[NOMINATIONS]
        self._relay = relay

    async def ensure_indexes(self) -> None:
        """Lookups of a rater's work, of an employee's year, of the answers about a period."""
        await self._assessments.create_index([("region", 1), ("rater_nip", 1), ("period", 1)])
        await self._assessments.create_index([("region", 1), ("nip", 1), ("year", 1)])
        await self._notes.create_index([("region", 1), ("nip", 1), ("year", 1)])
        await self._peer.create_index([("region", 1), ("nip", 1), ("period", 1)])
        await self._peer.create_index([("region", 1), ("rater_ref", 1), ("period", 1)])
        await self._nominations.create_index([("region", 1), ("period", 1), ("status", 1)])

    async def save_assessment(
        self,
        assessment_key: str,
        values: dict[str, Any],
        event: Event,
        *,
        overtakes_final: bool = False,
    ) -> None:
        """Store the latest rating for the employee and period; earlier ones stay in ``history``.

        Unless ``overtakes_final`` (the atasan PPK), a stored final rating is never replaced:
        the filter misses it, the upsert collides on ``_id`` and nothing is written (409).
        """
        change = with_outbox({"$set": values, "$push": {"history": values}}, event)
        query: dict[str, Any] = {"_id": assessment_key}
        if not overtakes_final:
            query["final"] = {"$ne": True}
        try:
            await self._relay.guarded(
                ASSESSMENTS,
                assessment_key,
                lambda: self._assessments.update_one(query, change, upsert=True),
            )
        except DuplicateKeyError as error:
            raise final_exists() from error

    async def get_assessment(self, assessment_key: str) -> dict[str, Any] | None:
        """The latest rating of an employee and period, if any."""
        return await self._assessments.find_one({"_id": assessment_key}, HIDDEN)

    async def list_assessments(self, region: str, nip: str, year: int) -> list[dict[str, Any]]:
        """An employee's ratings of a year, one per period with its history, by period."""
        query = {"region": region, "nip": nip, "year": year}
        return [item async for item in self._assessments.find(query, HIDDEN).sort("period", 1)]

    async def add_supervisor_note(self, document: dict[str, Any], event: Event) -> None:
        """Store a PPK's feedback entry with its event in one insert."""
        await self._notes.insert_one(document | {"outbox": outbox_records(event)})
        self._relay.nudge()

    async def list_supervisor_notes(self, region: str, nip: str, year: int) -> list[dict[str, Any]]:
        """An employee's feedback entries of a year, oldest first."""
        query = {"region": region, "nip": nip, "year": year}
        return [item async for item in self._notes.find(query, HIDDEN).sort("at", 1)]

    async def add_peer_feedback(
        self, feedback_id: str, values: dict[str, Any], event: Event
    ) -> None:
        """Store a rater's first answer about a ratee and period; a second one is a 409."""
        document = {"_id": feedback_id, **values, "revision": 1, "outbox": outbox_records(event)}
        try:
            await self._peer.insert_one(document)
        except DuplicateKeyError as error:
            raise DomainProblem(
                409,
                field="nip",
                reason_id="Anda sudah memberi umpan balik untuk pegawai ini pada periode ini; "
                "ubah lewat PUT /feedback",
                reason_en="You already gave feedback on this employee for this period; "
                "edit it with PUT /feedback",
            ) from error
        self._relay.nudge()

    async def edit_peer_feedback(
        self, feedback_id: str, values: dict[str, Any], event: Event
    ) -> None:
        """Replace a rater's answer (same id, so it is never counted twice); 404 without one."""
        change = with_outbox({"$set": values, "$inc": {"revision": 1}}, event)
        result = await self._relay.guarded(
            PEER_FEEDBACK, feedback_id, lambda: self._peer.update_one({"_id": feedback_id}, change)
        )
        if result.matched_count == 0:
            raise DomainProblem(
                404,
                field="nip",
                reason_id="Belum ada umpan balik Anda untuk diubah; kirim lewat POST /feedback",
                reason_en="You have no feedback to edit yet; send it with POST /feedback",
            )

    async def peer_feedback_about(self, region: str, nip: str, period: str) -> list[dict[str, Any]]:
        """Every answer about an employee for a period."""
        query = {"region": region, "nip": nip, "period": period}
        return [item async for item in self._peer.find(query, HIDDEN)]

    async def peer_feedback_given(
        self, region: str, rater_ref: str, period: str | None
    ) -> list[dict[str, Any]]:
        """The answers one rater (by pseudonym) gave, by period."""
        query: dict[str, Any] = {"region": region, "rater_ref": rater_ref}
        if period is not None:
            query["period"] = period
        cursor = self._peer.find(query, HIDDEN).sort([("period", 1), ("nip", 1)])
        return [item async for item in cursor]

    async def add_nomination(self, document: dict[str, Any]) -> None:
        """Store a new nomination; one per employee, rater and period (409 otherwise)."""
        try:
            await self._nominations.insert_one(document)
        except DuplicateKeyError as error:
            raise DomainProblem(
                409,
                field="rater_nip",
                reason_id="Nominasi untuk penilai dan periode ini sudah ada",
                reason_en="A nomination of this rater for this period exists already",
            ) from error

    async def get_nomination(self, nomination_id: str) -> dict[str, Any] | None:
        """One nomination by id."""
        return await self._nominations.find_one({"_id": nomination_id})

    async def decide_nomination(
        self, nomination_id: str, status: str, values: dict[str, Any]
    ) -> bool:
        """Approve or reject a pending nomination; False when it was no longer pending."""
        result = await self._nominations.update_one(
            {"_id": nomination_id, "status": "pending"},
            {
                "$set": {"status": status, **values},
                "$push": {"history": values | {"status": status}},
            },
        )
        return result.modified_count == 1

    async def is_nominated(self, region: str, nip: str, rater_nip: str, period: str) -> bool:
        """Whether an approved nomination covers the period (a year's covers its months)."""
        query = {
            "region": region,
            "nip": nip,
            "rater_nip": rater_nip,
            "status": "approved",
            "period": {"$in": sorted({period, period[:4]})},
        }
        return await self._nominations.find_one(query, {"_id": 1}) is not None

    async def list_nominations(
        self, region: str, period: str, **match: Any
    ) -> list[dict[str, Any]]:
        """Nominations covering a period (its own, or its year's) matching ``match``."""
        query = {"region": region, "period": {"$in": sorted({period, period[:4]})}, **match}
        cursor = self._nominations.find(query).sort("requested_at", 1)
        return [item async for item in cursor]
