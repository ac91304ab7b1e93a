"""The feedback service learns opened and closed years from targets' events (real broker)."""

from contracts import PeriodClosed
from kit.problems import DomainProblem
from tests.integration.live import eventually
from tests.integration.service import LiveService


async def test_a_closed_year_is_refused_even_if_its_opening_arrives_late(
    feedback: LiveService,
) -> None:
    periods = feedback.app.state.periods
    await feedback.open_year(2026)
    assert (await periods.require_open(feedback.region, 2026))["cadence"] == "monthly"
    closed = PeriodClosed(
        region=feedback.region, producer="tests", year=2026, closed_by="199001019999999999"
    )
    await feedback.publish(closed)

    async def refused() -> bool:
        try:
            await periods.require_open(feedback.region, 2026)
        except DomainProblem as problem:
            return problem.status == 409
        return False

    await eventually(refused, seconds=60, what="the closed year")
    await feedback.open_year(2026)  # a late or repeated "opened" never reopens a year
    assert (await periods.get(feedback.region, 2026))["status"] == "closed"
