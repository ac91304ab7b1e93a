"""Complaints (pengaduan) about a unit: forms, the status rules, response times and their store."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from contracts import Event
from contracts.vocabulary import ComplaintStatus, Identifier, Nip
from feedback.tokens import token_used
from kit.calendar import WorkingDays
from kit.mongo import Document
from kit.outbox import OUTBOX_FIELD, OutboxRelay, outbox_records, with_outbox
from kit.problems import DomainProblem

COMPLAINTS = "complaints"
FINAL = frozenset({ComplaintStatus.RESOLVED, ComplaintStatus.REJECTED})
# received -> in progress -> resolved | rejected; a quick answer may skip "in progress".
TRANSITIONS: dict[ComplaintStatus, frozenset[ComplaintStatus]] = {
    ComplaintStatus.RECEIVED: frozenset({ComplaintStatus.IN_PROGRESS, *FINAL}),
    ComplaintStatus.IN_PROGRESS: FINAL,
    ComplaintStatus.RESOLVED: frozenset(),
    ComplaintStatus.REJECTED: frozenset(),
}


class ComplaintCategory(StrEnum):
    """What a complaint is about (fixed list, so units can be compared)."""

    PELAYANAN = "pelayanan"
    PERILAKU_PETUGAS = "perilaku_petugas"
    WAKTU = "waktu"
    BIAYA = "biaya"
    SARANA = "sarana"
    LAINNYA = "lainnya"


CATEGORY_LABELS: dict[ComplaintCategory, str] = {
    ComplaintCategory.PELAYANAN: "Pelayanan",
    ComplaintCategory.PERILAKU_PETUGAS: "Perilaku petugas",
    ComplaintCategory.WAKTU: "Waktu pelayanan",
    ComplaintCategory.BIAYA: "Biaya/tarif",
    ComplaintCategory.SARANA: "Sarana dan prasarana",
    ComplaintCategory.LAINNYA: "Lainnya",
}


class CitizenComplaintForm(BaseModel):
    """A citizen's complaint; the unit comes from their token."""

    model_config = ConfigDict(extra="forbid")

    category: ComplaintCategory
    text: str = Field(min_length=10, max_length=4000)
    officer_ref: Identifier | None = None
    officer_nip: Nip | None = None


class StaffComplaintForm(BaseModel):
    """A complaint recorded by staff (received by phone, letter or at the desk)."""

    model_config = ConfigDict(extra="forbid")

    unit_id: Identifier
    category: ComplaintCategory
    text: str = Field(min_length=10, max_length=4000)
    officer_nip: Nip | None = None


class StatusForm(BaseModel):
    """The next step of a complaint; the note is the unit's answer, shown to the complainant."""

    model_config = ConfigDict(extra="forbid")

    status: ComplaintStatus
    note: str = Field(default="", max_length=4000)


def check_transition(current: ComplaintStatus, wanted: ComplaintStatus, note: str) -> None:
    """409 for a step the workflow does not allow; 422 for closing without an answer."""
    if wanted not in TRANSITIONS[current]:
        raise DomainProblem(
            409,
            field="status",
            reason_id=f"Status pengaduan tidak bisa berubah dari {current} ke {wanted}",
            reason_en=f"A complaint cannot go from {current} to {wanted}",
        )
    if wanted in FINAL and not note.strip():
        raise DomainProblem(
            422,
            field="note",
            reason_id="Tuliskan jawaban untuk pelapor saat menutup pengaduan",
            reason_en="Write the answer to the complainant when closing a complaint",
        )


def check_handler(caller_nip: str, complaint: dict[str, Any]) -> None:
    """Nobody handles a complaint about themself (403)."""
    if complaint.get("officer_nip") == caller_nip:
        raise DomainProblem(
            403,
            field="complaint_id",
            reason_id="Tidak bisa menangani pengaduan tentang diri sendiri",
            reason_en="Cannot handle a complaint about yourself",
        )


def hours_between(start: datetime, end: datetime) -> float:
    """Calendar hours from ``start`` to ``end`` (never negative)."""
    return max(0.0, (end - start).total_seconds() / 3600)


def due_date(filed_on: date, working_days: WorkingDays, allowed: int) -> date:
    """The last local day a unit has to close a complaint filed on ``filed_on``."""
    return working_days.add(filed_on, allowed)


def response_view(
    complaint: dict[str, Any], now: datetime, today: date, due: date
) -> dict[str, Any]:
    """A complaint as a steward lists it: times in hours and whether it is overdue."""
    filed_at: datetime = complaint["filed_at"]
    closed_at: datetime | None = complaint.get("closed_at")
    first_response: datetime | None = complaint.get("first_response_at")
    return {
        "complaint_id": complaint["_id"],
        "unit_id": complaint["unit_id"],
        "officer_nip": complaint.get("officer_nip"),
        "category": complaint["category"],
        "channel": complaint["channel"],
        "text": complaint["text"],
        "status": complaint["status"],
        "filed_at": filed_at,
        "due_date": due,
        "first_response_hours": None
        if first_response is None
        else hours_between(filed_at, first_response),
        "resolution_hours": None if closed_at is None else hours_between(filed_at, closed_at),
        "hours_open": hours_between(filed_at, closed_at or now),
        "overdue": complaint["status"] not in FINAL and today > due,
        "history": complaint.get("history", []),
    }


def changed_meanwhile() -> DomainProblem:
    """409: someone else moved the complaint between our read and our write."""
    return DomainProblem(
        409,
        field="status",
        reason_id="Pengaduan baru saja diubah orang lain, muat ulang",
        reason_en="The complaint changed meanwhile; reload",
    )


class ComplaintStore:
    """Complaints; each state change carries its event in the same document write."""

    def __init__(self, db: AsyncDatabase[Document], relay: OutboxRelay) -> None:
        self._complaints = db[COMPLAINTS]
        self._relay = relay

    async def ensure_indexes(self) -> None:
        """A unit's complaints by status, newest first."""
        await self._complaints.create_index(
            [("region", 1), ("unit_id", 1), ("status", 1), ("filed_at", -1)]
        )

    async def insert(self, document: dict[str, Any], event: Event) -> None:
        """Store a new complaint with its event; a token's second complaint is 409."""
        try:
            await self._complaints.insert_one(document | {OUTBOX_FIELD: outbox_records(event)})
        except DuplicateKeyError as error:
            raise token_used() from error
        self._relay.nudge()

    async def get(self, complaint_id: str) -> dict[str, Any] | None:
        """One complaint."""
        return await self._complaints.find_one({"_id": complaint_id}, {OUTBOX_FIELD: 0})

    async def change_status(
        self,
        complaint_id: str,
        *,
        current: str,
        update: dict[str, Any],
        entry: dict[str, Any],
        event: Event,
    ) -> bool:
        """Move a complaint on only if nobody moved it meanwhile; False if they did."""
        change = with_outbox({"$set": update, "$push": {"history": entry}}, event)
        result = await self._relay.guarded(
            COMPLAINTS,
            complaint_id,
            lambda: self._complaints.update_one({"_id": complaint_id, "status": current}, change),
        )
        return result.modified_count == 1

    async def page(
        self,
        region: str,
        unit_id: str | None,
        status: str | None,
        offset: int,
        limit: int,
    ) -> tuple[int, list[dict[str, Any]]]:
        """The total and one page of a region's (or unit's) complaints, newest first."""
        query: dict[str, Any] = {"region": region}
        if unit_id is not None:
            query["unit_id"] = unit_id
        if status is not None:
            query["status"] = status
        total = await self._complaints.count_documents(query)
        cursor = (
            self._complaints.find(query, {OUTBOX_FIELD: 0})
            .sort([("filed_at", -1), ("_id", 1)])
            .skip(offset)
            .limit(limit)
        )
        return total, [complaint async for complaint in cursor]
