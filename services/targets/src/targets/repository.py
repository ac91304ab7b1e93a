"""Every database call of the targets service."""

from typing import Any

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from contracts import Event
from kit.mongo import Document
from kit.outbox import OutboxRelay, with_outbox
from kit.problems import DomainProblem
from targets.documents import DELEGATIONS, PERIODS, PROGRESS, SKPS, UNIT_PREDICATES
from targets.service import APPROVED


class TargetsRepository:
    """SKP plans and progress reports, each state change carrying its events in the outbox."""

    def __init__(self, db: AsyncDatabase[Document], relay: OutboxRelay) -> None:
        self._skps = db[SKPS]
        self._progress = db[PROGRESS]
        self._periods = db[PERIODS]
        self._unit_predicates = db[UNIT_PREDICATES]
        self._delegations = db[DELEGATIONS]
        self._relay = relay

    async def ensure_indexes(self) -> None:
        """Lookups by owner and year; one SKP per employee per year is enforced by ``_id``."""
        await self._skps.create_index([("region", 1), ("nip", 1), ("year", 1)])
        await self._progress.create_index([("region", 1), ("skp_id", 1)])

    async def open_period(self, document: dict[str, Any]) -> None:
        """Store a newly opened period with its event; a year opens once per region."""
        try:
            await self._periods.insert_one(document)
        except DuplicateKeyError as error:
            raise DomainProblem(
                409,
                field="year",
                reason_id="Periode ini sudah ada",
                reason_en="This period exists already",
            ) from error
        self._relay.nudge()

    async def close_period(self, period_id: str, audit: dict[str, Any], event: Event) -> bool:
        """Close an open period with its event; False when it was not open."""
        change = with_outbox({"$set": {"status": "closed"}, "$push": {"history": audit}}, event)
        result = await self._relay.guarded(
            PERIODS,
            period_id,
            lambda: self._periods.update_one({"_id": period_id, "status": "open"}, change),
        )
        return result.modified_count == 1

    async def get_period(self, period_id: str) -> dict[str, Any] | None:
        """One period by id."""
        return await self._periods.find_one({"_id": period_id}, {"outbox": 0, "history": 0})

    async def list_periods(self, region: str) -> list[dict[str, Any]]:
        """A region's periods, newest year first."""
        cursor = self._periods.find({"region": region}, {"outbox": 0, "history": 0}).sort(
            "year", -1
        )
        return [{"period_id": period.pop("_id"), **period} async for period in cursor]

    async def set_unit_predicate(
        self, key: str, values: dict[str, Any], audit: dict[str, Any], event: Event
    ) -> None:
        """Store a unit's predicate for a period; earlier values stay in ``history``."""
        change = with_outbox({"$set": values, "$push": {"history": audit}}, event)
        await self._relay.guarded(
            UNIT_PREDICATES,
            key,
            lambda: self._unit_predicates.update_one({"_id": key}, change, upsert=True),
        )

    async def get_unit_predicate(self, key: str) -> dict[str, Any] | None:
        """A unit's predicate for a period, if set."""
        return await self._unit_predicates.find_one({"_id": key}, {"outbox": 0})

    async def plans_of_year(self, region: str, year: int) -> dict[str, dict[str, Any]]:
        """Every SKP of a region and year, by owner NIP (id and status only)."""
        cursor = self._skps.find({"region": region, "year": year}, {"nip": 1, "status": 1})
        return {plan["nip"]: plan async for plan in cursor}

    async def reports_of_region(self, region: str, skp_ids: set[str]) -> list[dict[str, Any]]:
        """Current progress reports of the given plans (filtered here: ``$in`` scans on FerretDB)."""
        cursor = self._progress.find(
            {"region": region},
            {"skp_id": 1, "iki_id": 1, "rhk_id": 1, "period": 1, "achievement_pct": 1},
        )
        return [report async for report in cursor if report["skp_id"] in skp_ids]

    async def progress_of(self, region: str, skp_id: str) -> list[dict[str, Any]]:
        """Every IKI's current report of one plan, by period (corrections are in ``history``)."""
        cursor = self._progress.find(
            {"region": region, "skp_id": skp_id}, {"outbox": 0, "history": 0, "region": 0}
        ).sort("period", 1)
        return [{"progress_id": report.pop("_id"), **report} async for report in cursor]

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
        result = await self._relay.guarded(
            SKPS, skp_id, lambda: self._skps.update_one({"_id": skp_id, "status": current}, change)
        )
        return result.modified_count == 1

    async def save_progress(
        self, progress_id: str, values: dict[str, Any], audit: dict[str, Any], event: Event
    ) -> None:
        """Record (or correct) a realisation; earlier values stay in ``history``."""
        change = with_outbox({"$set": values, "$push": {"history": audit}}, event)
        await self._relay.guarded(
            PROGRESS,
            progress_id,
            lambda: self._progress.update_one({"_id": progress_id}, change, upsert=True),
        )

    async def approved_plans(
        self, region: str, year: int, nips: set[str]
    ) -> dict[str, dict[str, Any]]:
        """The approved SKP of the given employees for a year, with their RHK, by owner NIP."""
        cursor = self._skps.find(
            {"region": region, "year": year, "status": APPROVED}, {"nip": 1, "rhk": 1}
        )
        # Filtered here rather than with ``$in``, which FerretDB answers with a full scan.
        return {plan["nip"]: plan async for plan in cursor if plan["nip"] in nips}

    async def set_delegation(
        self, key: str, values: dict[str, Any], audit: dict[str, Any], event: Event
    ) -> None:
        """Store a PPK's delegate for a year (None = withdrawn); earlier ones stay in ``history``."""
        # The kit's projection of the same events lives in "delegation_projection".
        delegations = self._delegations
        change = with_outbox({"$set": values, "$push": {"history": audit}}, event)
        await self._relay.guarded(
            delegations.name, key, lambda: delegations.update_one({"_id": key}, change, upsert=True)
        )

    async def get_delegation(self, key: str) -> dict[str, Any] | None:
        """A PPK's delegation for a year, if ever set (also when withdrawn since)."""
        return await self._delegations.find_one({"_id": key}, {"outbox": 0})

    async def list_delegations(
        self, region: str, year: int, involving: str | None
    ) -> list[dict[str, Any]]:
        """A region's current delegations of a year, or those given or received by ``involving``."""
        query: dict[str, Any] = {"region": region, "year": year, "delegate_nip": {"$ne": None}}
        if involving is not None:
            query["$or"] = [{"ppk_nip": involving}, {"delegate_nip": involving}]
        cursor = self._delegations.find(query, {"outbox": 0}).sort("ppk_nip", 1)
        return [document async for document in cursor]
