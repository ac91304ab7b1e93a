"""Events the rewards service consumes: computed scores."""

from contracts import ScoreComputed
from kit.directory import EmployeeDirectory
from kit.runtime import ServiceRuntime
from rewards import service
from rewards.repository import AwardsRepository


def register(
    runtime: ServiceRuntime,
    directory: EmployeeDirectory,
    repository: AwardsRepository,
    min_composite: float,
) -> None:
    """Subscribe the service's consumers."""
    directory.subscribe(runtime.consumers)

    async def on_score(score: ScoreComputed) -> None:
        reward = service.earned_reward(score, min_composite=min_composite)
        if reward is not None:
            await repository.grant(reward)

    runtime.consumers.handle(ScoreComputed, on_score)
