"""Periods: parsing, what comes before, when they end, closing, and win streaks."""

from datetime import date

import pytest

from rewards.bilingual import Refusal
from rewards.periods import Cadence, consecutive_wins, is_closed, parse_period


@pytest.mark.parametrize(
    ("text", "cadence", "previous", "end"),
    [
        ("2026-11", Cadence.MONTHLY, "2026-10", date(2026, 11, 30)),
        ("2026-01", Cadence.MONTHLY, "2025-12", date(2026, 1, 31)),
        ("2028-02", Cadence.MONTHLY, "2028-01", date(2028, 2, 29)),
        ("2026-Q1", Cadence.QUARTERLY, "2025-Q4", date(2026, 3, 31)),
        ("2026-Q3", Cadence.QUARTERLY, "2026-Q2", date(2026, 9, 30)),
        ("2026", Cadence.YEARLY, "2025", date(2026, 12, 31)),
    ],
)
def test_periods_know_their_cadence_predecessor_and_end(
    text: str, cadence: Cadence, previous: str, end: date
) -> None:
    ref = parse_period(text)

    assert (ref.cadence, ref.previous().text, ref.end(), ref.text) == (cadence, previous, end, text)


def test_labels_are_indonesian_and_english() -> None:
    assert parse_period("2026-11").label().id == "November 2026"
    assert parse_period("2026-08").label().id == "Agustus 2026"
    assert parse_period("2026-08").label().en == "August 2026"
    assert parse_period("2026-Q4").label().id == "Triwulan IV 2026"
    assert parse_period("2026").label().en == "Year 2026"


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "26-11", "2026/11", ""])
def test_unknown_periods_are_refused(text: str) -> None:
    with pytest.raises(Refusal) as refusal:
        parse_period(text)

    assert "Periode" in refusal.value.text.id
    assert "period" in refusal.value.text.en


def test_a_month_is_open_until_its_last_day_and_grace_have_passed() -> None:
    assert not is_closed("2026-11", today=date(2026, 11, 30))
    assert is_closed("2026-11", today=date(2026, 12, 1))
    assert not is_closed("2026-11", today=date(2026, 12, 5), grace_days=5)
    assert is_closed("2026-11", today=date(2026, 12, 6), grace_days=5)


def test_a_closed_year_closes_its_months_early() -> None:
    assert is_closed("2026-11", today=date(2026, 11, 2), closed_years={2026})


def test_consecutive_wins_count_back_from_the_previous_period() -> None:
    won = {"2026-08", "2026-09", "2026-10", "2026-06"}

    assert consecutive_wins("2026-11", won) == 3
    assert consecutive_wins("2026-10", won) == 2
    assert consecutive_wins("2026-08", won) == 0
    assert consecutive_wins("2026-01", {"2025-12", "2025-11"}) == 2
