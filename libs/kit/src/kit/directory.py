"""Each service's own projection of the directory (employees, units, PPK delegates)."""

from typing import Annotated, Any

from fastapi import Depends
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from contracts import DelegationSet, EmployeeUpserted, Event, UnitUpserted
from kit.auth import Principal, Role
from kit.consumer import Consumers
from kit.deps import from_app_state
from kit.mongo import Document
from kit.problems import DomainProblem

EMPLOYEES = "employees"
UNITS = "units"
# Not "delegations": a producing service (targets) keeps its own collection of that name.
DELEGATIONS = "delegation_projection"


async def _keep_newest(collection: AsyncCollection[Document], key: str, event: Event) -> None:
    """Store the event's record unless a newer one is already there (redelivery is harmless).

    Read, then write, each by ``_id`` alone: the only filter FerretDB 1.x answers from an index
    (any other field makes every write scan the whole collection). A key has one writer at a
    time, since all events of an employee or unit are on one partition of one consumer group.
    """
    record = event.model_dump(mode="json", exclude={"type", "version", "producer", "event_id"})
    record["occurred_at"] = event.occurred_at
    stored = await collection.find_one({"_id": key}, {"occurred_at": 1})
    if stored is not None and stored["occurred_at"] >= event.occurred_at:
        return
    await collection.update_one({"_id": key}, {"$set": record}, upsert=True)


class EmployeeDirectory:
    """Latest known employee, unit and PPK delegate (per year) of each region.

    Relationships (who is whose PPK, who acts for them, which unit is under which) come from here.
    """

    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._employees = db[EMPLOYEES]
        self._units = db[UNITS]
        self._delegations = db[DELEGATIONS]

    @staticmethod
    def _id(region: str, key: str) -> str:
        return f"{region}:{key}"

    def subscribe(self, consumers: Consumers) -> None:
        """Keep this projection fed from the directory topics."""
        # Newest record wins by ``occurred_at``: repeating an event is harmless, no inbox needed.
        consumers.handle(EmployeeUpserted, self.apply, idempotent=True)
        consumers.handle(UnitUpserted, self.apply_unit, idempotent=True)
        consumers.handle(DelegationSet, self.apply_delegation, idempotent=True)

    async def apply(self, event: EmployeeUpserted) -> None:
        """Store an employee record."""
        await _keep_newest(self._employees, self._id(event.region, event.nip), event)

    async def apply_unit(self, event: UnitUpserted) -> None:
        """Store a unit record."""
        await _keep_newest(self._units, self._id(event.region, event.unit_id), event)

    async def apply_delegation(self, event: DelegationSet) -> None:
        """Store a PPK's delegate for a year (None = withdrawn); its producer calls it directly."""
        key = self._id(event.region, f"{event.ppk_nip}:{event.year}")
        await _keep_newest(self._delegations, key, event)

    async def get(self, region: str, nip: str) -> dict[str, Any] | None:
        """The employee's record in that region, if known."""
        return await self._employees.find_one({"_id": self._id(region, nip)})

    async def unit(self, region: str, unit_id: str) -> dict[str, Any] | None:
        """The unit's record in that region, if known."""
        return await self._units.find_one({"_id": self._id(region, unit_id)})

    async def units_under(self, region: str, unit_id: str) -> list[str]:
        """The unit and every unit below it (read whole, then walked here: a region has few)."""
        children: dict[str | None, list[str]] = {}
        async for unit in self._units.find({"region": region}, {"unit_id": 1, "parent_unit_id": 1}):
            children.setdefault(unit.get("parent_unit_id"), []).append(unit["unit_id"])
        found, queue = [], [unit_id]
        while queue:
            current = queue.pop()
            if current not in found:
                found.append(current)
                queue += children.get(current, [])
        return found

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

    async def everyone(self, region: str) -> dict[str, dict[str, Any]]:
        """Every employee record of a region by NIP, active or not (one read for a whole run)."""
        return {item["nip"]: item async for item in self._employees.find({"region": region})}

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

    async def delegate_of(self, region: str, ppk_nip: str, year: int) -> str | None:
        """The NIP of the PPK's delegate for that year, if one is named."""
        found = await self._delegations.find_one({"_id": self._id(region, f"{ppk_nip}:{year}")})
        return None if found is None else found.get("delegate_nip")

    async def acting_ppk(self, caller: Principal, nip: str, year: int) -> str | None:
        """The PPK the caller acts as for this employee and year (themself or a delegator), or None.

        Nobody ever acts on their own record, not even as their PPK's delegate. Region HR acts
        as PPK for the top of a chain (someone with no supervisor in the directory).
        """
        if caller.nip == nip:
            return None
        employee = await self.get(caller.region, nip)
        if employee is None:
            return None
        ppk: str | None = employee.get("supervisor_nip")
        if ppk is None:
            return caller.nip if caller.has(Role.REGION_ADMIN) else None
        if ppk == caller.nip:
            return ppk
        if await self.delegate_of(caller.region, ppk, year) != caller.nip:
            return None
        delegate = await self.get(caller.region, caller.nip)
        return ppk if delegate is not None and delegate.get("active", False) else None

    async def is_ppk_or_delegate(self, caller: Principal, nip: str, year: int) -> bool:
        """Whether the caller is the employee's PPK, or their PPK's delegate for that year."""
        return await self.acting_ppk(caller, nip, year) is not None

    async def require_ppk_or_delegate(self, caller: Principal, nip: str, year: int) -> str | None:
        """403 unless PPK or delegate; returns whom a delegate acts for (None: the PPK acts)."""
        ppk = await self.acting_ppk(caller, nip, year)
        if ppk is None:
            raise DomainProblem(
                403,
                reason_id="Hanya PPK pegawai ini atau delegasinya",
                reason_en="Only this employee's PPK or their delegate",
            )
        return None if ppk == caller.nip else ppk

    async def require_self_ppk_or_hr(
        self, caller: Principal, nip: str, year: int | None = None
    ) -> None:
        """403 unless it is the caller's own, a (delegated, given the year) report's, or HR."""
        if caller.nip == nip or caller.has(Role.REGION_ADMIN) or await self.is_ppk_of(caller, nip):
            return
        if year is not None and await self.is_ppk_or_delegate(caller, nip, year):
            return
        raise DomainProblem(
            403,
            reason_id="Hanya untuk pegawai ybs., PPK-nya, atau admin wilayah",
            reason_en="Only for the employee, their PPK, or region HR",
        )


Directory = Annotated[EmployeeDirectory, Depends(from_app_state("directory"))]
"""Route parameter type for the app's directory projection."""
