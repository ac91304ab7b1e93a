"""Talent pool: entry after consecutive strong periods, exit below the keep threshold."""

from contracts.vocabulary import Predikat
from rewards.periods import Cadence
from rewards.rulebook import TalentPoolRule
from rewards.talent_pool import change_id, in_talent_pool, talent_pool_changes

SB, B, BP = Predikat.SANGAT_BAIK, Predikat.BAIK, Predikat.BUTUH_PERBAIKAN
NIP = "198501010000000001"
YEARLY = TalentPoolRule(cadence=Cadence.YEARLY, predikat=SB, consecutive_periods=2, keep_at_least=B)


def entries(history: dict[str, Predikat], rule: TalentPoolRule = YEARLY) -> list[tuple[str, bool]]:
    return [(c.period, c.entered) for c in talent_pool_changes(NIP, history, rule)]


def test_two_consecutive_sangat_baik_years_enter_the_pool() -> None:
    changes = talent_pool_changes(NIP, {"2025": SB, "2026": SB}, YEARLY)

    assert [(c.period, c.entered) for c in changes] == [("2026", True)]
    assert in_talent_pool(changes)
    assert "2 periode berturut-turut" in changes[0].reason.id
    assert "Tahun 2026" in changes[0].reason.id
    assert "Year 2026" in changes[0].reason.en


def test_one_strong_year_is_not_enough() -> None:
    assert entries({"2025": B, "2026": SB}) == []
    assert not in_talent_pool(())


def test_a_missing_year_breaks_the_streak() -> None:
    assert entries({"2023": SB, "2025": SB}) == []


def test_a_member_stays_while_baik_and_leaves_below_it() -> None:
    history = {"2023": SB, "2024": SB, "2025": B, "2026": BP}

    changes = talent_pool_changes(NIP, history, YEARLY)

    assert [(c.period, c.entered) for c in changes] == [("2024", True), ("2026", False)]
    assert not in_talent_pool(changes)
    assert "BUTUH_PERBAIKAN" in changes[-1].reason.en


def test_re_entry_needs_a_fresh_streak() -> None:
    history = {"2021": SB, "2022": SB, "2023": BP, "2024": SB, "2025": SB}

    assert entries(history) == [("2022", True), ("2023", False), ("2025", True)]


def test_a_gap_never_forces_an_exit() -> None:
    assert entries({"2022": SB, "2023": SB, "2026": B}) == [("2023", True)]


def test_only_periods_of_the_rule_cadence_count_and_order_does_not_matter() -> None:
    monthly = TalentPoolRule(cadence=Cadence.MONTHLY, predikat=SB, consecutive_periods=3)
    history = {"2026-03": SB, "2026": SB, "2026-01": SB, "2026-Q1": BP, "2026-02": SB}

    assert entries(history, monthly) == [("2026-03", True)]
    assert entries(dict(reversed(list(history.items()))), monthly) == [("2026-03", True)]


def test_change_ids_are_stable_and_tell_entry_from_exit() -> None:
    history = {"2023": SB, "2024": SB, "2025": BP}
    entered, left = talent_pool_changes(NIP, history, YEARLY)

    assert change_id("palangkaraya", entered, "1") == change_id("palangkaraya", entered, "1")
    assert change_id("palangkaraya", entered, "1") != change_id("palangkaraya", left, "1")
