"""Scoring service process: keeps score state from events and announces computed scores."""

from fastapi import FastAPI

from contracts import ScoreComputed
from kit.directory import EmployeeDirectory
from kit.runtime import ServiceRuntime, create_service_app, serve
from scoring import handlers
from scoring.api import router
from scoring.repository import SCORES, ScoresRepository
from scoring.settings import ScoringSettings


def create_app(settings: ScoringSettings | None = None) -> FastAPI:
    """Wire the runtime, consumers, repository and routes of one scoring process."""
    settings = settings or ScoringSettings()
    runtime = ServiceRuntime(settings, outbox_collections=[SCORES], publishes=[ScoreComputed])
    directory = EmployeeDirectory(runtime.db)
    repository = ScoresRepository(runtime.db, runtime.relay)
    handlers.register(runtime, directory, handlers.ScoreUpdater(repository))
    return create_service_app(
        runtime,
        title="Kinerja scoring",
        routers=[router],
        prepare=repository.ensure_indexes,
        state={"repository": repository, "directory": directory},
    )


def main() -> None:
    """Console entry point ``kinerja-scoring``."""
    settings = ScoringSettings()
    serve(create_app(settings), settings)
