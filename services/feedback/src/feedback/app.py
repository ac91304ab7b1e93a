"""Feedback service process: PPK assessments, publishing through the outbox."""

from fastapi import FastAPI

from contracts import AssessmentSubmitted
from feedback import handlers
from feedback.api import router
from feedback.documents import ASSESSMENTS
from feedback.repository import FeedbackRepository
from feedback.settings import FeedbackSettings
from kit.directory import EmployeeDirectory
from kit.periods import PeriodBook
from kit.runtime import ServiceRuntime, create_service_app, serve


def create_app(settings: FeedbackSettings | None = None) -> FastAPI:
    """Wire the runtime, consumers, repository and routes of one feedback process."""
    settings = settings or FeedbackSettings()
    runtime = ServiceRuntime(
        settings, outbox_collections=[ASSESSMENTS], publishes=[AssessmentSubmitted]
    )
    directory = EmployeeDirectory(runtime.db)
    periods = PeriodBook(runtime.db)
    repository = FeedbackRepository(runtime.db, runtime.relay)
    handlers.register(runtime, directory, periods)
    return create_service_app(
        runtime,
        title="Kinerja feedback",
        routers=[router],
        prepare=repository.ensure_indexes,
        state={"repository": repository, "directory": directory, "periods": periods},
    )


def main() -> None:
    """Console entry point ``kinerja-feedback``."""
    settings = FeedbackSettings()
    serve(create_app(settings), settings)
