"""TPP split, deductions and angka kredit per employee and month, exported as CSV and XLSX."""

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook  # type: ignore[import-untyped]

from contracts.vocabulary import Predikat
from rewards.allowance import AllowanceRow, allowance_row, allowance_rows, input_from_score
from rewards.allowance_export import HEADERS, to_csv, to_xlsx
from rewards.bilingual import Refusal
from rewards.rulebook import TppTable
from tests.unit.rewards import factories

TABLE = factories.rules().tpp  # 60/40; BAIK 100%, BUTUH_PERBAIKAN 75%; sanction cut 25%
MONTH = factories.MONTH


def test_baik_without_deductions_is_paid_in_full_split_60_40() -> None:
    row = allowance_row(factories.allowance_input(), TABLE)

    assert (row.performance_amount, row.discipline_amount, row.total_amount) == (
        3_000_000,
        2_000_000,
        5_000_000,
    )
    assert (row.performance_pct, row.discipline_pct) == (Decimal(60), Decimal(40))


def test_a_weaker_predikat_is_paid_the_tables_share_of_the_performance_part() -> None:
    row = allowance_row(factories.allowance_input(predikat=Predikat.BUTUH_PERBAIKAN), TABLE)

    assert row.performance_paid_pct == Decimal(75)
    assert row.performance_amount == 2_250_000
    assert row.total_amount == 4_250_000


def test_lateness_deductions_come_off_the_discipline_part() -> None:
    row = allowance_row(factories.allowance_input(lateness_deduction_pct=Decimal("1.5")), TABLE)

    assert row.discipline_amount == 1_970_000
    assert row.performance_amount == 3_000_000


def test_a_deduction_never_takes_more_than_the_discipline_part() -> None:
    row = allowance_row(factories.allowance_input(lateness_deduction_pct=Decimal(140)), TABLE)

    assert row.discipline_amount == 0
    assert row.discipline_deduction_pct == Decimal(100)


def test_a_tukin_cut_sanction_cuts_the_whole_tpp() -> None:
    row = allowance_row(factories.allowance_input(sanction="pemotongan_tukin_25_6_bulan"), TABLE)

    assert row.sanction_cut_pct == Decimal(25)
    assert (row.sanction_cut_amount, row.total_amount) == (1_250_000, 3_750_000)


def test_a_sanction_without_a_cut_in_the_table_costs_nothing() -> None:
    row = allowance_row(factories.allowance_input(sanction="teguran_lisan"), TABLE)

    assert (row.sanction_cut_pct, row.total_amount) == (Decimal(0), 5_000_000)


def test_rupiah_are_rounded_half_up_and_the_parts_add_up() -> None:
    row = allowance_row(factories.allowance_input(base_amount=1_001), TABLE)

    # 1,001 x 60% = 600.6 -> 601; the discipline part is the rest of the rounded total
    assert (row.performance_amount, row.discipline_amount, row.total_amount) == (601, 400, 1_001)


def test_two_halves_rounded_up_never_pay_more_than_the_base() -> None:
    table = TABLE.model_copy(update={"performance_pct": Decimal(50), "discipline_pct": Decimal(50)})

    row = allowance_row(factories.allowance_input(base_amount=1), table)

    assert (row.performance_amount, row.discipline_amount, row.total_amount) == (1, 0, 1)


def test_without_a_base_amount_only_percentages_are_given() -> None:
    row = allowance_row(factories.allowance_input(base_amount=None), TABLE)

    assert row.total_amount is None
    assert row.performance_amount is None
    assert row.performance_paid_pct == Decimal(100)


def test_a_month_without_scores_is_refused_saying_so() -> None:
    with pytest.raises(Refusal) as refusal:
        allowance_rows("2026-12", [factories.allowance_input(period=MONTH)], TABLE)

    assert refusal.value.text.code == "allowance.no_scores"
    assert "Belum ada nilai untuk Desember 2026" in refusal.value.text.id
    assert "no scores for December 2026" in refusal.value.text.en


def test_allowances_are_monthly() -> None:
    with pytest.raises(Refusal) as refusal:
        allowance_rows("2026-Q4", [factories.allowance_input()], TABLE)

    assert refusal.value.text.code == "allowance.not_a_month"


def test_rows_are_ordered_by_unit_then_nip_and_other_months_left_out() -> None:
    b = factories.allowance_input(unit_id="b")
    a2 = factories.allowance_input(unit_id="a")
    a1 = factories.allowance_input(unit_id="a", nip="198501010000000000")
    october = factories.allowance_input(period="2026-10")

    rows = allowance_rows(MONTH, [b, october, a2, a1], TABLE)

    assert [r.nip for r in rows] == [a1.nip, a2.nip, b.nip]


def test_a_negative_base_amount_is_refused() -> None:
    with pytest.raises(ValueError, match="base_amount"):
        factories.allowance_input(base_amount=-1)


def test_an_input_is_read_from_a_score_with_angka_kredit_and_deductions() -> None:
    nip = factories.nip()
    receipt = factories.receipt(
        deduction_pct=1.25, sanction="pemotongan_tukin_25_6_bulan", angka_kredit="1.042"
    )
    score = factories.score(nip, predikat="SANGAT_BAIK", receipt_=receipt)

    item = input_from_score(score, name="Siti", unit_id="puskesmas", base_amount=4_000_000)

    assert item.lateness_deduction_pct == Decimal("1.25")
    assert item.sanction == "pemotongan_tukin_25_6_bulan"
    assert (item.angka_kredit, item.jenjang) == (Decimal("1.042"), "ahli_pertama")
    assert (item.period, item.predikat, item.base_amount) == (MONTH, "SANGAT_BAIK", 4_000_000)


def rows() -> tuple[AllowanceRow, ...]:
    return allowance_rows(
        MONTH,
        [
            factories.allowance_input(
                nip="198501010000000001",
                name="Siti Aminah",
                angka_kredit=Decimal("1.042"),
                jenjang="ahli_pertama",
                lateness_deduction_pct=Decimal("1.5"),
            ),
            factories.allowance_input(
                nip="198501010000000002", name='=HYPERLINK("x")', base_amount=None
            ),
        ],
        TABLE,
    )


def test_the_csv_export_reads_back_with_every_column() -> None:
    text = to_csv(rows())

    records = list(csv.DictReader(io.StringIO(text)))
    assert tuple(records[0]) == HEADERS
    assert records[0]["nama"] == "Siti Aminah"
    assert records[0]["tpp_disiplin_rp"] == "1970000"
    assert records[0]["angka_kredit"] == "1.042"
    assert records[1]["tpp_dibayar_rp"] == ""


def test_the_csv_export_defuses_formulas_in_names() -> None:
    records = list(csv.DictReader(io.StringIO(to_csv(rows()))))

    assert records[1]["nama"] == '\'=HYPERLINK("x")'


def test_the_xlsx_export_reopens_as_a_spreadsheet_with_numbers() -> None:
    workbook = load_workbook(io.BytesIO(to_xlsx(rows())))
    sheet = workbook.active

    table = [list(line) for line in sheet.iter_rows(values_only=True)]
    assert tuple(table[0]) == HEADERS
    first = dict(zip(HEADERS, table[1], strict=True))
    assert first["nip"] == "198501010000000001"  # text: leading digits kept exactly
    assert first["tpp_dibayar_rp"] == 4_970_000
    assert first["angka_kredit"] == pytest.approx(1.042)
    second = dict(zip(HEADERS, table[2], strict=True))
    assert second["nama"] == '=HYPERLINK("x")'
    assert sheet.cell(row=3, column=HEADERS.index("nama") + 1).data_type == "s"
    assert sheet.cell(row=2, column=HEADERS.index("tpp_dibayar_rp") + 1).number_format == "#,##0"


@settings(derandomize=True, max_examples=150, deadline=None)
@given(
    base=st.integers(0, 50_000_000),
    performance=st.integers(0, 100),
    paid=st.decimals(0, 100, places=2),
    deduction=st.decimals(0, 150, places=2),
    cut=st.decimals(0, 100, places=1),
)
@example(base=1, performance=50, paid=Decimal(100), deduction=Decimal(0), cut=Decimal(0))
def test_parts_add_up_and_never_exceed_the_base(
    base: int, performance: int, paid: Decimal, deduction: Decimal, cut: Decimal
) -> None:
    table = TppTable(
        source="test",
        performance_pct=Decimal(performance),
        discipline_pct=Decimal(100 - performance),
        performance_paid_pct=dict.fromkeys(Predikat, paid),
        sanction_cut_pct={"potong": cut},
    )
    item = factories.allowance_input(
        base_amount=base, lateness_deduction_pct=deduction, sanction="potong"
    )

    row = allowance_row(item, table)

    assert row.performance_amount is not None
    assert row.discipline_amount is not None
    assert row.sanction_cut_amount is not None
    assert row.total_amount is not None
    assert (
        row.total_amount == row.performance_amount + row.discipline_amount - row.sanction_cut_amount
    )
    assert 0 <= row.total_amount <= base
