"""The public board ("ASN Terbaik Bulan Ini") and a printable certificate per award."""

from dataclasses import replace
from datetime import date
from typing import Any

from rewards.award_runs import Award, Scope, select_awards
from rewards.certificate import Certificate, certificate_for, certificate_pdf, date_id
from rewards.recognition import Board, Profile, board
from tests.unit.rewards import factories

REGION, MONTH = factories.REGION, factories.MONTH
SITI = "199203102015032003"
STRENGTHS = (
    factories.line("value.berorientasi_pelayanan", "Berorientasi Pelayanan: 4.80 dari 5."),
    factories.line("iki.rhk-1.iki-1", "IKI Pasien dilayani (utama): capaian 125.0%."),
    factories.line("value.akuntabel", "Akuntabel: 4.50 dari 5."),
    factories.line("value.kompeten", "Kompeten: 4.40 dari 5."),
)


def awards() -> tuple[Award, ...]:
    people = [
        factories.candidate(nip=SITI, unit_id="pkm", composite=95),
        factories.candidate(unit_id="dinkes", composite=90),
        factories.candidate(unit_id="pkm", composite=70),
    ]
    return select_awards(factories.rules(), region=REGION, period=MONTH, candidates=people).awards


def the_board(**overrides: Any) -> Board:
    receipt = factories.receipt(
        strengths=STRENGTHS, improve=(factories.line("iki.x", "PRIVATE weakness"),)
    )
    values: dict[str, Any] = {
        "region": REGION,
        "period": MONTH,
        "awards": awards(),
        "profiles": {SITI: Profile(SITI, "Siti Aminah", "Puskesmas Kereng Bangkirai")},
        "receipts": {SITI: receipt},
    } | overrides
    return board(**values)


def test_the_board_is_titled_best_asn_of_the_month_with_the_period() -> None:
    result = the_board()

    assert result.title.id == "ASN Terbaik Bulan Ini"
    assert result.period_label.id == "November 2026"


def test_reasons_are_the_receipts_strengths_and_never_its_weaknesses() -> None:
    siti = next(e for e in the_board().entries if e.nip == SITI)

    assert [r.code for r in siti.reasons] == [line.code for line in STRENGTHS[:3]]
    assert all("PRIVATE" not in r.id + r.en for e in the_board().entries for r in e.reasons)
    assert siti.name == "Siti Aminah"
    assert siti.unit_name == "Puskesmas Kereng Bangkirai"


def test_a_winner_whose_receipt_names_no_strength_shows_the_ranking_reason() -> None:
    entry = next(e for e in the_board().entries if e.nip != SITI)

    assert [r.code for r in entry.reasons] == ["award.rank"]
    assert entry.name == entry.nip  # no directory profile: shown by NIP


def test_region_winners_come_first_then_units() -> None:
    order = [(e.scope, e.rank, e.unit_name) for e in the_board().entries]

    assert [(scope, rank) for scope, rank, _ in order[:3]] == [
        (Scope.REGION, 1),
        (Scope.REGION, 2),
        (Scope.REGION, 3),
    ]
    # units by name, whatever the case: "dinkes" (no profile: its id) before "Puskesmas ..."
    assert [(scope, name) for scope, _, name in order[3:]] == [
        (Scope.UNIT, "dinkes"),
        (Scope.UNIT, "Puskesmas Kereng Bangkirai"),
    ]


def test_the_board_shows_only_its_region_and_period() -> None:
    assert the_board(period="2026-12").entries == ()


def certificate() -> Certificate:
    result = the_board()
    entry = next(e for e in result.entries if e.nip == SITI and e.scope is Scope.REGION)
    return certificate_for(entry, result, region_name="Palangka Raya", issued_on=date(2026, 12, 5))


def test_the_certificate_names_the_award_the_person_and_the_reasons_in_indonesian() -> None:
    made = certificate()

    assert made.title == "ASN Terbaik Bulan Ini"
    assert made.scope_line == "Tingkat Daerah Palangka Raya - peringkat 1"
    assert made.reasons[0].startswith("ID Berorientasi")
    assert date_id(made.issued_on) == "5 Desember 2026"


def test_the_certificate_is_a_one_page_pdf_with_the_name() -> None:
    pdf = certificate_pdf(certificate())

    assert pdf.startswith(b"%PDF")
    assert b"Siti Aminah" in pdf
    assert b"PIAGAM PENGHARGAAN" in pdf
    assert b"ASN Terbaik Bulan Ini" in pdf
    assert b"November 2026" in pdf
    assert pdf.count(b"/Type /Page\n") == 1


def test_printing_the_same_award_twice_gives_the_same_file() -> None:
    assert certificate_pdf(certificate()) == certificate_pdf(certificate())


def test_characters_outside_the_font_do_not_break_the_certificate() -> None:
    made = certificate()
    odd = replace(made, name="Ma’ruf Çelik 王")

    pdf = certificate_pdf(odd)

    assert b"Ma'ruf \xc7elik ?" in pdf
