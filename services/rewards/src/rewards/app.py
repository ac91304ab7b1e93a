"""Rewards service process: grants rewards from computed scores, exactly once each."""

from fastapi import FastAPI

from contracts import RewardGranted
from kit.directory import EmployeeDirectory
from kit.runtime import ServiceRuntime, create_service_app, serve
from rewards import handlers
from rewards.api import router
from rewards.repository import AWARDS, AwardsRepository
from rewards.settings import RewardsSettings


def create_app(settings: RewardsSettings | None = None) -> FastAPI:
    """Wire the runtime, consumers, repository and routes of one rewards process."""
    settings = settings or RewardsSettings()
    runtime = ServiceRuntime(settings, outbox_collections=[AWARDS], publishes=[RewardGranted])
    directory = EmployeeDirectory(runtime.db)
    repository = AwardsRepository(runtime.db, runtime.relay)
    handlers.register(runtime, directory, repository, settings.min_composite)
    return create_service_app(
        runtime,
        title="Kinerja rewards",
        routers=[router],
        prepare=repository.ensure_indexes,
        state={"repository": repository, "directory": directory},
    )


def main() -> None:
    """Console entry point ``kinerja-rewards``."""
    settings = RewardsSettings()
    serve(create_app(settings), settings)
