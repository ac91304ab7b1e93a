"""How long one month's award run takes for a region, against reading its scores alone.

The run is what region HR waits for when they press "Hitung" (and what a closed year does up to
17 times in the consumer). Baseline, in the same process and store: reading the year's kept
scores, which every run does first. Prints numbers and the ratio; asserts nothing.
"""

import argparse
import asyncio
import statistics
import time
from uuid import uuid4

from pymongo import AsyncMongoClient

from contracts import EmployeeUpserted
from kit.directory import EmployeeDirectory
from kit.periods import PeriodBook
from rewards.award_runner import AwardRunner
from rewards.award_store import AwardStore
from rewards.reconcile import Cause
from rewards.rule_store import RuleStore
from rewards.score_ledger import ScoreLedger
from rewards.talent_registry import TalentRegistry
from tests.unit.rewards import factories

REGION = "bench"
MONTH = "2025-10"


class NoRelay:
    """The run's writes without a broker: the outbox records stay in the documents."""

    async def guarded(self, _collection: str, _key: object, write):
        return await write()

    def nudge(self) -> None:
        """Nothing to wake."""


async def main(employees: int, units: int, repeats: int, mongo: str) -> None:
    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(mongo)
    db = client[f"bench_awards_{uuid4().hex[:8]}"]
    try:
        directory, ledger = EmployeeDirectory(db), ScoreLedger(db)
        relay = NoRelay()
        awards = AwardStore(db, relay)  # type: ignore[arg-type]
        runner = AwardRunner(
            db,
            ledger=ledger,
            rules=RuleStore(db),
            awards=awards,
            directory=directory,
            periods=PeriodBook(db),
            talent=TalentRegistry(db, relay),  # type: ignore[arg-type]
            grace_days=0,
        )
        for store in (ledger, awards, runner):
            await store.ensure_indexes()
        started = time.perf_counter()
        for index in range(employees):
            nip = factories.nip()
            unit = f"unit-{index % units}"
            await directory.apply(
                EmployeeUpserted(
                    region=REGION,
                    producer="bench",
                    nip=nip,
                    name=f"ASN {index}",
                    unit_id=unit,
                    position_type="pelaksana",
                )
            )
            await ledger.keep(
                factories.score(
                    nip, region=REGION, period=MONTH, composite=60 + (index * 37 % 400) / 10
                )
            )
        print(
            f"loaded {employees} employees in {units} units: {time.perf_counter() - started:.1f} s"
        )

        reads, runs = [], []
        for repeat in range(repeats):
            started = time.perf_counter()
            await ledger.of_year(REGION, 2025)
            reads.append(time.perf_counter() - started)
            started = time.perf_counter()
            outcome = await runner.run(REGION, MONTH, cause=Cause.PERIOD_CLOSED, by="bench")
            runs.append(time.perf_counter() - started)
            print(
                f"repeat {repeat + 1}: read {reads[-1]:.2f} s, run {runs[-1]:.2f} s,"
                f" {len(outcome.run.awards)} awards, {len(outcome.changes.grants)} granted now"
            )
        read, run = statistics.median(reads), statistics.median(runs)
        print(
            f"median: read scores {read:.2f} s, whole run {run:.2f} s, run/read {run / read:.1f}x"
        )
    finally:
        await client.drop_database(db.name)
        await client.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--mongo", default="mongodb://127.0.0.1:27117/?directConnection=true")
    args = parser.parse_args()
    asyncio.run(main(args.employees, args.units, args.repeats, args.mongo))
