"""Who may act as an employee's PPK: the PPK, or the delegate they named for that year."""

from typing import Any, cast

import pytest
from faststream.kafka import KafkaBroker
from pymongo.asynchronous.database import AsyncDatabase

from contracts import DelegationSet
from kit.auth import Principal, Role
from kit.consumer import Consumers
from kit.directory import DELEGATIONS, EMPLOYEES, EmployeeDirectory
from kit.inbox import Inbox
from kit.mongo import Document
from kit.problems import DomainProblem
from tests import factories

REGION = factories.REGION
YEAR = 2026


class MemoryCollection:
    """The one read the rules use (``find_one`` by ``_id``), backed by a dict."""

    def __init__(self) -> None:
        self.documents: dict[str, dict[str, Any]] = {}

    async def find_one(self, query: dict[str, Any]) -> dict[str, Any] | None:
        return self.documents.get(query["_id"])


class MemoryDatabase(dict[str, MemoryCollection]):
    """Collections by name, created on first use."""

    def __missing__(self, name: str) -> MemoryCollection:
        self[name] = MemoryCollection()
        return self[name]


class Team:
    """A PPK with two reports, a colleague outside the team, and a directory of them."""

    def __init__(self) -> None:
        self.ppk, self.worker, self.peer, self.colleague = (factories.nip() for _ in range(4))
        self.db = MemoryDatabase()
        self.directory = EmployeeDirectory(cast(AsyncDatabase[Document], self.db))
        self.employee(self.ppk)
        self.employee(self.worker, supervisor=self.ppk)
        self.employee(self.peer, supervisor=self.ppk)
        self.employee(self.colleague)

    def employee(self, nip: str, *, supervisor: str | None = None, active: bool = True) -> None:
        record = {"region": REGION, "nip": nip, "supervisor_nip": supervisor, "active": active}
        self.db[EMPLOYEES].documents[f"{REGION}:{nip}"] = record

    def delegate(self, nip: str | None, year: int = YEAR) -> None:
        record = {"region": REGION, "ppk_nip": self.ppk, "delegate_nip": nip, "year": year}
        self.db[DELEGATIONS].documents[f"{REGION}:{self.ppk}:{year}"] = record

    async def acts_for(self, caller: str, nip: str, year: int = YEAR) -> str | None:
        principal = Principal(nip=caller, region=REGION, roles=frozenset({Role.PEGAWAI}))
        return await self.directory.acting_ppk(principal, nip, year)


async def test_the_ppk_acts_for_themself_and_nobody_else_without_a_delegation() -> None:
    team = Team()

    assert await team.acts_for(team.ppk, team.worker) == team.ppk
    assert await team.acts_for(team.colleague, team.worker) is None
    assert await team.acts_for(team.peer, team.worker) is None


async def test_a_delegate_acts_for_the_ppk_in_the_delegated_year_only() -> None:
    team = Team()
    team.delegate(team.colleague)

    assert await team.acts_for(team.colleague, team.worker) == team.ppk
    assert await team.acts_for(team.colleague, team.worker, YEAR + 1) is None
    assert await team.acts_for(team.colleague, team.ppk) is None  # not the PPK's own plan


async def test_a_delegate_from_the_team_never_judges_their_own_plan() -> None:
    team = Team()
    team.delegate(team.peer)

    assert await team.acts_for(team.peer, team.worker) == team.ppk
    assert await team.acts_for(team.peer, team.peer) is None


async def test_a_withdrawn_delegation_or_an_inactive_delegate_gives_no_right() -> None:
    team = Team()
    team.delegate(None)
    assert await team.acts_for(team.colleague, team.worker) is None

    team.delegate(team.colleague)
    team.employee(team.colleague, active=False)
    assert await team.acts_for(team.colleague, team.worker) is None


async def test_require_names_the_ppk_only_when_a_delegate_acts() -> None:
    team = Team()
    team.delegate(team.colleague)

    def caller(nip: str) -> Principal:
        return Principal(nip=nip, region=REGION, roles=frozenset({Role.PEGAWAI}))

    directory = team.directory
    assert await directory.require_ppk_or_delegate(caller(team.ppk), team.worker, YEAR) is None
    assert (
        await directory.require_ppk_or_delegate(caller(team.colleague), team.worker, YEAR)
        == team.ppk
    )
    assert await directory.is_ppk_or_delegate(caller(team.colleague), team.worker, YEAR)
    with pytest.raises(DomainProblem) as refused:
        await directory.require_ppk_or_delegate(caller(team.worker), team.peer, YEAR)
    assert refused.value.status == 403


def test_the_projection_follows_delegation_events_and_they_are_keyed_by_ppk() -> None:
    consumers = Consumers(
        cast(KafkaBroker, None), cast(Inbox, None), group="unit-tests", attempts=1
    )
    EmployeeDirectory(cast(AsyncDatabase[Document], MemoryDatabase())).subscribe(consumers)
    ppk = factories.nip()
    withdrawn = DelegationSet(
        region=REGION, producer="tests", ppk_nip=ppk, delegate_nip=None, year=YEAR, set_by=ppk
    )

    assert DelegationSet.topic() == "delegation.set.v1"
    assert DelegationSet.topic() in consumers.topics
    assert withdrawn.key() == ppk
