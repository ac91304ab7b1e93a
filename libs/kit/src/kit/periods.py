"""Each service's projection of the performance years that region HR opens and closes (targets)."""

from typing import Annotated, Any

from fastapi import Depends
from pymongo.asynchronous.database import AsyncDatabase

from contracts import PeriodClosed, PeriodOpened
from kit.consumer import Consumers
from kit.deps import from_app_state
from kit.mongo import Document
from kit.problems import DomainProblem

PERIOD_PROJECTION = "period_projection"
OPEN, CLOSED = "open", "closed"


class PeriodBook:
    """Open/closed state and cadence per region and year; closing is final, whatever the order."""

    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._periods = db[PERIOD_PROJECTION]

    def subscribe(self, consumers: Consumers) -> None:
        """Keep this projection fed from the period topics (both handlers are repeatable)."""
        consumers.handle(PeriodOpened, self.apply_opened, idempotent=True)
        consumers.handle(PeriodClosed, self.apply_closed, idempotent=True)

    @staticmethod
    def _id(region: str, year: int) -> str:
        return f"{region}:{year}"

    async def apply_opened(self, event: PeriodOpened) -> None:
        """Record an opened year, unless it is known already (a late "opened" never reopens)."""
        await self._periods.update_one(
            {"_id": self._id(event.region, event.year)},
            {
                "$setOnInsert": {"status": OPEN},
                "$set": {"region": event.region, "year": event.year, "cadence": event.cadence},
            },
            upsert=True,
        )

    async def apply_closed(self, event: PeriodClosed) -> None:
        """Record a closed year with the moment it closed."""
        await self._periods.update_one(
            {"_id": self._id(event.region, event.year)},
            {
                "$set": {
                    "region": event.region,
                    "year": event.year,
                    "status": CLOSED,
                    "closed_at": event.occurred_at,
                }
            },
            upsert=True,
        )

    async def get(self, region: str, year: int) -> dict[str, Any] | None:
        """The year's state in the region, if targets announced it."""
        return await self._periods.find_one({"_id": self._id(region, year)})

    async def require_open(self, region: str, year: int) -> dict[str, Any]:
        """The open year, or 409 naming ``year`` (not opened yet, or closed)."""
        period = await self.get(region, year)
        check_open(period, year)
        assert period is not None
        return period


def check_open(period: dict[str, Any] | None, year: int) -> None:
    """Changes are accepted only while the year's period is open (409 ``year`` otherwise)."""
    if period is None:
        raise DomainProblem(
            409,
            field="year",
            reason_id=f"Periode {year} belum dibuka oleh admin wilayah",
            reason_en=f"Period {year} has not been opened by region HR",
        )
    if period["status"] != OPEN:
        raise DomainProblem(
            409,
            field="year",
            reason_id=f"Periode {year} sudah ditutup; perubahan ditolak",
            reason_en=f"Period {year} is closed; changes are refused",
        )


Periods = Annotated[PeriodBook, Depends(from_app_state("periods"))]
"""Route parameter type for the app's period projection."""
