"""Scoring throughput: feedback in, score.computed out, vs a bare aiokafka consumer.

A fresh region with a synthetic population is published (directory, an opened year), then a
backlog of ``FeedbackSubmitted`` events (optionally mixed with progress reports and surveys).
A bare aiokafka consumer drains the feedback backlog first (the baseline); then the real scoring
service runs in-process and drains it too. Numbers are printed, never asserted.

Run: ``.venv/bin/python bench/scoring_throughput.py --employees 2000 --events 100000``
"""

import argparse
import asyncio
import hashlib
import itertools
import json
import logging
import os
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer
from aiokafka.errors import KafkaError
from aiokafka.structs import TopicPartition
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from pymongo import AsyncMongoClient
from pymongo.errors import PyMongoError

from contracts import (
    EmployeeUpserted,
    Event,
    FeedbackSubmitted,
    PeriodOpened,
    ProgressReported,
    ScoreComputed,
    SurveySubmitted,
    UnitUpserted,
    dead_letter_topic,
)
from contracts.vocabulary import BerakhlakValue, Cadence, FeedbackSource, IkmElement, PositionType
from kit.broker import ensure_topics
from scoring.app import create_app
from scoring.engine import Engine
from scoring.settings import ScoringSettings

if not __package__:  # run as a file (python bench/x.py): make the `bench` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._kafka import (
    SETUP_LIMIT_S,
    BenchError,
    Offsets,
    OutRecord,
    Stopwatch,
    add_connection_arguments,
    commit_offsets,
    consume_bare,
    delete_topics,
    event_record,
    format_ratio,
    fresh_name,
    mongo_url,
    produce,
    sampling_ratio,
    versions_line,
)

YEAR = 2026
PRODUCER = "bench"
UNIT_SIZE = 20
RATEES_MIN, RATEES_MAX = 3, 6
"""How many colleagues of their own unit each member rates; the events cycle through them."""
LEVEL_MEAN, LEVEL_SD = 3.4, 0.6
LENIENCY_SD = 0.4
ITEM_NOISE_SD = 0.7
NIP_PREFIX = "19850101"
FEEDBACK_TOPIC = FeedbackSubmitted.topic()
INPUT_TOPICS = (FEEDBACK_TOPIC, ProgressReported.topic(), SurveySubmitted.topic())
SETUP_TOPICS = (UnitUpserted.topic(), EmployeeUpserted.topic(), PeriodOpened.topic())
POLL_S = 0.25
PROGRESS_EVERY_S = 5.0
BASELINE = "aiokafka baseline"
InputEvent = FeedbackSubmitted | ProgressReported | SurveySubmitted


@dataclass(frozen=True)
class Member:
    """A synthetic employee and the hidden numbers their feedback scatters around."""

    nip: str
    unit_id: str
    supervisor_nip: str | None
    heads_unit: bool
    level: float
    leniency: float


@dataclass(frozen=True)
class Unit:
    """An organisation unit of about ``UNIT_SIZE`` people under the region's top unit."""

    unit_id: str
    head_nip: str
    parent_unit_id: str | None


@dataclass(frozen=True)
class Link:
    """Who rates whom, and as what (the feedback service's eligibility rules)."""

    rater: Member
    ratee: Member
    source: FeedbackSource


@dataclass(frozen=True)
class Population:
    """One region's people, units and rating links, all derived from a seed."""

    region: str
    units: tuple[Unit, ...]
    members: tuple[Member, ...]
    links: tuple[Link, ...]


def make_population(seed: int, employees: int, region: str) -> Population:
    """Units of ~20 with a head each; heads report to the top unit's head; links per unit."""
    rng = random.Random(seed)
    unit_count = max(1, round(employees / UNIT_SIZE))
    bounds = [employees * index // unit_count for index in range(unit_count + 1)]
    top_nip = nip_of(0)
    units: list[Unit] = []
    members: list[Member] = []
    for index, (first, end) in enumerate(itertools.pairwise(bounds)):
        unit_id, head_nip = f"unit-{index:04d}", nip_of(first)
        units.append(Unit(unit_id, head_nip, None if index == 0 else units[0].unit_id))
        for number in range(first, end):
            head = number == first
            boss = (None if index == 0 else top_nip) if head else head_nip
            level, leniency = rng.gauss(LEVEL_MEAN, LEVEL_SD), rng.gauss(0.0, LENIENCY_SD)
            members.append(Member(nip_of(number), unit_id, boss, head, level, leniency))
    return Population(region, tuple(units), tuple(members), tuple(rating_links(rng, members)))


def nip_of(number: int) -> str:
    """A valid 18-digit NIP; the region is fresh, so plain sequence numbers cannot clash."""
    return f"{NIP_PREFIX}{number:010d}"


def rating_links(rng: random.Random, members: list[Member]) -> Iterator[Link]:
    """Each member rates a handful of colleagues of their own unit."""
    by_unit: dict[str, list[Member]] = {}
    for member in members:
        by_unit.setdefault(member.unit_id, []).append(member)
    for rater in members:
        colleagues = [m for m in by_unit[rater.unit_id] if m.nip != rater.nip]
        count = min(len(colleagues), rng.randint(RATEES_MIN, RATEES_MAX))
        for ratee in rng.sample(colleagues, count):
            yield Link(rater, ratee, source_of(rater, ratee))


def source_of(rater: Member, ratee: Member) -> FeedbackSource:
    """Subordinate about one's own PPK, team from the unit head, peer otherwise."""
    if rater.supervisor_nip == ratee.nip:
        return FeedbackSource.SUBORDINATE
    if rater.heads_unit:
        return FeedbackSource.TEAM
    return FeedbackSource.PEER


def rater_ref(region: str, nip: str) -> str:
    """A pseudonym stable per region, as the feedback service publishes instead of the NIP."""
    return "rr-" + hashlib.blake2b(f"{region}:{nip}".encode(), digest_size=8).hexdigest()


def directory_events(population: Population) -> Iterator[Event]:
    """Units, employees and the opened year: what scoring must know before it scores."""
    region = population.region
    for unit in population.units:
        yield UnitUpserted(
            region=region,
            producer=PRODUCER,
            unit_id=unit.unit_id,
            name=f"Unit {unit.unit_id}",
            parent_unit_id=unit.parent_unit_id,
            head_nip=unit.head_nip,
        )
    for member in population.members:
        yield EmployeeUpserted(
            region=region,
            producer=PRODUCER,
            nip=member.nip,
            name=f"Pegawai {member.nip[-4:]}",
            unit_id=member.unit_id,
            position_type=PositionType.PENGAWAS if member.heads_unit else PositionType.PELAKSANA,
            supervisor_nip=member.supervisor_nip,
        )
    yield PeriodOpened(
        region=region,
        producer=PRODUCER,
        year=YEAR,
        cadence=Cadence.MONTHLY,
        opened_by=population.units[0].head_nip,
    )


def input_events(
    population: Population, events: int, mix: float, seed: int
) -> Iterator[InputEvent]:
    """``events`` inputs walking through the year; exactly ``mix`` of them progress or surveys.

    Feedback cycles through the rating links; the first event is always feedback.
    """
    rng = random.Random(seed + 1)
    links = itertools.cycle(population.links)
    others: Iterator[Callable[[Population, random.Random, int, str], InputEvent]]
    others = itertools.cycle((progress_event, survey_event))
    for index in range(events):
        period = f"{YEAR}-{1 + 12 * index // events:02d}"
        if int((index + 1) * mix) > int(index * mix):
            yield next(others)(population, rng, index, period)
        else:
            yield feedback_event(population.region, next(links), rng, index, period)


def feedback_id(region: str, link: Link, period: str) -> str:
    """One submission per rater, colleague and period, as the feedback service keys it: a
    second event for the same three is an edit that replaces the first."""
    key = f"{region}:{link.rater.nip}:{link.ratee.nip}:{period}"
    return "fb-" + hashlib.blake2b(key.encode(), digest_size=12).hexdigest()


def feedback_event(
    region: str, link: Link, rng: random.Random, index: int, period: str
) -> FeedbackSubmitted:
    """1-5 per BerAKHLAK value around the ratee's level, shifted by the rater's leniency."""
    centre = link.ratee.level + link.rater.leniency
    return FeedbackSubmitted(
        region=region,
        producer=PRODUCER,
        feedback_id=feedback_id(region, link, period),
        nip=link.ratee.nip,
        year=YEAR,
        period=period,
        source=link.source,
        rater_ref=rater_ref(region, link.rater.nip),
        scores={
            value: min(5, max(1, round(rng.gauss(centre, ITEM_NOISE_SD))))
            for value in BerakhlakValue
        },
    )


def progress_event(
    population: Population, rng: random.Random, index: int, period: str
) -> ProgressReported:
    """A monthly realisation of one of three IKI of a random employee."""
    member = rng.choice(population.members)
    achieved = round(rng.uniform(60.0, 120.0), 1)
    return ProgressReported(
        region=population.region,
        producer=PRODUCER,
        progress_id=f"pr-{index}",
        skp_id=f"{population.region}-{member.nip}-{YEAR}",
        nip=member.nip,
        year=YEAR,
        period=period,
        rhk_id="rhk-1",
        iki_id=f"iki-{rng.randint(1, 3)}",
        realisation=achieved,
        achievement_pct=achieved,
    )


def survey_event(
    population: Population, rng: random.Random, index: int, period: str
) -> SurveySubmitted:
    """A citizen's IKM answers about a random officer's unit, with an officer rating."""
    officer = rng.choice(population.members)
    return SurveySubmitted(
        region=population.region,
        producer=PRODUCER,
        survey_id=f"sv-{index}",
        unit_id=officer.unit_id,
        service_id="svc-1",
        period=period,
        answers={element: rng.randint(2, 4) for element in IkmElement},
        officer_nip=officer.nip,
        officer_rating=rng.randint(3, 5),
    )


def counted_records(events: Iterator[Event], counts: Counter[str]) -> Iterator[OutRecord]:
    """Kafka records of the events (traced as sampled), counting them per topic on the way."""
    ratio = sampling_ratio()
    for event in events:
        counts[event.topic()] += 1
        yield event_record(event, ratio=ratio)


def lag(
    ends: dict[TopicPartition, int],
    committed: dict[TopicPartition, int],
    starts: dict[TopicPartition, int],
) -> int:
    """Records not yet committed; a partition the group never committed on is at its start."""
    return sum(max(0, end - committed.get(tp, starts[tp])) for tp, end in ends.items())


@dataclass(frozen=True)
class RunResult:
    """One run: the baseline, the service's drain and its output, kept for the summary."""

    repeat: int
    region: str
    events: int
    measured: int
    baseline_events: int
    baseline_s: float
    started_s: float
    drained_s: float
    outputs: int
    last_output_s: float | None

    @property
    def baseline_rate(self) -> float:
        """Feedback events per second through the bare consumer."""
        return self.baseline_events / self.baseline_s

    @property
    def input_rate(self) -> float:
        """Input events per second through the service, app start to all offsets committed."""
        return self.measured / self.drained_s

    @property
    def scored_s(self) -> float:
        """Seconds from app start until every input was committed and reflected in the output."""
        return max(self.drained_s, self.last_output_s or 0.0)

    @property
    def scored_rate(self) -> float:
        """Input events per second, end to end: feedback in, the last score.computed out."""
        return self.measured / self.scored_s

    @property
    def ratio(self) -> float:
        """The service's end-to-end rate as a share of the bare consumer's."""
        return self.scored_rate / self.baseline_rate

    @property
    def replay_s(self) -> float:
        """Seconds a replay of one million input events would take at the end-to-end rate."""
        return 1_000_000 / self.scored_rate


class OutputWatcher:
    """Counts this region's score.computed records as they arrive, from given offsets on."""

    def __init__(self, bootstrap: str, region: str, starts: dict[TopicPartition, int]) -> None:
        """Nothing runs until ``start``."""
        self.count = 0
        self.last = 0.0
        self._region = region
        self._starts = starts
        self._consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Read from the offsets captured before the service started, in the background."""
        async with asyncio.timeout(SETUP_LIMIT_S):
            await self._consumer.start()
        self._consumer.assign(list(self._starts))
        for partition, offset in self._starts.items():
            self._consumer.seek(partition, offset)
        self._task = asyncio.create_task(self._read())

    async def stop(self) -> None:
        """Stop reading; safe after a failed start."""
        if self._task is not None:
            self._task.cancel()
        await self._consumer.stop()

    async def _read(self) -> None:
        """Count and time the region's records; a cheap JSON look, not a model validation."""
        while True:
            batches = await self._consumer.getmany(timeout_ms=500)
            for records in batches.values():
                for record in records:
                    if record.value and json.loads(record.value).get("region") == self._region:
                        self.count += 1
                        self.last = time.perf_counter()

    def progress(self) -> str:
        """The output so far, for the progress lines."""
        return f", score.computed {self.count}"

    async def settle(self, since: float, quiet_s: float, deadline: float) -> None:
        """Wait until no record came for ``quiet_s`` after ``since``; progress meanwhile."""
        report_at = since + PROGRESS_EVERY_S
        while (now := time.perf_counter()) - max(since, self.last) < quiet_s:
            if self._task is not None and self._task.done():
                self._task.result()  # the reader failed: raise its error, never count on
            if now > deadline:
                raise BenchError(f"score.computed still arriving ({self.count} so far)")
            if now >= report_at:
                print(f"  waiting for score.computed to stop{self.progress()}", flush=True)
                report_at += PROGRESS_EVERY_S
            await asyncio.sleep(POLL_S)


@dataclass
class Drain:
    """What one wait for a group to commit everything is about."""

    label: str
    group: str
    ends: dict[TopicPartition, int]
    starts: dict[TopicPartition, int]
    origin: float
    limit_s: float

    @property
    def total(self) -> int:
        """Records between the start and end offsets."""
        return sum(end - self.starts[tp] for tp, end in self.ends.items())


async def wait_drained(
    kafka: Offsets, drain: Drain, extra: Callable[[], str] = lambda: ""
) -> float:
    """Seconds from ``origin`` until the group committed every end offset; progress meanwhile."""
    report_at = PROGRESS_EVERY_S
    while True:
        left = lag(drain.ends, await kafka.committed(drain.group), drain.starts)
        elapsed = time.perf_counter() - drain.origin
        if left == 0:
            return elapsed
        done = f"consumed {drain.total - left}/{drain.total}, lag {left}{extra()}"
        if elapsed > drain.limit_s:
            raise BenchError(f"{drain.label}: {done} after {drain.limit_s:.0f}s")
        if elapsed >= report_at:
            print(f"  {drain.label} {elapsed:6.1f}s {done}", flush=True)
            report_at += PROGRESS_EVERY_S
        await asyncio.sleep(POLL_S)


async def wait_subscription(kafka: Offsets, group: str, limit_s: float) -> frozenset[str]:
    """The topics the service's consumer group subscribed to, once it has joined."""
    deadline = time.perf_counter() + limit_s
    while (topics := await kafka.subscription(group)) is None:
        if time.perf_counter() > deadline:
            raise BenchError(f"consumer group {group} did not become stable")
        await asyncio.sleep(POLL_S)
    return topics


async def wait_settled(engine: Engine, deadline: float, extra: Callable[[], str]) -> None:
    """Until the engine has swept and announced everything it consumed; progress meanwhile."""
    report_at = time.perf_counter() + PROGRESS_EVERY_S
    while not engine.settled:
        if (now := time.perf_counter()) > deadline:
            raise BenchError(f"the engine did not settle{extra()}")
        if now >= report_at:
            print(f"  waiting for the last sweep and announcements{extra()}", flush=True)
            report_at += PROGRESS_EVERY_S
        await asyncio.sleep(POLL_S)


@dataclass(frozen=True)
class Run:
    """Names, settings and offsets of one run, shared by its steps."""

    args: argparse.Namespace
    population: Population
    settings: ScoringSettings
    starts: dict[TopicPartition, int]

    @property
    def group(self) -> str:
        """The service's consumer group: its service name."""
        return self.settings.service_name


def scoring_settings(args: argparse.Namespace, region: str) -> ScoringSettings:
    """A fresh consumer group and database that serve only the bench region."""
    name = fresh_name("scoring-bench")
    return ScoringSettings(
        service_name=name,
        kafka_bootstrap=args.bootstrap,
        mongo_url=mongo_url(args.mongo),
        mongo_database=name.replace("-", "_"),
        regions=frozenset({region}),
    )


def service(app: FastAPI) -> LifespanManager:
    """The scoring app with its lifespan (broker, store, consumers), as a context manager."""
    return LifespanManager(app, startup_timeout=SETUP_LIMIT_S, shutdown_timeout=SETUP_LIMIT_S)


def consumed(
    subscribed: frozenset[str], topics: tuple[str, ...], counts: Counter[str]
) -> list[str]:
    """The topics the bench produced to that the service reads, noting those it ignores."""
    ignored = [topic for topic in topics if counts[topic] and topic not in subscribed]
    if ignored:
        print(f"  note: the service does not consume {', '.join(ignored)}")
    return [topic for topic in topics if counts[topic] and topic in subscribed]


async def prime(kafka: Offsets, run: Run, counts: Counter[str]) -> None:
    """Run the service once until it has read the directory and the period, then stop it."""
    ends = await kafka.ends(await kafka.partitions(SETUP_TOPICS))
    origin = time.perf_counter()
    async with service(create_app(run.settings)):
        subscribed = await wait_subscription(kafka, run.group, run.args.limit)
        topics = consumed(subscribed, SETUP_TOPICS, counts)
        drain = Drain(
            "priming", run.group, only_topics(ends, topics), run.starts, origin, run.args.limit
        )
        seconds = await wait_drained(kafka, drain)
    print(f"primed: the service read {drain.total} directory/period records in {seconds:.1f}s")


def only_topics(offsets: dict[TopicPartition, int], topics: list[str]) -> dict[TopicPartition, int]:
    """The offsets of some topics' partitions."""
    return {tp: offset for tp, offset in offsets.items() if tp.topic in topics}


async def baseline(run: Run, events: int) -> float:
    """Seconds a bare consumer (fresh group, same start offsets) takes to see every feedback."""
    group = fresh_name("bench-aiokafka")
    await commit_offsets(run.args.bootstrap, group, only_topics(run.starts, [FEEDBACK_TOPIC]))
    region = run.population.region

    def counts(value: bytes) -> bool:
        return FeedbackSubmitted.from_json(value).region == region

    watch = Stopwatch(events)
    origin = time.perf_counter()
    await consume_bare(
        run.args.bootstrap,
        FEEDBACK_TOPIC,
        watch,
        counts,
        name=BASELINE,
        limit_s=run.args.limit,
        group_id=group,
    )
    return watch.last - origin


@dataclass(frozen=True)
class Measured:
    """The service's side of a run, in seconds from app start."""

    events: int
    started_s: float
    drained_s: float
    outputs: int
    last_output_s: float | None


async def measure(
    kafka: Offsets, run: Run, counts: Counter[str], ends: dict[TopicPartition, int]
) -> Measured:
    """Start the service on the backlog; time until it committed it all and output stopped."""
    outputs = await kafka.partitions([ScoreComputed.topic()])
    watcher = OutputWatcher(run.args.bootstrap, run.population.region, await kafka.ends(outputs))
    await watcher.start()
    try:
        origin = time.perf_counter()
        app = create_app(run.settings)
        async with service(app):
            started_s = time.perf_counter() - origin
            subscribed = await wait_subscription(kafka, run.group, run.args.limit)
            topics = consumed(subscribed, INPUT_TOPICS, counts)
            if not topics:
                raise BenchError(f"the service consumes none of {', '.join(INPUT_TOPICS)}")
            drain = Drain(
                "scoring", run.group, only_topics(ends, topics), run.starts, origin, run.args.limit
            )
            drained_s = await wait_drained(kafka, drain, watcher.progress)
            await wait_settled(app.state.engine, origin + run.args.limit, watcher.progress)
            await watcher.settle(time.perf_counter(), run.args.settle, origin + run.args.limit)
    finally:
        await watcher.stop()
    last = watcher.last - origin if watcher.count else None
    return Measured(sum(counts[t] for t in topics), started_s, drained_s, watcher.count, last)


async def run_once(args: argparse.Namespace, repeat: int) -> RunResult:
    """One fresh region end to end; its database and dead-letter topics are always removed."""
    region = fresh_name("bench")
    population = make_population(args.seed, args.employees, region)
    settings = scoring_settings(args, region)
    print(
        f"run {repeat}/{args.repeats}: region {region}, {len(population.members)} employees in "
        f"{len(population.units)} units, {len(population.links)} rating links, "
        f"service group {settings.service_name}"
    )
    try:
        async with Offsets(args.bootstrap) as kafka:
            await ensure_topics(settings, (*INPUT_TOPICS, *SETUP_TOPICS, ScoreComputed.topic()))
            # Both consumers start where this run's records begin, not at what earlier runs left.
            starts = await kafka.ends(await kafka.partitions((*INPUT_TOPICS, *SETUP_TOPICS)))
            await commit_offsets(args.bootstrap, settings.service_name, starts)
            return await _run(kafka, Run(args, population, settings, starts), repeat)
    finally:
        await cleanup(args.bootstrap, settings)


async def _run(kafka: Offsets, run: Run, repeat: int) -> RunResult:
    """Publish, prime, produce the backlog, then the baseline and the service drain it."""
    args, population = run.args, run.population
    counts: Counter[str] = Counter()
    setup, seconds = await produce(
        args.bootstrap, counted_records(directory_events(population), counts)
    )
    print(f"published {setup} directory/period events in {seconds:.1f}s")
    await prime(kafka, run, counts)
    inputs = input_events(population, args.events, args.mix, args.seed)
    produced, seconds = await produce(args.bootstrap, counted_records(inputs, counts), args.limit)
    split = ", ".join(f"{counts[topic]} {topic}" for topic in INPUT_TOPICS if counts[topic])
    print(f"produced {produced} input events in {seconds:.1f}s ({split})")
    ends = await kafka.ends(await kafka.partitions(INPUT_TOPICS))
    feedback = counts[FEEDBACK_TOPIC]
    baseline_s = await baseline(run, feedback)
    print(f"{BASELINE}: {feedback} feedback events in {baseline_s:.2f}s")
    measured = await measure(kafka, run, counts, ends)
    result = RunResult(
        repeat,
        population.region,
        produced,
        measured.events,
        feedback,
        baseline_s,
        measured.started_s,
        measured.drained_s,
        measured.outputs,
        measured.last_output_s,
    )
    print_run(result)
    return result


async def cleanup(bootstrap: str, settings: ScoringSettings) -> None:
    """Drop the run's database and the dead-letter topics its service created."""
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(settings.mongo_url)
    try:
        async with asyncio.timeout(SETUP_LIMIT_S):
            await client.drop_database(settings.mongo_database)
    finally:
        await client.close()
    suffix = dead_letter_topic("", settings.service_name)  # "<topic>.dlt.<group>"
    async with Offsets(bootstrap) as kafka:
        parked = [topic for topic in await kafka.topics() if topic.endswith(suffix)]
    await delete_topics(bootstrap, parked)


def print_run(result: RunResult) -> None:
    """The run's numbers, as soon as it ends."""
    last = "none" if result.last_output_s is None else f"last at {result.last_output_s:.1f}s"
    print(
        f"scoring: started in {result.started_s:.1f}s, {result.measured} input events committed "
        f"after {result.drained_s:.1f}s ({result.input_rate:.0f} ev/s); score.computed "
        f"{result.outputs} ({last}); end to end {result.scored_rate:.0f} ev/s = "
        f"{format_ratio(result.ratio)} the baseline's {result.baseline_rate:.0f} ev/s; "
        f"replay of 1M events ~ {result.replay_s:.0f}s"
    )


def print_table(results: list[RunResult]) -> None:
    """One row per run, then the medians the issue asks about."""
    print()
    print(
        f"{'run':>3}  {'inputs':>8}  {'baseline/s':>10}  {'committed/s':>11}  {'scored/s':>8}  "
        f"{'ratio':>7}  {'score.computed':>14}  {'s per 1M':>8}"
    )
    print("-" * 84)
    for r in results:
        print(
            f"{r.repeat:>3}  {r.measured:>8}  {r.baseline_rate:>10.0f}  {r.input_rate:>11.0f}  "
            f"{r.scored_rate:>8.0f}  {format_ratio(r.ratio):>7}  {r.outputs:>14}  "
            f"{r.replay_s:>8.0f}"
        )
    rate = statistics.median(r.scored_rate for r in results)
    base = statistics.median(r.baseline_rate for r in results)
    print()
    print(
        f"median of {len(results)} run(s): scoring {rate:.0f} input events/s end to end "
        f"(feedback in, last score.computed out), {format_ratio(rate / base)} the bare aiokafka "
        f"consumer ({base:.0f} ev/s); replay of 1M events ~ {1_000_000 / rate / 60:.1f} min"
    )


def quiet_consumer_logs() -> None:
    """Keep FastStream's per-batch INFO lines out of the output; warnings and errors still show."""
    logging.getLogger("faststream.access.kafka").addFilter(
        lambda record: record.levelno >= logging.WARNING
    )


async def bench(args: argparse.Namespace) -> list[RunResult]:
    """Every repeat in a fresh region."""
    quiet_consumer_logs()
    print(versions_line())
    print(f"bootstrap {args.bootstrap}, store {args.mongo}")
    return [await run_once(args, repeat) for repeat in range(1, args.repeats + 1)]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command line, with the broker and store defaulting to the local dev stack."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    add_connection_arguments(parser)
    parser.add_argument(
        "--employees",
        type=int,
        default=2000,
        help="people of the fresh region, in units of ~20 (default %(default)s)",
    )
    parser.add_argument(
        "--events", type=int, default=100_000, help="input events (default %(default)s)"
    )
    parser.add_argument(
        "--mix",
        type=float,
        default=0.0,
        help="share of the inputs that are progress reports and surveys, 0-0.9 (default 0)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=1,
        help="runs, each in a fresh region; medians are reported (default %(default)s)",
    )
    parser.add_argument(
        "--limit",
        type=float,
        default=900.0,
        help="seconds allowed for each wait: producing, priming, the baseline, the service "
        "(default %(default)s)",
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=3.0,
        help="seconds without a new score.computed, once the engine settled, that end a run "
        "(default %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=0, help="population seed (default 0)")
    args = parser.parse_args(argv)
    for name, low in (("employees", 2), ("events", 1), ("repeats", 1)):
        if getattr(args, name) < low:
            parser.error(f"--{name} must be at least {low}")
    if not 0.0 <= args.mix <= 0.9:
        parser.error("--mix must be between 0 and 0.9")
    if args.limit <= 0 or args.settle <= 0:
        parser.error("--limit and --settle must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; a timeout or an infrastructure error exits 1."""
    args = parse_args(argv)
    # As a production stack would run: the gateway samples 1 in 100 new traces, and consumers
    # record spans only for sampled ones (OpenTelemetry's standard variables; set them to differ).
    os.environ.setdefault("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
    os.environ.setdefault("OTEL_TRACES_SAMPLER_ARG", "0.01")
    print(f"tracing: {os.environ['OTEL_TRACES_SAMPLER']} {os.environ['OTEL_TRACES_SAMPLER_ARG']}")
    try:
        results = asyncio.run(bench(args))
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except TimeoutError:
        print(f"error: a setup step took longer than {SETUP_LIMIT_S:.0f}s", file=sys.stderr)
        return 1
    except KafkaError as error:
        print(f"error: Kafka at {args.bootstrap}: {error}", file=sys.stderr)
        return 1
    except PyMongoError as error:
        print(f"error: store at {args.mongo}: {error}", file=sys.stderr)
        return 1
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
