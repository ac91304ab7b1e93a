"""Scoring service process: keeps score state from events and announces computed scores."""

from typing import Any

from fastapi import FastAPI

from contracts import DistributionChecked, FairnessFlagChanged, ScoreComputed
from kit.calendar import WorkingDays
from kit.directory import EmployeeDirectory
from kit.publishing import publish_record
from kit.runtime import ServiceRuntime, create_service_app, serve
from scoring import handlers
from scoring.api import router
from scoring.engine import Engine
from scoring.settings import ScoringSettings
from scoring.store import ScoringStore


def create_app(settings: ScoringSettings | None = None) -> FastAPI:
    """Wire the runtime, engine, store and routes of one scoring process."""
    settings = settings or ScoringSettings()
    runtime = ServiceRuntime(
        settings, publishes=[ScoreComputed, FairnessFlagChanged, DistributionChecked]
    )
    directory = EmployeeDirectory(runtime.db)
    store = ScoringStore(runtime.db)

    async def publish(record: dict[str, Any]) -> None:
        await publish_record(runtime.broker, record)

    engine = Engine(
        store,
        directory,
        publish,
        WorkingDays(settings.extra_days_off),
        sweep_idle=settings.sweep_idle_seconds,
        sweep_max_delay=settings.sweep_max_delay_seconds,
        announce_every=settings.announce_every_seconds,
        backlog=lambda: runtime.consumers.behind >= settings.consumer_batch_records,
        hold=settings.hold_while_behind_seconds,
    )
    handlers.register(runtime, engine)
    return create_service_app(
        runtime,
        title="Kinerja scoring",
        routers=[router],
        state={"engine": engine, "directory": directory},
    )


def main() -> None:
    """Console entry point ``kinerja-scoring``."""
    settings = ScoringSettings()
    serve(create_app(settings), settings)
