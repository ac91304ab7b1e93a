"""Each service's own projection of the directory (employees and units), fed by directory events."""

import contextlib
from typing import Annotated, Any

from fastapi import Depends
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from contracts import EmployeeUpserted, Event, UnitUpserted
from kit.auth import Principal, Role
from kit.consumer import Consumers
from kit.deps import from_app_state
from kit.mongo import Document
from kit.problems import DomainProblem

EMPLOYEES = "employees"
UNITS = "units"


async def _keep_newest(collection: AsyncCollection[Document], key: str, event: Event) -> None:
    """Store the event's record unless a newer one is already there (redelivery is harmless)."""
    record = event.model_dump(mode="json", exclude={"type", "version", "producer", "event_id"})
    record["occurred_at"] = event.occurred_at
    with contextlib.suppress(DuplicateKeyError):  # the stored record is as new or newer
        await collection.update_one(
            {"_id": key, "occurred_at": {"$lt": event.occurred_at}}, {"$set": record}, upsert=True
        )


class EmployeeDirectory:
    """Latest known employee per (region, NIP) and unit per (region, unit id).

    Relationships (who is whose PPK, which unit is under which) come from here.
    """

    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._employees = db[EMPLOYEES]
        self._units = db[UNITS]

    @staticmethod
    def _id(region: str, key: str) -> str:
        return f"{region}:{key}"

    def subscribe(self, consumers: Consumers) -> None:
        """Keep this projection fed from the directory topics."""
        # Newest record wins by ``occurred_at``: repeating an event is harmless, no inbox needed.
        consumers.handle(EmployeeUpserted, self.apply, idempotent=True)
        consumers.handle(UnitUpserted, self.apply_unit, idempotent=True)

    async def apply(self, event: EmployeeUpserted) -> None:
        """Store an employee record."""
        await _keep_newest(self._employees, self._id(event.region, event.nip), event)

    async def apply_unit(self, event: UnitUpserted) -> None:
        """Store a unit record."""
        await _keep_newest(self._units, self._id(event.region, event.unit_id), event)

    async def get(self, region: str, nip: str) -> dict[str, Any] | None:
        """The employee's record in that region, if known."""
        return await self._employees.find_one({"_id": self._id(region, nip)})

    async def unit(self, region: str, unit_id: str) -> dict[str, Any] | None:
        """The unit's record in that region, if known."""
        return await self._units.find_one({"_id": self._id(region, unit_id)})

    async def reports_of(self, region: str, supervisor_nip: str) -> list[dict[str, Any]]:
        """The active employees whose PPK is ``supervisor_nip``, by name."""
        query = {"region": region, "supervisor_nip": supervisor_nip, "active": True}
        return [employee async for employee in self._employees.find(query).sort("name", 1)]

    async def members(self, region: str, unit_id: str | None) -> list[dict[str, Any]]:
        """The active employees of a region, or of one unit of it, by name."""
        query: dict[str, Any] = {"region": region, "active": True}
        if unit_id is not None:
            query["unit_id"] = unit_id
        return [employee async for employee in self._employees.find(query).sort("name", 1)]

    async def count(self, region: str) -> tuple[int, int]:
        """How many employees and units the region has here (for readiness and imports)."""
        employees = await self._employees.count_documents({"region": region})
        return employees, await self._units.count_documents({"region": region})

    async def is_ppk_of(self, caller: Principal, nip: str) -> bool:
        """Whether the caller is the employee's direct supervisor (their PPK) in their region."""
        employee = await self.get(caller.region, nip)
        return employee is not None and employee.get("supervisor_nip") == caller.nip

    async def require_ppk(self, caller: Principal, nip: str) -> None:
        """Refuse with 403 unless the caller is the employee's PPK."""
        if not await self.is_ppk_of(caller, nip):
            raise DomainProblem(
                403, reason_id="Hanya PPK pegawai ini", reason_en="Only this employee's PPK"
            )

    async def require_self_ppk_or_hr(self, caller: Principal, nip: str) -> None:
        """Refuse with 403 unless the data is the caller's own, a report's, or they are region HR."""
        if caller.nip == nip or caller.has(Role.REGION_ADMIN) or await self.is_ppk_of(caller, nip):
            return
        raise DomainProblem(
            403,
            reason_id="Hanya untuk pegawai ybs., PPK-nya, atau admin wilayah",
            reason_en="Only for the employee, their PPK, or region HR",
        )


Directory = Annotated[EmployeeDirectory, Depends(from_app_state("directory"))]
"""Route parameter type for the app's directory projection."""
