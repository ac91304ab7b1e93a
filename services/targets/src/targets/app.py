"""Targets service process: SKP plans, approval and progress, publishing through the outbox."""

from fastapi import FastAPI

from contracts import (
    DelegationSet,
    PeriodClosed,
    PeriodOpened,
    ProgressReported,
    SkpApproved,
    SkpStatusChanged,
    UnitPredicateSet,
)
from kit.directory import EmployeeDirectory
from kit.runtime import ServiceRuntime, create_service_app, serve
from targets import (
    delegations_api,
    evidence,
    goals,
    handlers,
    monitoring_api,
    periods_api,
    planning_api,
    templates_api,
    tree_api,
    units_api,
    workflow_api,
)
from targets.api import router
from targets.documents import DELEGATIONS, PERIODS, PROGRESS, SKPS, UNIT_PREDICATES
from targets.repository import TargetsRepository
from targets.settings import TargetsSettings


def create_app(settings: TargetsSettings | None = None) -> FastAPI:
    """Wire the runtime, consumers, repository and routes of one targets process."""
    settings = settings or TargetsSettings()
    runtime = ServiceRuntime(
        settings,
        outbox_collections=[SKPS, PROGRESS, PERIODS, UNIT_PREDICATES, DELEGATIONS],
        publishes=[
            SkpApproved,
            SkpStatusChanged,
            ProgressReported,
            PeriodOpened,
            PeriodClosed,
            UnitPredicateSet,
            DelegationSet,
        ],
    )
    directory = EmployeeDirectory(runtime.db)
    repository = TargetsRepository(runtime.db, runtime.relay)
    evidence_files = evidence.EvidenceRepository(runtime.db)
    handlers.register(runtime, directory)
    return create_service_app(
        runtime,
        title="Kinerja targets",
        routers=[
            planning_api.router,
            router,
            workflow_api.router,
            periods_api.router,
            monitoring_api.router,
            templates_api.router,
            units_api.router,
            goals.router,
            tree_api.router,
            delegations_api.router,
            evidence.router,
        ],
        prepare=repository.ensure_indexes,
        state={
            "repository": repository,
            "directory": directory,
            "evidence": evidence_files,
            "goals": goals.UnitGoals(runtime.db),
        },
    )


def main() -> None:
    """Console entry point ``kinerja-targets``."""
    settings = TargetsSettings()
    serve(create_app(settings), settings)
