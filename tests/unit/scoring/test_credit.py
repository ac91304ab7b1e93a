"""Angka kredit: the circulated tables as a configurable default, exact yearly and periodic AK."""

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.vocabulary import PositionType, Predikat
from scoring import credit
from scoring.credit import CreditTable, CreditTableError, UnknownJenjangError

PREDIKAT_ORDER = list(Predikat)  # best first
JENJANG = list(credit.DEFAULT_KOEFISIEN)

# domain.md section 4: pct[predikat] x koefisien[jenjang], per year.
YEARLY = [
    (Predikat.BAIK, "terampil", "5"),
    (Predikat.SANGAT_BAIK, "mahir", "18.75"),
    (Predikat.BUTUH_PERBAIKAN, "penyelia", "18.75"),
    (Predikat.KURANG, "ahli_pertama", "6.25"),
    (Predikat.SANGAT_KURANG, "ahli_muda", "6.25"),
    (Predikat.BAIK, "ahli_madya", "37.5"),
    (Predikat.SANGAT_BAIK, "ahli_utama", "75"),
    (Predikat.BAIK, "pemula", "3.75"),
]


@pytest.mark.parametrize(("predikat", "jenjang", "expected"), YEARLY)
def test_yearly_ak_is_pct_times_koefisien_exactly(
    predikat: Predikat, jenjang: str, expected: str
) -> None:
    result = credit.angka_kredit(predikat, jenjang)

    assert result.exact == Fraction(expected)
    assert result.ak == Decimal(expected)
    assert result.months == 12


def test_default_tables_are_the_circulated_ones() -> None:
    assert dict(credit.DEFAULT_TABLE.pct) == {
        Predikat.SANGAT_BAIK: Decimal("1.5"),
        Predikat.BAIK: Decimal("1"),
        Predikat.BUTUH_PERBAIKAN: Decimal("0.75"),
        Predikat.KURANG: Decimal("0.5"),
        Predikat.SANGAT_KURANG: Decimal("0.25"),
    }
    assert {k: str(v) for k, v in credit.DEFAULT_TABLE.koefisien.items()} == {
        "pemula": "3.75",
        "terampil": "5",
        "mahir": "12.5",
        "penyelia": "25",
        "ahli_pertama": "12.5",
        "ahli_muda": "25",
        "ahli_madya": "37.5",
        "ahli_utama": "50",
    }
    assert credit.DEFAULT_TABLE.unconfirmed == {"pemula"}


def test_periodic_ak_is_months_over_twelve_exact_and_rounded_once() -> None:
    # 6/12 x 75% x 37.5 = 14.0625 exactly; shown half-up to 3 places.
    result = credit.angka_kredit(Predikat.BUTUH_PERBAIKAN, "Ahli Madya", months=6)

    assert result.exact == Fraction(225, 16)
    assert result.ak == Decimal("14.063")


def test_one_month_of_terampil_is_not_a_terminating_decimal() -> None:
    result = credit.angka_kredit(Predikat.BAIK, "terampil", months=1)

    assert result.exact == Fraction(5, 12)
    assert result.ak == Decimal("0.417")
    assert "≈" in result.explanation[0].en


def test_twelve_monthly_aks_add_up_to_the_yearly_one() -> None:
    monthly = [credit.angka_kredit(Predikat.BAIK, "terampil", months=1)] * 12

    assert credit.total(monthly) == Decimal("5.000")
    assert sum(item.ak for item in monthly) == Decimal("5.004")  # why we sum exact values


def test_jenjang_spelling_is_normalised() -> None:
    for spelling in ("Ahli Pertama", "ahli-pertama", "AHLI_PERTAMA", "  ahli   pertama "):
        assert credit.angka_kredit(Predikat.BAIK, spelling).ak == Decimal("12.5")


def test_unknown_jenjang_is_an_error_not_zero() -> None:
    with pytest.raises(UnknownJenjangError, match="unknown jenjang 'Ahli Super'"):
        credit.angka_kredit(Predikat.BAIK, "Ahli Super")


def test_non_functional_positions_get_no_ak() -> None:
    for position in PositionType:
        if position is not PositionType.FUNGSIONAL:
            assert credit.angka_kredit_for(position, "ahli_muda", Predikat.BAIK) is None


def test_functional_position_without_jenjang_is_an_error() -> None:
    with pytest.raises(UnknownJenjangError, match="needs a jenjang"):
        credit.angka_kredit_for(PositionType.FUNGSIONAL, None, Predikat.BAIK)


def test_functional_position_earns_ak() -> None:
    result = credit.angka_kredit_for(PositionType.FUNGSIONAL, "Ahli Muda", Predikat.SANGAT_BAIK)

    assert result is not None
    assert result.ak == Decimal("37.5")


def test_pemula_is_marked_unconfirmed_in_both_languages() -> None:
    result = credit.angka_kredit(Predikat.BAIK, "Pemula")

    assert result.unconfirmed
    codes = [line.code for line in result.explanation]
    assert codes == ["credit.value", "credit.unconfirmed"]
    assert all(line.id != line.en for line in result.explanation)


def test_explanation_shows_the_formula_in_both_languages() -> None:
    (line,) = credit.angka_kredit(Predikat.SANGAT_BAIK, "ahli_pertama").explanation

    assert line.id == (
        "Angka kredit 18,75 = 12/12 x 150% (predikat SANGAT_BAIK) x koefisien 12,5 (ahli_pertama)."
    )
    assert line.en == (
        "Credit points 18.75 = 12/12 x 150% (predikat SANGAT_BAIK) x koefisien 12.5 (ahli_pertama)."
    )


@pytest.mark.parametrize("months", [0, 13, -1, True])
def test_months_must_be_1_to_12(months: int) -> None:
    with pytest.raises(ValueError, match="months"):
        credit.angka_kredit(Predikat.BAIK, "terampil", months=months)


def test_loader_reads_a_regions_table() -> None:
    table = credit.load_table(
        {
            "pct": {
                "SANGAT_BAIK": "150%",
                "BAIK": 1,
                "BUTUH_PERBAIKAN": "0.75",
                "KURANG": 0.5,
                "SANGAT_KURANG": "25 %",
            },
            "koefisien": {"Ahli Muda": 25, "Pemula": "3.75", "Terampil": 5.0},
            "unconfirmed": [],
            "display_places": 2,
        }
    )

    assert table.pct[Predikat.SANGAT_KURANG] == Decimal("0.25")
    assert table.koefisien["ahli_muda"] == 25
    assert table.unconfirmed == frozenset()
    assert credit.angka_kredit(Predikat.BAIK, "terampil", 1, table).ak == Decimal("0.42")
    assert not credit.angka_kredit(Predikat.BAIK, "pemula", table=table).unconfirmed
    with pytest.raises(UnknownJenjangError):
        credit.angka_kredit(Predikat.BAIK, "ahli_utama", table=table)


def test_loader_keeps_decimal_values_exact() -> None:
    table = credit.load_table({"pct": dict.fromkeys(Predikat, 0.1), "koefisien": {"x": 12.5}})

    assert table.pct[Predikat.BAIK] == Decimal("0.1")


FULL_PCT = {item.value: 1 for item in Predikat}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"koefisien": {"x": 1}}, "pct: required"),
        ({"pct": FULL_PCT}, "koefisien: required"),
        ({"pct": [], "koefisien": {"x": 1}}, "pct: must be a mapping"),
        (
            {"pct": FULL_PCT | {"LUAR_BIASA": 2}, "koefisien": {"x": 1}},
            "unknown predikat 'LUAR_BIASA'",
        ),
        ({"pct": {"BAIK": 1}, "koefisien": {"x": 1}}, "pct: missing predikat SANGAT_BAIK"),
        (
            {"pct": FULL_PCT | {"BAIK": -1}, "koefisien": {"x": 1}},
            "pct.BAIK: must be a finite number >= 0",
        ),
        ({"pct": FULL_PCT | {"BAIK": "lots"}, "koefisien": {"x": 1}}, "pct.BAIK: not a number"),
        ({"pct": FULL_PCT | {"BAIK": None}, "koefisien": {"x": 1}}, "pct.BAIK: must be a number"),
        ({"pct": FULL_PCT | {"BAIK": True}, "koefisien": {"x": 1}}, "pct.BAIK: must be a number"),
        ({"pct": FULL_PCT, "koefisien": {}}, "at least one jenjang"),
        ({"pct": FULL_PCT, "koefisien": {"x": "NaN"}}, "koefisien.x: must be a finite number"),
        ({"pct": FULL_PCT, "koefisien": {"x": "5%"}}, "koefisien.x: not a number"),
        ({"pct": FULL_PCT, "koefisien": {"Ahli Muda": 1, "ahli_muda": 2}}, "given twice"),
        ({"pct": FULL_PCT, "koefisien": {"": 1}}, "non-empty text"),
        ({"pct": FULL_PCT, "koefisien": {"x": 1}, "unconfirmed": ["y"]}, "not in koefisien: y"),
        ({"pct": FULL_PCT, "koefisien": {"x": 1}, "unconfirmed": "x"}, "must be a list"),
        ({"pct": FULL_PCT, "koefisien": {"x": 1}, "display_places": -1}, "display_places"),
        ({"pct": FULL_PCT, "koefisien": {"x": 1}, "pcts": {}}, "unknown key(s): pcts"),
    ],
)
def test_loader_names_each_problem(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(CreditTableError) as error:
        credit.load_table(raw)
    assert message in str(error.value)


def test_table_is_frozen() -> None:
    with pytest.raises(TypeError):
        credit.DEFAULT_TABLE.koefisien["mahir"] = Decimal(1)  # type: ignore[index]


def test_table_built_in_code_is_validated_too() -> None:
    with pytest.raises(CreditTableError, match="missing predikat"):
        CreditTable(pct={Predikat.BAIK: Decimal(1)})


@given(st.sampled_from(JENJANG), st.integers(1, 12))
def test_ak_strictly_falls_along_the_predikat_order(jenjang: str, months: int) -> None:
    values = [credit.angka_kredit(p, jenjang, months).exact for p in PREDIKAT_ORDER]

    assert values == sorted(values, reverse=True)
    assert len(set(values)) == len(values)


@given(st.sampled_from(JENJANG), st.sampled_from(PREDIKAT_ORDER), st.integers(1, 11))
def test_periods_add_up_to_the_year(jenjang: str, predikat: Predikat, first: int) -> None:
    parts = [
        credit.angka_kredit(predikat, jenjang, first),
        credit.angka_kredit(predikat, jenjang, 12 - first),
    ]

    assert sum(item.exact for item in parts) == credit.angka_kredit(predikat, jenjang).exact
