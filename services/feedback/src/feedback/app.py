"""Feedback service process: PPK assessments, publishing through the outbox."""

from fastapi import FastAPI

from contracts import (
    AppealDecided,
    AppealFiled,
    AssessmentSubmitted,
    ComplaintFiled,
    ComplaintStatusChanged,
    FeedbackSubmitted,
    SupervisorFeedbackRecorded,
    SurveySubmitted,
    utc_now,
)
from feedback import (
    appeals_api,
    citizen_api,
    complaints_api,
    handlers,
    nominations,
    peer_api,
    supervisor_notes,
)
from feedback.anonymity import Anonymity
from feedback.api import router
from feedback.appeal_store import APPEALS, AppealStore
from feedback.appeals import AppealTerms
from feedback.citizen_access import citizen_desk
from feedback.complaints import COMPLAINTS, ComplaintStore
from feedback.documents import ASSESSMENTS, PEER_FEEDBACK, SUPERVISOR_NOTES
from feedback.repository import FeedbackRepository
from feedback.service import AssessmentTerms, local_today
from feedback.settings import FeedbackSettings
from feedback.survey_store import CITIZEN_SURVEYS, SurveyStore
from kit.calendar import WorkingDays
from kit.directory import EmployeeDirectory
from kit.periods import PeriodBook
from kit.runtime import ServiceRuntime, create_service_app, serve


def create_app(settings: FeedbackSettings | None = None) -> FastAPI:
    """Wire the runtime, consumers, repository and routes of one feedback process."""
    settings = settings or FeedbackSettings()
    runtime = ServiceRuntime(
        settings,
        outbox_collections=[
            ASSESSMENTS,
            APPEALS,
            SUPERVISOR_NOTES,
            PEER_FEEDBACK,
            CITIZEN_SURVEYS,
            COMPLAINTS,
        ],
        publishes=[
            AssessmentSubmitted,
            AppealFiled,
            AppealDecided,
            SupervisorFeedbackRecorded,
            FeedbackSubmitted,
            SurveySubmitted,
            ComplaintFiled,
            ComplaintStatusChanged,
        ],
    )
    directory = EmployeeDirectory(runtime.db)
    periods = PeriodBook(runtime.db)
    repository = FeedbackRepository(runtime.db, runtime.relay)
    handlers.register(runtime, directory, periods)
    survey_store = SurveyStore(runtime.db, runtime.relay)
    complaint_store = ComplaintStore(runtime.db, runtime.relay)

    async def prepare() -> None:
        await repository.ensure_indexes()
        await survey_store.ensure_indexes()
        await complaint_store.ensure_indexes()

    return create_service_app(
        runtime,
        title="Kinerja feedback",
        routers=[
            router,
            appeals_api.router,
            supervisor_notes.router,
            peer_api.router,
            nominations.router,
            citizen_api.router,
            complaints_api.router,
        ],
        prepare=prepare,
        state={
            "repository": repository,
            "directory": directory,
            "periods": periods,
            "appeals": AppealStore(runtime.db, runtime.relay),
            "appeal_terms": AppealTerms.from_settings(settings),
            "assessment_terms": AssessmentTerms(
                WorkingDays(settings.extra_days_off),
                settings.assessment_deadline_days,
                local_today(settings.local_utc_offset_hours),
            ),
            "anonymity": Anonymity.from_secret(settings.pseudonym_secret, settings.anonymity_k),
            "clock": utc_now,
            "citizens": citizen_desk(settings),
            "survey_store": survey_store,
            "complaint_store": complaint_store,
        },
    )


def main() -> None:
    """Console entry point ``kinerja-feedback``."""
    settings = FeedbackSettings()
    serve(create_app(settings), settings)
