"""Scoring's engine: folds each polled batch into in-memory region years, then scores and announces.

Per batch: append the events to the store's log (one insert) and fold them into memory (ADR 016).
Scoring is decoupled from batches: an *announcer* rescores the employees changed since its last
pass and publishes the results that changed, at most once per pass however many events touched
them. A region *sweep* (when the consumer goes idle, at the latest ``sweep_max_delay`` after a
change, spaced out when sweeps get long) re-estimates rater effects, flags and distribution
checks from all facts, so the settled state is a function of the set of events only: a replay
settles to the same results. A restart folds the log again and announces every result anew.

Sweeps and scoring run in a worker process on snapshots (ADR 018), so this process only
folds, stores and publishes; both wait while the consumer drains a backlog.
"""

import asyncio
import contextlib
import dataclasses
import json
import logging
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from itertools import groupby
from typing import Any, TypeVar, cast

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
from kit.consumer import Delivered
from kit.directory import EmployeeDirectory
from kit.publishing import event_record
from scoring import evaluate, quality, state, worker
from scoring.formula import BY_VERSION, formula_for
from scoring.rater_effects import Tally
from scoring.store import ScoringStore, year_id

log = logging.getLogger(__name__)
T = TypeVar("T")
Publish = Callable[[dict[str, Any]], Awaitable[None]]
Key = tuple[str, int]  # region, year
Member = tuple[str, int, str]  # region, year, nip or unit id
PUBLISH_AT_ONCE = 200
"""Records in flight at once: a whole pass at once (receipts are large) overflows the
producer's buffer while the broker is busy, and the sends time out."""
ANNOUNCE_SHARE = 0.1
SWEEP_SHARE = 0.1
"""At most this share of the time goes to announcing (sweeping) while batches keep coming: a
backlog is drained first, and results announced under load are superseded anyway."""
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
    results: dict[str, str] = field(default_factory=dict)
    """Each employee's last announced result (JSON), to announce only what changes."""

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
        backlog: Callable[[], bool] = lambda: False,
        hold: float = 30.0,
    ) -> None:
        self._store = store
        self._directory = directory
        self._publish = publish
        self._working_days = working_days
        self._idle = sweep_idle
        self._backlog = backlog
        self._hold = hold
        self._sweep_pacer = Pacer(sweep_max_delay, share=SWEEP_SHARE)
        self._announce_pacer = Pacer(announce_every, share=ANNOUNCE_SHARE)
        self._years: dict[Key, RegionYear] = {}
        self._people: dict[str, dict[str, dict[str, Any]]] = {}
        self._lock = asyncio.Lock()
        self._dirty: set[Key] = set()
        self._stale: set[Member] = set()
        self._stale_units: set[Member] = set()
        self._tallies: dict[Member, tuple[dict[str, Any], Tally]] = {}
        self._changed = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._busy = 0
        self._pool = worker.new_pool()
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
            asyncio.create_task(self._warm(), name="scoring-worker-start"),
            asyncio.create_task(self._sweep_loop(), name="scoring-sweeper"),
            asyncio.create_task(self._announce_loop(), name="scoring-announcer"),
        ]
        self._changed.set()

    async def _warm(self) -> None:
        """Start the worker process (its imports take a while) before the first sweep needs it.

        A failure here is only logged: the first pass starts a worker again and retries.
        """
        try:
            await self._in_worker(worker.slim, {}, {})
        except Exception:
            log.exception("scoring worker did not start; the first pass retries")

    async def stop(self) -> None:
        """Stop sweeping and announcing (work in progress is redone at the next start)."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._pool.shutdown(wait=False, cancel_futures=True)

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

    async def handle(self, batch: Sequence[Delivered]) -> None:
        """Append a polled batch to the log and fold it in; the announcer scores it."""
        async with self._lock:
            # The store writes while memory folds; the batch is done when both are.
            stored = asyncio.ensure_future(
                self._store.append([d for d in batch if not isinstance(d.event, DIRECTORY)])
            )
            try:
                for delivered in batch:
                    await self._apply(delivered.event)
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
            await self._after_backlog(self._announce_pacer.minimum)
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

    async def _after_backlog(self, quiet: float) -> None:
        """Wait (at most ``hold`` seconds) while the consumer drains a backlog, then for its end.

        Results announced meanwhile would be superseded within seconds: a replay is swept and
        announced once, after its last batch (a batch-free ``quiet``), not at every pass.
        """
        loop = asyncio.get_running_loop()
        until = loop.time() + self._hold
        held = False
        while self._backlog() and loop.time() < until:
            held = True
            await self._changed_or(self._announce_pacer.minimum)  # the next batch may say more
        while held and loop.time() < until and await self._changed_or(quiet):
            pass  # the last batches of the backlog are still coming

    async def announce(self) -> None:
        """Rescore what changed since the last pass; publish the results that changed."""
        ready = {key for key, book in self._years.items() if book.context is not None}
        due = sorted(m for m in self._stale if m[:2] in ready)
        units = sorted(m for m in self._stale_units if m[:2] in ready)
        # A year not swept yet is skipped: its first sweep scores every member.
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
            for key, members in groupby(due, key=lambda member: member[:2]):
                await self._score_year(cast(Key, key), [nip for _, _, nip in members])
            self.passes += 1
        finally:
            self._busy -= 1

    async def _score_year(self, key: Key, nips: list[str]) -> None:
        """Score some employees of a swept year in the worker; publish what changed."""
        book = self._years[key]
        assert book.context is not None
        people = self._people.get(key[0], {})
        employees = {nip: self._slim(key, nip) for nip in nips}
        known = {nip: people[nip] for nip in nips if nip in people}
        try:
            scored = await self._in_worker(worker.score_all, employees, book.context, known)
        except BaseException:
            self._stale.update((*key, nip) for nip in nips)
            raise
        await self._publish_results(key, scored)

    def _slim(self, key: Key, nip: str) -> state.State:
        """The employee's state for the worker, its feedback counted again only if it changed."""
        employee = self._years[key].employees[nip]
        counted = self._tallies.get((*key, nip))
        if counted is None or counted[0] is not employee["feedback"]:
            counted = (employee["feedback"], state.feedback_tally(employee))
            self._tallies[(*key, nip)] = counted
        return worker.slim(employee, counted[1])

    async def _publish_results(self, key: Key, scored: list[worker.Scored]) -> None:
        """Publish every changed result (all acknowledged) before remembering it as announced.

        A result may be older than the state by now: the fold marked that employee stale again,
        so the next pass announces the newer one.
        """
        results = self._years[key].results
        changed = [item for item in scored if results.get(item.nip) != item.result]
        try:
            await self._publish_all([item.record for item in changed])
        except BaseException:
            self._stale.update((*key, item.nip) for item in changed)
            raise
        results.update((item.nip, item.result) for item in changed)

    async def _publish_all(self, records: list[dict[str, Any]]) -> None:
        """Publish records a slice at a time, each slice acknowledged before the next."""
        for start in range(0, len(records), PUBLISH_AT_ONCE):
            await asyncio.gather(*map(self._publish, records[start : start + PUBLISH_AT_ONCE]))

    async def _in_worker(self, function: Callable[..., T], *arguments: Any) -> T:
        """Run ``function`` in the worker process; a worker that died is replaced for the retry."""
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._pool, function, *arguments)
        except BrokenProcessPool:
            self._pool.shutdown(wait=False)
            self._pool = worker.new_pool()
            raise

    # --- sweeps ------------------------------------------------------------------------------

    async def _sweep_loop(self) -> None:
        while True:
            if not self._dirty:
                await asyncio.sleep(self._idle)
                continue
            await self._paced(self._sweep_pacer, self._idle)
            await self._after_backlog(self._idle)
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
        """Re-estimate every dirty region year once from all of its facts; announce changes.

        Once: a year changed during its sweep waits for the next, paced one (under load, a
        loop until nothing is dirty would sweep back to back).
        """
        self._busy += 1
        try:
            due = sorted(self._dirty)
            self._dirty.difference_update(due)
            for index, key in enumerate(due):
                try:
                    await self._sweep_year(key)
                except BaseException:
                    self._dirty.update(due[index:])
                    raise
            self.sweeps += 1
        finally:
            self._busy -= 1
        self._changed.set()

    async def _sweep_year(self, key: Key) -> None:
        """Estimate from a snapshot in the worker, so batches and heartbeats go on meanwhile.

        The same pass scores every employee with the new estimates. Whatever a batch changes
        during the sweep marks the year dirty and the employee stale again: the next sweep and
        pass see it. A year whose opening moved meanwhile keeps its context until that sweep.
        """
        book = self._years[key]
        if book.opened_at is None:
            return
        formula = formula_for(book.opened_at)
        base = evaluate.Context(formula=formula, working_days=self._working_days)
        employees = {nip: self._slim(key, nip) for nip in book.employees}
        people = dict(self._people.get(key[0], {}))
        try:
            outcome, scored = await self._in_worker(
                worker.sweep_and_score, employees, dict(book.units), people, base
            )
            announced = {"flags": outcome.flags_doc, "distribution": outcome.distribution_doc}
            await self._publish_all([event_record(e) for e in outcome.events(book.doc, key[0])])
            await self._store.save_year(book.doc | announced)
        except BaseException:
            self._dirty.add(key)
            raise
        book.doc = book.doc | announced  # the period fields may have changed meanwhile
        self._stale_units.update((*key, unit_id) for unit_id in book.units)
        if book.opened_at is None or formula_for(book.opened_at) != formula:
            return  # scored under a formula no longer the year's: the next sweep redoes it
        book.context = outcome.context
        await self._publish_results(key, scored)

    # --- reading (API) -----------------------------------------------------------------------

    def result(self, region: str, nip: str, year: int) -> dict[str, Any] | None:
        """The employee's last announced result with its receipt, if any."""
        book = self._years.get((region, year))
        found = book.results.get(nip) if book else None
        return json.loads(found) if found else None

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
