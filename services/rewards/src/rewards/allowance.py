"""TPP and angka kredit inputs per employee and month, for payroll and HR systems.

TPP is split into a performance part and a discipline part by the region's table (domain.md
section 4: e.g. 60/40 or 80/20). The performance part is paid at the table's percentage for
the predikat; the discipline part loses the lateness/early-leave percentage scoring priced
(receipt ``discipline.deduction_pct``); a sanction in force cuts the whole TPP (PP 94/2021).
Rupiah are whole numbers computed exactly in ``Decimal``: the total and the performance part
are rounded half-up, and the discipline part is their difference, so the parts always add up.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from contracts.scoring import ScoreComputed
from contracts.vocabulary import Predikat
from rewards.bilingual import Refusal, Text
from rewards.candidates import discipline_of
from rewards.periods import Cadence, parse_period
from rewards.ranking import refuse_duplicates
from rewards.rulebook import TppTable

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class AllowanceInput:
    """What the allowance of one employee and month is computed from."""

    nip: str
    name: str
    unit_id: str
    period: str  # a month, e.g. 2026-11
    predikat: Predikat
    provisional: bool
    lateness_deduction_pct: Decimal  # percent of the month's tukin, from scoring's table
    sanction: str | None
    angka_kredit: Decimal | None
    jenjang: str | None
    base_amount: int | None  # the employee's full monthly TPP in rupiah, from payroll

    def __post_init__(self) -> None:
        """Refuse numbers payroll could never have sent, rather than export them."""
        if self.base_amount is not None and self.base_amount < 0:
            raise ValueError(f"base_amount must be >= 0, got {self.base_amount}")
        if not self.lateness_deduction_pct.is_finite() or self.lateness_deduction_pct < 0:
            raise ValueError(
                f"lateness_deduction_pct must be >= 0, got {self.lateness_deduction_pct}"
            )


@dataclass(frozen=True)
class AllowanceRow:
    """One line of the payroll export: percentages always, rupiah when the base is known."""

    nip: str
    name: str
    unit_id: str
    period: str
    predikat: Predikat
    provisional: bool
    performance_pct: Decimal
    discipline_pct: Decimal
    performance_paid_pct: Decimal
    discipline_deduction_pct: Decimal
    sanction: str | None
    sanction_cut_pct: Decimal
    base_amount: int | None
    performance_amount: int | None
    discipline_amount: int | None
    sanction_cut_amount: int | None
    total_amount: int | None
    angka_kredit: Decimal | None
    jenjang: str | None


def input_from_score(
    score: ScoreComputed, *, name: str, unit_id: str, base_amount: int | None = None
) -> AllowanceInput:
    """The allowance input of a monthly ``score.computed``; its receipt has the rest."""
    discipline = discipline_of(score)
    credit = score.receipt.angka_kredit if score.receipt is not None else None
    return AllowanceInput(
        nip=score.nip,
        name=name,
        unit_id=unit_id,
        period=score.period,
        predikat=score.predikat,
        provisional=score.provisional,
        lateness_deduction_pct=Decimal(repr(discipline.deduction_pct))
        if discipline
        else Decimal(0),
        sanction=discipline.sanction if discipline else None,
        angka_kredit=Decimal(credit.value) if credit else None,
        jenjang=credit.jenjang if credit else None,
        base_amount=base_amount,
    )


def allowance_rows(
    period: str, inputs: Sequence[AllowanceInput], table: TppTable
) -> tuple[AllowanceRow, ...]:
    """The month's rows by unit and NIP; a month without scores is refused, saying so."""
    ref = parse_period(period)
    if ref.cadence is not Cadence.MONTHLY:
        raise Refusal(
            Text(
                "allowance.not_a_month",
                f"TPP dihitung per bulan; {period} bukan bulan (contoh 2026-11).",
                f"TPP is computed per month; {period} is not a month (e.g. 2026-11).",
            )
        )
    chosen = [item for item in inputs if item.period == period]
    if not chosen:
        label = ref.label()
        raise Refusal(
            Text(
                "allowance.no_scores",
                f"Belum ada nilai untuk {label.id}; data TPP dan angka kredit belum dapat diekspor.",
                f"There are no scores for {label.en} yet; TPP and credit data cannot be exported.",
            )
        )
    refuse_duplicates(item.nip for item in chosen)
    return tuple(
        allowance_row(item, table) for item in sorted(chosen, key=lambda i: (i.unit_id, i.nip))
    )


def allowance_row(item: AllowanceInput, table: TppTable) -> AllowanceRow:
    """One employee's month under the region's table."""
    paid = table.performance_paid_pct[item.predikat]
    deduction = min(item.lateness_deduction_pct, HUNDRED)
    cut = table.sanction_cut_pct.get(item.sanction, Decimal(0)) if item.sanction else Decimal(0)
    amounts: tuple[int | None, ...] = (None, None, None, None)
    if item.base_amount is not None:
        base = Decimal(item.base_amount)
        exact_performance = base * table.performance_pct / HUNDRED * paid / HUNDRED
        exact_discipline = base * table.discipline_pct / HUNDRED * (HUNDRED - deduction) / HUNDRED
        gross = _rupiah(exact_performance + exact_discipline)
        performance = _rupiah(exact_performance)
        cut_amount = _rupiah(Decimal(gross) * cut / HUNDRED)
        # The discipline part takes the rounding remainder, so the parts add up to the
        # rounded total and never to more than the base (two halves rounded up would).
        amounts = (performance, gross - performance, cut_amount, gross - cut_amount)
    return AllowanceRow(
        nip=item.nip,
        name=item.name,
        unit_id=item.unit_id,
        period=item.period,
        predikat=item.predikat,
        provisional=item.provisional,
        performance_pct=table.performance_pct,
        discipline_pct=table.discipline_pct,
        performance_paid_pct=paid,
        discipline_deduction_pct=deduction,
        sanction=item.sanction,
        sanction_cut_pct=cut,
        base_amount=item.base_amount,
        performance_amount=amounts[0],
        discipline_amount=amounts[1],
        sanction_cut_amount=amounts[2],
        total_amount=amounts[3],
        angka_kredit=item.angka_kredit,
        jenjang=item.jenjang,
    )


def _rupiah(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
