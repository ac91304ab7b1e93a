"""Events the scoring service consumes; each one updates state and may announce a new score."""

from collections.abc import Awaitable, Callable
from typing import TypeVar

from contracts import AppealDecided, AssessmentSubmitted, ProgressReported, SkpApproved
from kit.directory import EmployeeDirectory
from kit.runtime import ServiceRuntime
from scoring import service
from scoring.repository import ScoresRepository

E = TypeVar("E", SkpApproved, ProgressReported, AssessmentSubmitted, AppealDecided)
MAX_CONFLICTS = 10


class ConcurrentUpdateError(RuntimeError):
    """Another writer kept winning the race for the same state document."""


class ScoreUpdater:
    """Apply one event to an employee's state and publish the score when it changed."""

    def __init__(self, repository: ScoresRepository) -> None:
        self._repository = repository

    def on(
        self, apply: Callable[[service.State, E], service.State]
    ) -> Callable[[E], Awaitable[None]]:
        """A handler that applies events with ``apply``."""

        async def handle(event: E) -> None:
            await self.update(event, apply)

        return handle

    async def update(self, event: E, apply: Callable[[service.State, E], service.State]) -> None:
        """Load, apply, score, save; retried when another writer got there first."""
        for _ in range(MAX_CONFLICTS):
            state = await self._repository.load(
                event.region, event.nip, event.year
            ) or service.new_state(event.region, event.nip, event.year)
            changed = apply(state, event)
            if changed is state:
                return  # older than what we know: nothing to do
            announcement = service.score_event(changed, service.score_of(changed))
            result = service.result_document(announcement)
            events = (announcement,) if result != state.get("result") else ()
            if await self._repository.save(changed | {"result": result}, events):
                return
        raise ConcurrentUpdateError(f"state of {event.nip}/{event.year} kept changing")


def register(runtime: ServiceRuntime, directory: EmployeeDirectory, updater: ScoreUpdater) -> None:
    """Subscribe the service's consumers."""
    directory.subscribe(runtime.consumers)
    runtime.consumers.handle(SkpApproved, updater.on(service.apply_skp))
    runtime.consumers.handle(ProgressReported, updater.on(service.apply_progress))
    runtime.consumers.handle(AssessmentSubmitted, updater.on(service.apply_assessment))
    runtime.consumers.handle(AppealDecided, updater.on(service.apply_appeal))
