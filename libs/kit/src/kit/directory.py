"""Each service's own projection of the employee directory, fed by directory events."""

import contextlib
from typing import Annotated, Any

from fastapi import Depends
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from contracts import EmployeeUpserted
from kit.auth import Principal, Role
from kit.consumer import Consumers
from kit.deps import from_app_state
from kit.mongo import Document
from kit.problems import DomainProblem

EMPLOYEES = "employees"


class EmployeeDirectory:
    """Latest known record per (region, NIP); relationships (who is whose PPK) come from here."""

    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._employees = db[EMPLOYEES]

    @staticmethod
    def _id(region: str, nip: str) -> str:
        return f"{region}:{nip}"

    def subscribe(self, consumers: Consumers) -> None:
        """Keep this projection fed from the directory topic."""
        consumers.handle(EmployeeUpserted, self.apply)

    async def apply(self, event: EmployeeUpserted) -> None:
        """Store the record unless a newer one is already here (redelivery is harmless)."""
        record = event.model_dump(mode="json", exclude={"type", "version", "producer", "event_id"})
        record["occurred_at"] = event.occurred_at
        with contextlib.suppress(DuplicateKeyError):  # the stored record is as new or newer
            await self._employees.update_one(
                {
                    "_id": self._id(event.region, event.nip),
                    "occurred_at": {"$lt": event.occurred_at},
                },
                {"$set": record},
                upsert=True,
            )

    async def get(self, region: str, nip: str) -> dict[str, Any] | None:
        """The employee's record in that region, if known."""
        return await self._employees.find_one({"_id": self._id(region, nip)})

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
