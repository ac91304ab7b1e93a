"""Rewards service process: awards per closed period, talent pool, coaching, payroll inputs."""

from fastapi import FastAPI

from contracts import CoachingPlanChanged, Event, RewardGranted, RewardRevoked, TalentPoolChanged
from kit.directory import EmployeeDirectory
from kit.periods import PeriodBook
from kit.runtime import ServiceRuntime, create_service_app, serve
from rewards import api, api_board, api_coaching, api_exports, api_rules, api_runs, handlers
from rewards.auto_runs import AutoRuns
from rewards.award_runner import AwardRunner
from rewards.award_store import AWARDS, AwardStore
from rewards.coaching_book import COACHING_PLANS, CoachingBook
from rewards.honours import Honours
from rewards.rule_store import RuleStore
from rewards.score_ledger import ScoreLedger
from rewards.settings import RewardsSettings
from rewards.talent_registry import TALENT_POOL, TalentRegistry
from rewards.tpp_bases import TppBaseBook

PUBLISHES: list[type[Event]] = [
    RewardGranted,
    RewardRevoked,
    TalentPoolChanged,
    CoachingPlanChanged,
]


def create_app(settings: RewardsSettings | None = None) -> FastAPI:
    """Wire the runtime, stores, consumers and routes of one rewards process."""
    settings = settings or RewardsSettings()
    runtime = ServiceRuntime(
        settings, outbox_collections=[AWARDS, TALENT_POOL, COACHING_PLANS], publishes=PUBLISHES
    )
    directory = EmployeeDirectory(runtime.db)
    periods = PeriodBook(runtime.db)
    ledger = ScoreLedger(runtime.db)
    rules = RuleStore(runtime.db)
    awards = AwardStore(runtime.db, runtime.relay)
    talent = TalentRegistry(runtime.db, runtime.relay)
    coaching = CoachingBook(runtime.db, runtime.relay, directory, rules)
    runner = AwardRunner(
        runtime.db,
        ledger=ledger,
        rules=rules,
        awards=awards,
        directory=directory,
        periods=periods,
        talent=talent,
        grace_days=settings.close_grace_days,
    )
    auto_runs = AutoRuns(
        runner,
        ledger,
        rules,
        interval_seconds=settings.auto_run_interval_seconds,
        after_days=settings.auto_run_after_days,
    )
    runtime.run_alongside(auto_runs.start, auto_runs.stop)
    handlers.register(
        runtime,
        handlers.Parts(directory, periods, ledger, rules, runner, coaching),
    )

    async def prepare() -> None:
        for store in (ledger, awards, runner, coaching):
            await store.ensure_indexes()

    return create_service_app(
        runtime,
        title="Kinerja rewards",
        routers=[
            api.router,
            api_runs.router,
            api_rules.router,
            api_coaching.router,
            api_exports.router,
            api_board.router,
        ],
        prepare=prepare,
        state={
            "directory": directory,
            "periods": periods,
            "ledger": ledger,
            "rules": rules,
            "awards": awards,
            "talent": talent,
            "coaching": coaching,
            "runner": runner,
            "honours": Honours(awards, ledger, directory),
            "tpp_bases": TppBaseBook(runtime.db),
        },
    )


def main() -> None:
    """Console entry point ``kinerja-rewards``."""
    settings = RewardsSettings()
    serve(create_app(settings), settings)
