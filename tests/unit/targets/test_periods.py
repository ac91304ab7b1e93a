"""Plans and reports change only while their year is open."""

import pytest

from kit import periods
from kit.problems import DomainProblem
from targets import service


def test_a_year_that_was_never_opened_refuses_changes() -> None:
    with pytest.raises(DomainProblem) as refused:
        periods.check_open(None, 2026)
    assert refused.value.status == 409
    assert refused.value.field == "year"
    assert "belum dibuka" in refused.value.reason_id


def test_a_closed_year_refuses_changes() -> None:
    with pytest.raises(DomainProblem) as refused:
        periods.check_open({"status": periods.CLOSED}, 2026)
    assert refused.value.status == 409
    assert "sudah ditutup" in refused.value.reason_id
    assert "closed" in refused.value.reason_en


def test_an_open_year_accepts_changes() -> None:
    periods.check_open({"status": periods.OPEN}, 2026)


def test_periods_are_per_region_and_year() -> None:
    assert service.period_id("palangkaraya", 2026) != service.period_id("kuranji", 2026)
