"""Each service's own projection of the employee directory, fed by directory events."""

import contextlib
from typing import Annotated, Any

from fastapi import Depends
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from contracts import EmployeeUpserted
from kit.consumer import Consumers
from kit.deps import from_app_state
from kit.mongo import Document

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


Directory = Annotated[EmployeeDirectory, Depends(from_app_state("directory"))]
"""Route parameter type for the app's directory projection."""
