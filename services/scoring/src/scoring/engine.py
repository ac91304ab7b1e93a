"""Scoring's engine: folds each polled batch into in-memory region years, scores, writes, announces.

Per batch: apply every event (idempotent), rescore the employees it touched with the region's
last estimates, write the changed documents in bulk with their outbox, publish, clear. A region
*sweep* (when the consumer goes idle, at most ``sweep_max_delay`` after a change) re-estimates
rater effects, flags and distribution checks from all facts and rescores everyone, so the
settled state is a function of the set of events only: a replay settles to the same results.
"""

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from contracts import (
    AppealDecided,
    AssessmentSubmitted,
    AttendanceRecorded,
    ComplaintFiled,
    ComplaintStatusChanged,
    DelegationSet,
    EmployeeUpserted,
    Event,
    FeedbackSubmitted,
    PeriodClosed,
    PeriodOpened,
    ProgressReported,
    SkpApproved,
    SupervisorFeedbackRecorded,
    SurveySubmitted,
    UnitPredicateSet,
    UnitUpserted,
)
from kit.calendar import WorkingDays
from kit.directory import EmployeeDirectory
from kit.publishing import event_record
from scoring import evaluate, quality, state, sweep
from scoring.formula import BY_VERSION, formula_for
from scoring.store import SCORES, UNITS, YEARS, ScoringStore, state_id, year_id

log = logging.getLogger(__name__)
Publish = Callable[[dict[str, Any]], Awaitable[None]]
Key = tuple[str, int]  # region, year

EMPLOYEE_EVENTS: dict[type[Event], Callable[[state.State, Any], state.State]] = {
    SkpApproved: state.apply_skp,
    ProgressReported: state.apply_progress,
    AssessmentSubmitted: state.apply_assessment,
    AppealDecided: state.apply_appeal,
    FeedbackSubmitted: state.apply_feedback,
    SupervisorFeedbackRecorded: state.apply_note,
}
CONSUMED: tuple[type[Event], ...] = (
    *EMPLOYEE_EVENTS,
    AttendanceRecorded,
    SurveySubmitted,
    ComplaintFiled,
    ComplaintStatusChanged,
    UnitPredicateSet,
    PeriodOpened,
    PeriodClosed,
    EmployeeUpserted,
    UnitUpserted,
    DelegationSet,
)


@dataclass
class RegionYear:
    """Everything scoring knows about one region and year, held in memory by its only writer."""

    doc: dict[str, Any]
    employees: dict[str, state.State] = field(default_factory=dict)
    units: dict[str, state.State] = field(default_factory=dict)
    context: evaluate.Context | None = None

    @property
    def opened_at(self) -> datetime | None:
        """When region HR opened the year; None: not (yet) known, scores are held."""
        value: datetime | None = self.doc.get("opened_at")
        return value


@dataclass
class Changes:
    """What one batch touched, by document id."""

    employees: dict[str, state.State] = field(default_factory=dict)
    units: dict[str, state.State] = field(default_factory=dict)
    years: set[Key] = field(default_factory=set)


def _fold(
    documents: dict[str, state.State],
    key: str,
    fresh: Callable[[], state.State],
    apply: Callable[[state.State, Any], state.State],
    event: Event,
) -> state.State | None:
    """Apply ``event`` to ``documents[key]`` (created when missing); the new state, or None."""
    current = documents.get(key)
    if current is None:
        new = fresh()
        current = new | {"_id": state_id(new["region"], key, new["year"]), "outbox": []}
    changed = apply(current, event)
    if changed is current and key in documents:
        return None
    documents[key] = changed
    return changed


class Engine:
    """The single writer of scoring state; batches and sweeps never interleave (one lock)."""

    def __init__(
        self,
        store: ScoringStore,
        directory: EmployeeDirectory,
        publish: Publish,
        working_days: WorkingDays,
        *,
        sweep_idle: float = 0.5,
        sweep_max_delay: float = 10.0,
    ) -> None:
        self._store = store
        self._directory = directory
        self._publish = publish
        self._working_days = working_days
        self._idle, self._max_delay = sweep_idle, sweep_max_delay
        self._years: dict[Key, RegionYear] = {}
        self._people: dict[str, dict[str, dict[str, Any]]] = {}
        self._lock = asyncio.Lock()
        self._dirty: set[Key] = set()
        self._wake = asyncio.Event()
        self._sweeper: asyncio.Task[None] | None = None
        self.sweeps = 0
        self.batches = 0

    # --- life cycle --------------------------------------------------------------------------

    async def start(self) -> None:
        """Reload every known region year, send what a crash left unsent, then sweep all."""
        async with self._lock:
            for doc in await self._store.years():
                await self._load(doc["region"], doc["year"], doc)
            self._dirty.update(self._years)
            await self._send_pending()
        self._sweeper = asyncio.create_task(self._sweep_loop(), name="scoring-sweeper")
        self._wake.set()

    async def stop(self) -> None:
        """Stop sweeping (a sweep in progress is cancelled; its work is redone at start)."""
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper

    @property
    def settled(self) -> bool:
        """No change waits for a sweep and nothing is being applied (tests wait for this)."""
        return not self._dirty and not self._lock.locked()

    # --- loading -----------------------------------------------------------------------------

    async def _people_of(self, region: str) -> dict[str, dict[str, Any]]:
        if region not in self._people:
            records = await self._store.employees(region)
            self._people[region] = {doc["nip"]: doc for doc in records}
        return self._people[region]

    async def _load(self, region: str, year: int, doc: dict[str, Any] | None) -> RegionYear:
        await self._people_of(region)
        book = RegionYear(
            doc=doc or {"_id": year_id(region, year), "region": region, "year": year, "outbox": []}
        )
        for item in await self._store.load(SCORES, region, year):
            book.employees[item["nip"]] = item
        for item in await self._store.load(UNITS, region, year):
            book.units[item["unit_id"]] = item
        self._years[(region, year)] = book
        return book

    async def _year(self, region: str, year: int) -> RegionYear:
        return self._years.get((region, year)) or await self._load(region, year, None)

    # --- batches -----------------------------------------------------------------------------

    async def handle(self, events: Sequence[Event]) -> None:
        """Apply a polled batch, rescore what it touched, write and announce; then maybe sweep."""
        async with self._lock:
            changes = Changes()
            for event in events:
                await self._apply(event, changes)
            self._dirty.update(changes.years)
            changes.employees = {key: self._rescore(doc) for key, doc in changes.employees.items()}
            await self._flush(changes)
            self.batches += 1
        if changes.years:
            self._wake.set()

    async def _apply(self, event: Event, changes: Changes) -> None:
        if isinstance(event, EmployeeUpserted | UnitUpserted | DelegationSet):
            await self._apply_directory(event, changes)
        elif isinstance(event, PeriodOpened | PeriodClosed):
            await self._apply_period(event, changes)
        elif (apply := EMPLOYEE_EVENTS.get(type(event))) is not None:
            await self._apply_employee(event, event.year, apply, changes)  # type: ignore[attr-defined]
        elif isinstance(event, AttendanceRecorded):
            await self._apply_employee(event, event.date.year, state.apply_attendance, changes)
        elif isinstance(event, SurveySubmitted):
            year = int(event.period[:4])
            await self._apply_unit(event, year, state.apply_survey, changes)
            if event.officer_nip and event.officer_rating:
                await self._apply_employee(
                    event, year, state.apply_officer_rating, changes, nip=event.officer_nip
                )
        elif isinstance(event, ComplaintFiled):
            await self._apply_unit(
                event, event.occurred_at.year, state.apply_complaint_filed, changes
            )
        elif isinstance(event, ComplaintStatusChanged):
            await self._apply_unit(
                event, event.occurred_at.year, state.apply_complaint_status, changes
            )
        elif isinstance(event, UnitPredicateSet):
            await self._apply_unit(event, event.year, state.apply_org_predicate, changes)

    async def _apply_directory(self, event: Event, changes: Changes) -> None:
        """The API's projection (store) and the engine's memory; held scores may now be due."""
        if isinstance(event, EmployeeUpserted):
            await self._directory.apply(event)
            people = await self._people_of(event.region)
            current = people.get(event.nip)
            if current is None or current["occurred_at"] < state.stamp(event)[0]:
                people[event.nip] = event.model_dump(mode="python") | {
                    "occurred_at": state.stamp(event)[0]
                }
            changes.years.update(key for key in self._years if key[0] == event.region)
        elif isinstance(event, UnitUpserted):
            await self._directory.apply_unit(event)
        elif isinstance(event, DelegationSet):
            await self._directory.apply_delegation(event)

    async def _apply_period(self, event: PeriodOpened | PeriodClosed, changes: Changes) -> None:
        """The first opening fixes the year's formula version; a closing is recorded."""
        book = await self._year(event.region, event.year)
        at = state.stamp(event)[0]
        if isinstance(event, PeriodOpened):
            if book.opened_at is not None and book.opened_at <= at:
                return
            book.doc = book.doc | {
                "opened_at": at,
                "formula_version": formula_for(at).version,
            }
        else:
            if book.doc.get("closed_at") is not None:
                return
            book.doc = book.doc | {"closed_at": at}
        changes.years.add((event.region, event.year))

    async def _apply_employee(
        self,
        event: Event,
        year: int,
        apply: Callable[[state.State, Any], state.State],
        changes: Changes,
        *,
        nip: str | None = None,
    ) -> None:
        nip = nip or str(getattr(event, "nip"))  # noqa: B009 - every employee event has one
        book = await self._year(event.region, year)
        fresh = partial(state.new_state, event.region, nip, year)
        changed = _fold(book.employees, nip, fresh, apply, event)
        if changed is not None:
            changes.employees[changed["_id"]] = changed
            changes.years.add((event.region, year))

    async def _apply_unit(
        self,
        event: Event,
        year: int,
        apply: Callable[[state.State, Any], state.State],
        changes: Changes,
    ) -> None:
        unit_id = str(getattr(event, "unit_id"))  # noqa: B009 - every unit event has one
        book = await self._year(event.region, year)
        fresh = partial(state.new_unit, event.region, unit_id, year)
        changed = _fold(book.units, unit_id, fresh, apply, event)
        if changed is not None:
            book.units[unit_id] = changed | {"result": quality.unit_result(changed)}
            changes.units[changed["_id"]] = book.units[unit_id]
            changes.years.add((event.region, year))

    # --- scoring, writing, announcing --------------------------------------------------------

    def _context(self, key: Key) -> evaluate.Context | None:
        """The year's context, or None while the year is not opened (scores are held)."""
        book = self._years[key]
        if book.opened_at is None:
            return None
        if book.context is None:
            book.context = evaluate.Context(
                formula=formula_for(book.opened_at), working_days=self._working_days
            )
        return book.context

    def _rescore(self, employee: state.State) -> state.State:
        """The employee's state with its new result and, if the result changed, an announcement.

        Held (returned unchanged) while the year is not opened or the directory does not know
        the employee yet: the facts are kept and the sweep after the directory catches up scores.
        """
        key = (employee["region"], employee["year"])
        context = self._context(key)
        person = self._people.get(employee["region"], {}).get(employee["nip"])
        if context is None or person is None:
            return employee
        event = evaluate.score(employee, context, person)
        if event is None:
            return employee
        result = evaluate.result_document(event)
        if result == employee.get("result"):
            return employee
        return employee | {"result": result, "outbox": [*employee["outbox"], event_record(event)]}

    async def _flush(self, changes: Changes) -> None:
        """Write the (already rescored) documents, then announce their outbox records."""
        for employee in changes.employees.values():
            self._years[(employee["region"], employee["year"])].employees[employee["nip"]] = (
                employee
            )
        years = [self._years[key].doc for key in sorted(changes.years)]
        await self._store.write(SCORES, changes.employees.values())
        await self._store.write(UNITS, changes.units.values())
        await self._store.write(YEARS, years)
        await self._announce(SCORES, list(changes.employees.values()))
        await self._announce(YEARS, years)

    async def _announce(self, collection: str, documents: list[dict[str, Any]]) -> None:
        """Publish the documents' outbox records (all acknowledged), then clear the outboxes."""
        pending = [doc for doc in documents if doc.get("outbox")]
        if not pending:
            return
        await asyncio.gather(
            *(self._publish(record) for doc in pending for record in doc["outbox"])
        )
        await self._store.clear_outboxes(collection, [doc["_id"] for doc in pending])
        for doc in pending:
            doc["outbox"] = []

    async def _send_pending(self) -> None:
        """After a restart: what was written but maybe not published goes out (again)."""
        for book in self._years.values():
            await self._announce(SCORES, list(book.employees.values()))
            await self._announce(YEARS, [book.doc])

    # --- sweeps ------------------------------------------------------------------------------

    async def _sweep_loop(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await self._wake.wait()
            started = loop.time()
            while loop.time() - started < self._max_delay:
                self._wake.clear()
                try:
                    await asyncio.wait_for(self._wake.wait(), self._idle)
                except TimeoutError:
                    break
            self._wake.clear()
            try:
                await self.sweep()
            except Exception:
                log.exception("scoring sweep failed; retrying")
                await asyncio.sleep(1)
                self._wake.set()

    async def sweep(self) -> None:
        """Re-estimate and rescore every dirty region year from all of its facts."""
        async with self._lock:
            while self._dirty:
                key = min(self._dirty)
                await self._sweep_year(key)
                self._dirty.discard(key)
            self.sweeps += 1

    async def _sweep_year(self, key: Key) -> None:
        book = self._years[key]
        base = self._context(key)
        if base is None:
            return
        people = self._people.get(key[0], {})
        outcome = sweep.region(book.employees, book.units, people, base)
        book.context = outcome.context
        announcements = [event_record(e) for e in outcome.events(book.doc, key[0])]
        book.doc = book.doc | {
            "flags": outcome.flags_doc,
            "distribution": outcome.distribution_doc,
            "outbox": [*book.doc.get("outbox", []), *announcements],
        }
        changed = {}
        for employee in list(book.employees.values()):
            rescored = self._rescore(employee)
            if rescored is not employee:
                changed[rescored["_id"]] = rescored
        await self._flush(Changes(employees=changed, years={key}))

    # --- reading (API) -----------------------------------------------------------------------

    def rescore_with(self, region: str, nip: str, year: int, version: str) -> dict[str, Any] | None:
        """Recompute one stored score under another formula version (for audits and appeals)."""
        book = self._years.get((region, year))
        person = self._people.get(region, {}).get(nip)
        if book is None or book.context is None or person is None or nip not in book.employees:
            return None
        context = dataclasses.replace(book.context, formula=BY_VERSION[version])
        event = evaluate.score(book.employees[nip], context, person)
        return evaluate.result_document(event) if event else None
