"""Which periods are due for an award run: the ones the rules award, in time order."""

from collections.abc import Iterable
from datetime import date, timedelta

from rewards.periods import Cadence, enclosing, parse_period
from rewards.rulebook import RewardRules


def due_periods(rules: RewardRules, scored: Iterable[str]) -> list[str]:
    """The periods the rules award (or the talent pool counts) that hold scored periods."""
    cadences = {cadence for cadence in Cadence if rules.awards_for(cadence) is not None}
    if rules.talent_pool is not None:
        cadences.add(rules.talent_pool.cadence)
    wider = {item for period in scored for item in enclosing(period)}
    due = [period for period in wider if parse_period(period).cadence in cadences]
    # In time order; of periods ending together the shorter first, so the year (and with it
    # the talent pool) comes after its last month and quarter.
    return sorted(
        due, key=lambda item: (parse_period(item).end(), -parse_period(item).start().toordinal())
    )


def of_year(periods: Iterable[str], year: int) -> list[str]:
    """The periods that belong to ``year`` (a closed year runs them)."""
    return [period for period in periods if parse_period(period).year == year]


def ended_by(periods: Iterable[str], today: date, after_days: int) -> list[str]:
    """The periods whose last day is at least ``after_days`` days before ``today``."""
    last_day = today - timedelta(days=after_days)
    return [period for period in periods if parse_period(period).end() <= last_day]
