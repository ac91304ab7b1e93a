"""Scoring's engine: folds each polled batch into in-memory region years, then scores and announces.

Per batch: append the events to the store's log (one insert) and fold them into memory (ADR 016).
Scoring is decoupled from batches: an *announcer* rescores the employees changed since its last
pass and publishes the results that changed, at most once per pass however many events touched
them. A region *sweep* (when the consumer goes idle, at the latest ``sweep_max_delay`` after a
change, spaced out when sweeps get long) re-estimates rater effects, flags and distribution
checks from all facts, so the settled state is a function of the set of events only: a replay
settles to the same results. A restart folds the log again and announces every result anew.
"""

import asyncio
import contextlib
import dataclasses
import logging
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
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
from scoring.store import ScoringStore, year_id

log = logging.getLogger(__name__)
Publish = Callable[[dict[str, Any]], Awaitable[None]]
Key = tuple[str, int]  # region, year
Member = tuple[str, int, str]  # region, year, nip or unit id
PUBLISH_AT_ONCE = 200
"""Records in flight at once: a whole pass at once (receipts are large) overflows the
producer's buffer while the broker is busy, and the sends time out."""
YIELD_EVERY = 100
"""Employees rescored between two chances for the event loop to run other work."""
DIRECTORY = (EmployeeUpserted, UnitUpserted, DelegationSet)
"""Kept by ``kit.directory`` in the store already, so not appended to scoring's log."""

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
    """The last sweep's estimates; None until the year's first sweep (nothing is announced)."""

    @property
    def opened_at(self) -> datetime | None:
        """When region HR opened the year; None: not (yet) known, scores are held."""
        value: datetime | None = self.doc.get("opened_at")
        return value


def _fold(
    documents: dict[str, state.State],
    key: str,
    fresh: Callable[[], state.State],
    apply: Callable[[state.State, Any], state.State],
    event: Event,
) -> bool:
    """Apply ``event`` to ``documents[key]`` (created when missing); whether anything changed."""
    current = documents.get(key)
    changed = apply(fresh() if current is None else current, event)
    if changed is current:
        return False
    documents[key] = changed
    return True


@dataclass
class Pacer:
    """Spaces out a recurring job so that it takes at most ``share`` of the time under load."""

    minimum: float
    share: float
    last: float = 0.0

    def delay(self) -> float:
        """Seconds to wait before the next run: the minimum, or longer after a long run."""
        return max(self.minimum, self.last * (1 - self.share) / self.share)

    @contextlib.contextmanager
    def timing(self) -> Iterator[None]:
        """Measure one run."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.last = time.perf_counter() - started


class Engine:
    """The single writer of scoring state (one lock around every change that awaits)."""

    def __init__(
        self,
        store: ScoringStore,
        directory: EmployeeDirectory,
        publish: Publish,
        working_days: WorkingDays,
        *,
        sweep_idle: float = 0.5,
        sweep_max_delay: float = 10.0,
        announce_every: float = 0.2,
    ) -> None:
        self._store = store
        self._directory = directory
        self._publish = publish
        self._working_days = working_days
        self._idle = sweep_idle
        self._sweep_pacer = Pacer(sweep_max_delay, share=0.2)
        self._announce_pacer = Pacer(announce_every, share=0.25)
        self._years: dict[Key, RegionYear] = {}
        self._people: dict[str, dict[str, dict[str, Any]]] = {}
        self._lock = asyncio.Lock()
        self._dirty: set[Key] = set()
        self._stale: set[Member] = set()
        self._stale_units: set[Member] = set()
        self._changed = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._busy = 0
        self.sweeps = 0
        self.batches = 0
        self.passes = 0

    # --- life cycle --------------------------------------------------------------------------

    async def start(self) -> None:
        """Fold the stored log again, then sweep and announce every result (maybe again)."""
        async with self._lock:
            for doc in await self._store.years():
                (await self._year(doc["region"], doc["year"])).doc = doc
            async for event in self._store.facts():
                await self._apply(event)
            self._dirty.update(self._years)
        self._tasks = [
            asyncio.create_task(self._sweep_loop(), name="scoring-sweeper"),
            asyncio.create_task(self._announce_loop(), name="scoring-announcer"),
        ]
        self._changed.set()

    async def stop(self) -> None:
        """Stop sweeping and announcing (work in progress is redone at the next start)."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    @property
    def settled(self) -> bool:
        """Nothing waits for a sweep or an announcement and nothing runs (tests wait for this)."""
        waiting = self._dirty or self._stale or self._stale_units
        return not (waiting or self._busy or self._lock.locked())

    # --- loading -----------------------------------------------------------------------------

    async def _people_of(self, region: str) -> dict[str, dict[str, Any]]:
        if region not in self._people:
            records = await self._store.employees(region)
            self._people[region] = {doc["nip"]: doc for doc in records}
        return self._people[region]

    async def _year(self, region: str, year: int) -> RegionYear:
        if (book := self._years.get((region, year))) is None:
            await self._people_of(region)
            book = RegionYear(doc={"_id": year_id(region, year), "region": region, "year": year})
            self._years[(region, year)] = book
        return book

    # --- batches -----------------------------------------------------------------------------

    async def handle(self, events: Sequence[Event]) -> None:
        """Append a polled batch to the log and fold it in; the announcer scores it."""
        async with self._lock:
            # The store writes while memory folds; the batch is done when both are.
            stored = asyncio.ensure_future(
                self._store.append([e for e in events if not isinstance(e, DIRECTORY)])
            )
            try:
                for event in events:
                    await self._apply(event)
            finally:
                await stored
            self.batches += 1
        self._changed.set()

    async def _apply(self, event: Event) -> None:
        if isinstance(event, DIRECTORY):
            await self._apply_directory(event)
        elif isinstance(event, PeriodOpened | PeriodClosed):
            await self._apply_period(event)
        elif (apply := EMPLOYEE_EVENTS.get(type(event))) is not None:
            await self._apply_employee(event, event.year, apply)  # type: ignore[attr-defined]
        elif isinstance(event, AttendanceRecorded):
            await self._apply_employee(event, event.date.year, state.apply_attendance)
        elif isinstance(event, SurveySubmitted):
            year = int(event.period[:4])
            await self._apply_unit(event, year, state.apply_survey)
            if event.officer_nip and event.officer_rating:
                await self._apply_employee(
                    event, year, state.apply_officer_rating, nip=event.officer_nip
                )
        elif isinstance(event, ComplaintFiled):
            await self._apply_unit(event, event.occurred_at.year, state.apply_complaint_filed)
        elif isinstance(event, ComplaintStatusChanged):
            await self._apply_unit(event, event.occurred_at.year, state.apply_complaint_status)
        elif isinstance(event, UnitPredicateSet):
            await self._apply_unit(event, event.year, state.apply_org_predicate)

    async def _apply_directory(self, event: Event) -> None:
        """The API's projection (store) and the engine's memory; held scores may now be due."""
        if isinstance(event, EmployeeUpserted):
            await self._directory.apply(event)
            people = await self._people_of(event.region)
            current = people.get(event.nip)
            if current is None or current["occurred_at"] < state.stamp(event)[0]:
                people[event.nip] = event.model_dump(mode="python") | {
                    "occurred_at": state.stamp(event)[0]
                }
            self._dirty.update(key for key in self._years if key[0] == event.region)
        elif isinstance(event, UnitUpserted):
            await self._directory.apply_unit(event)
        elif isinstance(event, DelegationSet):
            await self._directory.apply_delegation(event)

    async def _apply_period(self, event: PeriodOpened | PeriodClosed) -> None:
        """The first opening fixes the year's formula version; a closing is recorded."""
        book = await self._year(event.region, event.year)
        at = state.stamp(event)[0]
        if isinstance(event, PeriodOpened):
            if book.opened_at is not None and book.opened_at <= at:
                return
            book.doc = book.doc | {"opened_at": at, "formula_version": formula_for(at).version}
            book.context = None
        else:
            if book.doc.get("closed_at") is not None:
                return
            book.doc = book.doc | {"closed_at": at}
        self._dirty.add((event.region, event.year))

    async def _apply_employee(
        self,
        event: Event,
        year: int,
        apply: Callable[[state.State, Any], state.State],
        *,
        nip: str | None = None,
    ) -> None:
        nip = nip or str(getattr(event, "nip"))  # noqa: B009 - every employee event has one
        book = await self._year(event.region, year)
        fresh = partial(state.new_state, event.region, nip, year)
        if _fold(book.employees, nip, fresh, apply, event):
            self._stale.add((event.region, year, nip))
            self._dirty.add((event.region, year))

    async def _apply_unit(
        self, event: Event, year: int, apply: Callable[[state.State, Any], state.State]
    ) -> None:
        unit_id = str(getattr(event, "unit_id"))  # noqa: B009 - every unit event has one
        book = await self._year(event.region, year)
        fresh = partial(state.new_unit, event.region, unit_id, year)
        if _fold(book.units, unit_id, fresh, apply, event):
            self._stale_units.add((event.region, year, unit_id))
            self._dirty.add((event.region, year))

    # --- announcing --------------------------------------------------------------------------

    async def _announce_loop(self) -> None:
        while True:
            await self._changed.wait()
            self._changed.clear()
            await self._paced(self._announce_pacer, self._announce_pacer.minimum)
            try:
                with self._announce_pacer.timing():
                    await self.announce()
            except Exception:
                log.exception("scoring announcement failed; retrying")
                self._changed.set()
                await asyncio.sleep(1)

    async def _paced(self, pacer: Pacer, quiet: float) -> None:
        """Wait the pacer's delay while batches keep coming; a batch-free ``quiet`` ends it."""
        loop = asyncio.get_running_loop()
        started = loop.time()
        while loop.time() - started < pacer.delay():
            if not await self._changed_or(quiet):
                return

    async def announce(self) -> None:
        """Rescore what changed since the last pass; publish the results that changed."""
        ready = {key for key, book in self._years.items() if book.context is not None}
        due = sorted(m for m in self._stale if m[:2] in ready)
        units = sorted(m for m in self._stale_units if m[:2] in ready)
        # A year not swept yet is skipped: its first sweep marks every member stale again.
        self._stale, self._stale_units = set(), set()
        if not due and not units:
            return
        self._busy += 1
        try:
            for region, year, unit_id in units:
                unit = self._years[(region, year)].units[unit_id]
                self._years[(region, year)].units[unit_id] = unit | {
                    "result": quality.unit_result(unit)
                }
            await self._publish_results(due)
            self.passes += 1
        finally:
            self._busy -= 1

    async def _publish_results(self, due: list[Member]) -> None:
        """Publish every changed result (all acknowledged) before remembering it as announced."""
        changed: dict[Member, tuple[dict[str, Any], dict[str, Any]]] = {}
        for index, member in enumerate(due, start=1):
            found = self._rescore(member)
            if found is not None:
                changed[member] = found
            if index % YIELD_EVERY == 0:
                await asyncio.sleep(0)  # let the consumer's heartbeats and batches run
        try:
            await self._publish_all([record for _, record in changed.values()])
        except BaseException:
            self._stale.update(changed)
            raise
        for (region, year, nip), (result, _) in changed.items():
            employees = self._years[(region, year)].employees
            employees[nip] = employees[nip] | {"result": result}

    async def _publish_all(self, records: list[dict[str, Any]]) -> None:
        """Publish records a slice at a time, each slice acknowledged before the next."""
        for start in range(0, len(records), PUBLISH_AT_ONCE):
            await asyncio.gather(*map(self._publish, records[start : start + PUBLISH_AT_ONCE]))

    def _rescore(self, member: Member) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """The employee's new result and its announcement, or None when unchanged or held.

        Held while the year is not opened or the directory does not know the employee yet: the
        facts are kept and the sweep after the directory catches up scores them.
        """
        region, year, nip = member
        book = self._years[(region, year)]
        person = self._people.get(region, {}).get(nip)
        employee = book.employees[nip]
        if book.context is None or person is None:
            return None
        event = evaluate.score(employee, book.context, person)
        if event is None:
            return None
        result = evaluate.result_document(event)
        if result == employee.get("result"):
            return None
        return result, event_record(event)

    # --- sweeps ------------------------------------------------------------------------------

    async def _sweep_loop(self) -> None:
        while True:
            if not self._dirty:
                await asyncio.sleep(self._idle)
                continue
            await self._paced(self._sweep_pacer, self._idle)
            try:
                with self._sweep_pacer.timing():
                    await self.sweep()
            except Exception:
                log.exception("scoring sweep failed; retrying")
                await asyncio.sleep(1)

    async def _changed_or(self, seconds: float) -> bool:
        """Wait until a batch arrives (True) or ``seconds`` pass quietly (False)."""
        before = self.batches
        await asyncio.sleep(seconds)
        return self.batches != before

    async def sweep(self) -> None:
        """Re-estimate every dirty region year from all of its facts; announce what changed."""
        self._busy += 1
        try:
            while self._dirty:
                key = min(self._dirty)
                self._dirty.discard(key)
                await self._sweep_year(key)
            self.sweeps += 1
        finally:
            self._busy -= 1
        self._changed.set()

    async def _sweep_year(self, key: Key) -> None:
        """Estimate from a snapshot in a thread, so batches and heartbeats go on meanwhile.

        Whatever a batch changes during the sweep marks the year dirty again: the next sweep
        sees it. A year whose opening moved meanwhile keeps its context until that sweep.
        """
        book = self._years[key]
        if book.opened_at is None:
            return
        formula = formula_for(book.opened_at)
        base = evaluate.Context(formula=formula, working_days=self._working_days)
        snapshot = (dict(book.employees), dict(book.units), dict(self._people.get(key[0], {})))
        outcome = await asyncio.to_thread(sweep.region, *snapshot, base)
        announced = {"flags": outcome.flags_doc, "distribution": outcome.distribution_doc}
        try:
            await self._publish_all([event_record(e) for e in outcome.events(book.doc, key[0])])
            await self._store.save_year(book.doc | announced)
        except BaseException:
            self._dirty.add(key)
            raise
        book.doc = book.doc | announced  # the period fields may have changed meanwhile
        if book.opened_at is not None and formula_for(book.opened_at) == formula:
            book.context = outcome.context
        self._stale.update((*key, nip) for nip in book.employees)
        self._stale_units.update((*key, unit_id) for unit_id in book.units)

    # --- reading (API) -----------------------------------------------------------------------

    def result(self, region: str, nip: str, year: int) -> dict[str, Any] | None:
        """The employee's last announced result with its receipt, if any."""
        book = self._years.get((region, year))
        employee = book.employees.get(nip) if book else None
        return employee.get("result") if employee else None

    def unit_quality(self, region: str, unit_id: str, year: int) -> dict[str, Any] | None:
        """The unit's IKM and complaint signals as of the last announcer pass."""
        book = self._years.get((region, year))
        unit = book.units.get(unit_id) if book else None
        return unit.get("result") if unit else None

    def year(self, region: str, year: int) -> dict[str, Any]:
        """The region year's last announced flags and distribution checks."""
        book = self._years.get((region, year))
        return book.doc if book else {}

    def rescore_with(self, region: str, nip: str, year: int, version: str) -> dict[str, Any] | None:
        """Recompute one stored score under another formula version (for audits and appeals)."""
        book = self._years.get((region, year))
        person = self._people.get(region, {}).get(nip)
        if book is None or book.context is None or person is None or nip not in book.employees:
            return None
        context = dataclasses.replace(book.context, formula=BY_VERSION[version])
        event = evaluate.score(book.employees[nip], context, person)
        return evaluate.result_document(event) if event else None
