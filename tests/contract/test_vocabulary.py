"""Shared identifiers: what a NIP, a period and a region look like on every topic."""

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from contracts.vocabulary import Nip, Period, Region


def accepts(kind: Any, value: str) -> bool:
    try:
        TypeAdapter(kind).validate_python(value)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("nip", ["199001012020121001", "000000000000000000"])
def test_eighteen_ascii_digits_are_a_nip(nip: str) -> None:
    assert accepts(Nip, nip)


@pytest.mark.parametrize(
    "nip",
    ["19900101202012100", "1990010120201210011", "19900101202012100a", "１" * 18, "١" * 18],
    ids=["17-digits", "19-digits", "letter", "fullwidth-digits", "arabic-indic-digits"],
)
def test_anything_else_is_not_a_nip(nip: str) -> None:
    # One civil servant must have exactly one NIP spelling: keys, ids and joins depend on it.
    assert not accepts(Nip, nip)


@pytest.mark.parametrize("period", ["2026", "2026-01", "2026-12", "2026-Q1", "2026-Q4"])
def test_year_month_and_quarter_are_periods(period: str) -> None:
    assert accepts(Period, period)


@pytest.mark.parametrize(
    "period",
    ["2026-00", "2026-13", "2026-Q5", "2026-1", "26", "２０２６"],
    ids=["month-00", "month-13", "Q5", "one-digit-month", "short-year", "fullwidth-year"],
)
def test_other_strings_are_not_periods(period: str) -> None:
    assert not accepts(Period, period)


@pytest.mark.parametrize("region", ["palangkaraya", "tangerang-selatan", "k2"])
def test_lowercase_slugs_are_regions(region: str) -> None:
    assert accepts(Region, region)


@pytest.mark.parametrize("region", ["Palangkaraya", "2kota", "a", "a" * 41, "kota_baru"])
def test_other_strings_are_not_regions(region: str) -> None:
    assert not accepts(Region, region)
