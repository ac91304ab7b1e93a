"""Which score speaks for a period, which periods a score touches, and what a closed year runs."""

from datetime import date, timedelta

import pytest

from rewards.candidates import award_facts, scores_for_period
from rewards.due import due_periods, ended_by, of_year
from rewards.periods import contains, enclosing
from tests.unit.rewards import factories


@pytest.mark.parametrize(
    ("outer", "inner", "inside"),
    [
        ("2026", "2026-11", True),
        ("2026-Q4", "2026-11", True),
        ("2026-Q3", "2026-11", False),
        ("2026-11", "2026", False),
        ("2026", "2025-12", False),
        ("2026-Q4", "2026-Q4", True),
    ],
)
def test_a_period_contains_its_months_and_quarters(outer: str, inner: str, inside: bool) -> None:
    assert contains(outer, inner) is inside


def test_a_month_lies_in_its_quarter_and_year() -> None:
    assert enclosing("2026-11") == ("2026-11", "2026-Q4", "2026")
    assert enclosing("2026-Q2") == ("2026-Q2", "2026")
    assert enclosing("2026") == ("2026",)


def test_a_month_is_judged_by_its_own_score_and_a_year_by_its_latest_month() -> None:
    nip = factories.nip()
    october = factories.score(nip, period="2026-10", composite=80.0)
    november = factories.score(nip, period="2026-11", composite=90.0)
    assert scores_for_period([november, october], "2026-10")[nip] == october
    assert scores_for_period([october, november], "2026")[nip] == november
    assert scores_for_period([october, november], "2026-Q3") == {}


def test_a_score_of_the_period_itself_beats_a_later_month_and_newer_beats_older() -> None:
    nip = factories.nip()
    yearly = factories.score(nip, period="2026", composite=70.0)
    december = factories.score(nip, period="2026-12", composite=90.0)
    assert scores_for_period([december, yearly], "2026")[nip] == yearly
    newer = december.model_copy(update={"occurred_at": december.occurred_at + timedelta(1)})
    assert scores_for_period([newer, december], "2026-12")[nip] is newer


def test_a_score_announced_again_has_the_same_award_facts_and_a_changed_one_not() -> None:
    score = factories.score(factories.nip())
    assert award_facts(score) == award_facts(score.model_copy(update={"event_id": "x"}))
    assert award_facts(score) != award_facts(score.model_copy(update={"composite": 70.0}))


def test_a_closed_year_runs_the_periods_its_rules_award_in_time_order() -> None:
    rules = factories.rules(quarterly=None)
    due = of_year(due_periods(rules, {"2026-02", "2026-11", "2025-12"}), 2026)
    assert due == ["2026-02", "2026-11", "2026"]
    with_quarters = due_periods(factories.rules(), {"2026-02"})
    assert with_quarters == ["2026-02", "2026-Q1", "2026"]
    december = due_periods(factories.rules(), {"2026-12"})
    assert december == ["2026-12", "2026-Q4", "2026"]  # the year last


def test_a_period_is_run_by_itself_only_once_its_grace_has_passed() -> None:
    periods = ["2026-09", "2026-10", "2026-Q4", "2026"]
    assert ended_by(periods, date(2026, 11, 29), after_days=30) == ["2026-09"]
    assert ended_by(periods, date(2026, 11, 30), after_days=30) == ["2026-09", "2026-10"]
