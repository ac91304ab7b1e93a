"""Periods run by themselves once their ratings are due, when region HR has not run them.

A month or quarter is awarded ``REWARDS_AUTO_RUN_AFTER_DAYS`` after its last day (PPK ratings
are due within 14 working days of a period's end, and appeals take up to 21 more). Region HR
may run it earlier by hand; a period that ran is never run again by this loop.
"""

import asyncio
import contextlib
import logging
from datetime import UTC, date, datetime

from rewards.award_runner import AwardRunner
from rewards.due import due_periods, ended_by
from rewards.reconcile import Cause
from rewards.rule_store import RuleStore
from rewards.score_ledger import ScoreLedger

log = logging.getLogger(__name__)


class AutoRuns:
    """Every ``interval_seconds``: run each region's due, ended periods that never ran."""

    def __init__(
        self,
        runner: AwardRunner,
        ledger: ScoreLedger,
        rules: RuleStore,
        *,
        interval_seconds: float,
        after_days: int,
    ) -> None:
        self._runner = runner
        self._ledger = ledger
        self._rules = rules
        self._interval = interval_seconds
        self._after_days = after_days
        self._task: asyncio.Task[None] | None = None

    async def tick(self, today: date) -> list[tuple[str, str]]:
        """Run what is due today; returns the (region, period) pairs it ran."""
        ran = []
        for region, scored in sorted((await self._ledger.periods()).items()):
            rules = await self._rules.active(region)
            for period in ended_by(due_periods(rules, scored), today, self._after_days):
                if await self._runner.get(region, period) is not None:
                    continue
                if await self._runner.run_by_itself(region, period, Cause.PERIOD_CLOSED):
                    ran.append((region, period))
        return ran

    async def start(self) -> None:
        """Start the loop (an interval of 0 switches it off)."""
        if self._interval > 0:
            self._task = asyncio.create_task(self._loop(), name="reward-auto-runs")

    async def stop(self) -> None:
        """Stop between ticks; a run in progress is cancelled and completes at the next tick."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            try:
                ran = await self.tick(datetime.now(UTC).date())
            except Exception:
                log.exception("automatic award runs failed; trying again at the next tick")
            else:
                if ran:
                    log.info("awards run by themselves: %s", ran)
