"""Events the rewards service consumes: computed scores, closed years and the directory."""

from dataclasses import dataclass

from contracts import PeriodClosed, PeriodOpened, ScoreComputed
from kit.directory import EmployeeDirectory
from kit.periods import PeriodBook
from kit.runtime import ServiceRuntime
from rewards.award_runner import AwardRunner
from rewards.candidates import award_facts
from rewards.coaching_book import CoachingBook
from rewards.due import due_periods, of_year
from rewards.reconcile import Cause
from rewards.rule_store import RuleStore
from rewards.score_ledger import ScoreLedger

APPEAL_LINE = "predikat.appeal"  # scoring's explanation line when an appeal decided the ratings


@dataclass(frozen=True)
class Parts:
    """The stores and services the handlers drive."""

    directory: EmployeeDirectory
    periods: PeriodBook
    ledger: ScoreLedger
    rules: RuleStore
    runner: AwardRunner
    coaching: CoachingBook


def register(runtime: ServiceRuntime, parts: Parts) -> None:
    """Subscribe the service's consumers; every handler is safe to repeat by construction."""
    parts.directory.subscribe(runtime.consumers)

    async def on_score(score: ScoreComputed) -> None:
        kept = await parts.ledger.keep(score)
        if kept is None:
            return  # an older score than the one kept: nothing to do
        await parts.coaching.on_final_score(score, score.occurred_at.date())
        if kept.previous is not None and award_facts(kept.previous) == award_facts(score):
            return
        cause = (
            Cause.APPEAL
            if any(line.code == APPEAL_LINE for line in score.explanation)
            else (Cause.RESCORED)
        )
        for period in await parts.runner.ran_periods_containing(score.region, score.period):
            await parts.runner.run_by_itself(score.region, period, cause)

    async def on_closed(event: PeriodClosed) -> None:
        await parts.periods.apply_closed(event)
        rules = await parts.rules.active(event.region)
        scored = {score.period for score in await parts.ledger.of_year(event.region, event.year)}
        for period in of_year(due_periods(rules, scored), event.year):
            if await parts.runner.get(event.region, period) is None:
                await parts.runner.run_by_itself(event.region, period, Cause.PERIOD_CLOSED)

    runtime.consumers.handle(ScoreComputed, on_score, idempotent=True)
    runtime.consumers.handle(PeriodOpened, parts.periods.apply_opened, idempotent=True)
    runtime.consumers.handle(PeriodClosed, on_closed, idempotent=True)
