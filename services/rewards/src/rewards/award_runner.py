"""A period's awards, computed when it closes and again whenever a score of it changes.

The run itself is pure (``award_runs``); here it gets its inputs (the rules version the period
first ran with, the kept scores, the directory, earlier wins) and its changes are stored with
their events. One run per region and period at a time, so two triggers never both grant.
"""

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from contracts import ScoreComputed
from contracts.vocabulary import PositionType
from kit.directory import EmployeeDirectory
from kit.mongo import Document
from kit.periods import CLOSED, PeriodBook
from rewards.award_runs import AwardRun, run_period
from rewards.award_store import AwardStore
from rewards.bilingual import Refusal
from rewards.candidates import Candidate, candidate_from_score, scores_for_period
from rewards.periods import Cadence, consecutive_wins, enclosing, is_closed, parse_period
from rewards.reconcile import Cause, Reconciliation, reconcile
from rewards.rule_store import RuleStore
from rewards.rulebook import RewardRules
from rewards.score_ledger import ScoreLedger
from rewards.talent_registry import TalentRegistry

RUNS = "runs"
SYSTEM = "rewards"  # who ran a period that the service ran by itself
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Pool:
    """A period's scores, the candidates made of them, and the scored NIPs nobody placed."""

    scores: dict[str, ScoreComputed]
    candidates: tuple[Candidate, ...]
    unknown: tuple[str, ...]  # scored employees the directory does not know (yet)


@dataclass(frozen=True)
class RunOutcome:
    """What a run decided and what it changed."""

    run: AwardRun
    changes: Reconciliation
    without_directory: tuple[str, ...]  # scored employees the directory does not know (yet)


class AwardRunner:
    """Runs periods and remembers, per period, the rules version and each employee's predikat."""

    def __init__(
        self,
        db: AsyncDatabase[Document],
        *,
        ledger: ScoreLedger,
        rules: RuleStore,
        awards: AwardStore,
        directory: EmployeeDirectory,
        periods: PeriodBook,
        talent: TalentRegistry,
        grace_days: int,
    ) -> None:
        self._runs = db[RUNS]
        self._ledger = ledger
        self._rules = rules
        self._awards = awards
        self._directory = directory
        self._periods = periods
        self._talent = talent
        self._grace_days = grace_days
        self._locks: dict[tuple[str, str], asyncio.Lock] = {}

    async def ensure_indexes(self) -> None:
        """Runs are listed per region."""
        await self._runs.create_index([("region", 1), ("year", 1)])

    async def get(self, region: str, period: str) -> dict[str, Any] | None:
        """The stored summary of a period's last run, if it ran."""
        return await self._runs.find_one({"_id": f"{region}:{period}"})

    async def listing(self, region: str, year: int | None) -> list[dict[str, Any]]:
        """Runs of a region (one year, or all), newest period first, without predikats."""
        query: dict[str, Any] = {"region": region}
        if year is not None:
            query["year"] = year
        found = [item async for item in self._runs.find(query, {"predikats": 0})]
        return sorted(found, key=lambda item: _newest_first(item["period"]))

    async def latest_period(self, region: str) -> str | None:
        """The newest month that ran (else the newest period of any length), for the board."""
        ran = await self.listing(region, None)
        months = [item["period"] for item in ran if item["cadence"] == Cadence.MONTHLY.value]
        return max(months or [item["period"] for item in ran], default=None)

    async def ran_periods_containing(self, region: str, period: str) -> list[str]:
        """Periods already run that a score of ``period`` speaks for (its month, quarter, year)."""
        return [item for item in enclosing(period) if await self.get(region, item) is not None]

    async def closed(self, region: str, period: str, today: date) -> bool:
        """Whether the period is over: its year closed, or its last day plus the grace passed."""
        ref = parse_period(period)
        year = await self._periods.get(region, ref.year)
        closed_years = (ref.year,) if year is not None and year["status"] == CLOSED else ()
        return is_closed(
            period, today=today, closed_years=closed_years, grace_days=self._grace_days
        )

    async def run(
        self, region: str, period: str, *, cause: Cause, by: str, today: date | None = None
    ) -> RunOutcome:
        """Run a closed period and store the difference to the awards held (open: refused)."""
        key = (region, period)
        async with self._locks.setdefault(key, asyncio.Lock()):
            return await self._run(region, period, cause, by, today or datetime.now(UTC).date())

    async def run_by_itself(self, region: str, period: str, cause: Cause) -> bool:
        """Run a period the service decided to run; a refusal (e.g. still open) is only logged."""
        try:
            await self.run(region, period, cause=cause, by=SYSTEM)
        except Refusal as refusal:
            log.warning("awards of %s %s not run: %s", region, period, refusal)
            return False
        return True

    async def _run(
        self, region: str, period: str, cause: Cause, by: str, today: date
    ) -> RunOutcome:
        before = await self.get(region, period)
        rules = await self._rules_for(region, before)
        pool = await self.candidates(region, period)
        run = run_period(
            rules,
            region=region,
            period=period,
            candidates=pool.candidates,
            closed=await self.closed(region, period, today),
        )
        changes = reconcile(await self._awards.held(region, period), run, cause=cause)
        await self._awards.apply(changes)
        await self._record(run, cause, by, pool.scores, changes)
        if self._talent.counts(rules, period):
            await self._talent.update(region, period, rules, await self.predikat_history(region))
        return RunOutcome(run, changes, pool.unknown)

    async def predikat_history(self, region: str) -> dict[str, dict[str, Any]]:
        """Each employee's final predikat per period that ran (the talent pool reads it)."""
        history: dict[str, dict[str, Any]] = {}
        async for item in self._runs.find({"region": region}, {"period": 1, "predikats": 1}):
            for nip, predikat in item.get("predikats", {}).items():
                history.setdefault(nip, {})[item["period"]] = predikat
        return history

    async def _rules_for(self, region: str, before: dict[str, Any] | None) -> RewardRules:
        """A period keeps the version it first ran with, so an appeal is judged by the same rules."""
        if before is not None:
            kept = await self._rules.version(region, before["rule_version"])
            if kept is not None:
                return kept
        return await self._rules.active(region)

    async def candidates(self, region: str, period: str) -> Pool:
        """The period's candidates: each employee's score for it, placed by the directory."""
        year_scores = await self._ledger.of_year(region, parse_period(period).year)
        scores = scores_for_period(year_scores, period)
        won = await self._awards.won_periods(region, set(scores))
        directory = await self._directory.everyone(region)
        candidates, unknown = [], []
        for nip, score in sorted(scores.items()):
            employee = directory.get(nip)
            if employee is None:
                unknown.append(nip)
                continue
            candidates.append(
                candidate_from_score(
                    score,
                    unit_id=employee["unit_id"],
                    position_type=PositionType(employee["position_type"]),
                    consecutive_wins=consecutive_wins(period, won.get(nip, set())),
                )
            )
        return Pool(scores, tuple(candidates), tuple(unknown))

    async def _record(
        self,
        run: AwardRun,
        cause: Cause,
        by: str,
        scores: dict[str, ScoreComputed],
        changes: Reconciliation,
    ) -> None:
        ref = parse_period(run.period)
        now = datetime.now(UTC)
        summary = {
            "region": run.region,
            "period": run.period,
            "year": ref.year,
            "cadence": ref.cadence.value,
            "rule_version": run.rule_version,
            "last_run_at": now,
            "last_cause": cause.value,
            "last_by": by,
            "candidates": len(run.assessments),
            "eligible": sum(item.eligible for item in run.assessments),
            "awards": len(run.awards),
            "last_granted": len(changes.grants),
            "last_revoked": len(changes.revocations),
            "predikats": {
                nip: score.predikat.value for nip, score in scores.items() if not score.provisional
            },
        }
        await self._runs.update_one(
            {"_id": f"{run.region}:{run.period}"},
            {"$set": summary, "$setOnInsert": {"first_run_at": now, "first_by": by}},
            upsert=True,
        )


def _newest_first(period: str) -> tuple[int, int]:
    """Later periods first; of those ending together, the longer first (year, quarter, month)."""
    ref = parse_period(period)
    return (-ref.end().toordinal(), ref.start().toordinal())
