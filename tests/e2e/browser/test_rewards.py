"""Region HR's rewards journey: a rule file refused, fixed, previewed and published; a month's
awards computed; payroll's base TPP and the allowance export; the public board; a certificate."""

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import FilePayload, Page, expect

from tests.e2e.browser.conftest import DESKTOP, RINA, SITI, shot
from tests.e2e.stackctl import ROOT

RULES = (ROOT / "deploy/local/demo/rewards-palangkaraya.yaml").read_text()
NEXT = RULES.replace('version: "palangkaraya-2026.1"', 'version: "palangkaraya-2026.2"')
MONTHLY = "  unit: {top_n: 1}\n  region: {top_n: 3}\nquarterly:"
# Two mistakes: no winner per unit, and tie-breakers that could leave two candidates tied.
BROKEN = NEXT.replace(MONTHLY, "  unit: {top_n: 0}\n  region: {top_n: 3}\nquarterly:").replace(
    "  - nip\n", ""
)
# Fixed, and changed: monthly awards per unit only, so October's region winner would leave.
FIXED = NEXT.replace(MONTHLY, "  unit: {top_n: 1}\nquarterly:")
# Payroll's file with a NIP cut short: refused whole.
BAD_BASES: FilePayload = {
    "name": "tpp.csv",
    "mimeType": "text/csv",
    "buffer": b"nip,tpp_dasar_rp\n1992,5 juta\n",
}


def test_region_hr_fixes_previews_and_publishes_a_rule_file(
    open_page: Callable[..., Page],
) -> None:
    page = open_page(RINA, viewport=DESKTOP)
    page.goto("/penghargaan")
    page.get_by_role("link", name="Aturan penghargaan").first.click()
    expect(
        page.get_by_role("heading", name="Versi yang berlaku: palangkaraya-2026.1")
    ).to_be_visible()
    monthly = page.get_by_role("row", name=re.compile("^Bulanan"))
    expect(monthly).to_contain_text("1 terbaik per unit · 3 terbaik se-daerah")

    text = page.get_by_label("Isi berkas aturan")
    text.fill(BROKEN)
    page.get_by_label("Periode pratinjau").fill("2026-10")
    page.get_by_role("button", name="Pratinjau").click()
    expect(text).to_have_accessible_description(re.compile("2 masalah.*tetap berlaku"))
    expect(text).to_have_accessible_description(
        re.compile("monthly.unit.top_n: harus paling kecil 1")
    )
    expect(page.get_by_text("tie_breakers", exact=True)).to_be_visible()
    expect(text).to_have_value(BROKEN.strip())
    shot(page, "rewards", "1-rule-file-refused")

    text.fill(FIXED)
    page.get_by_role("button", name="Pratinjau").click()
    expect(page.get_by_role("heading", name="Pratinjau untuk Oktober 2026")).to_be_visible()
    leaving = page.locator("div", has=page.get_by_role("heading", name="Tidak lagi menang"))
    expect(leaving.last).to_contain_text(re.compile(f"Siti Aminah, A.Md.Kep.*{SITI} · Tingkat"))
    expect(page.get_by_role("img", name="Penghargaan per unit")).to_be_visible()
    expect(page.get_by_role("img", name="Penghargaan per jenis jabatan")).to_be_visible()
    shot(page, "rewards", "2-preview")

    page.get_by_role("button", name="Terbitkan").click()
    expect(page.get_by_text("Versi palangkaraya-2026.2 diterbitkan")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Versi yang berlaku: palangkaraya-2026.2")
    ).to_be_visible()
    expect(monthly).to_contain_text("1 terbaik per unit")
    shot(page, "rewards", "3-published")


def test_region_hr_computes_a_past_month_and_feeds_payroll(open_page: Callable[..., Page]) -> None:
    page = open_page(RINA)  # on a phone
    page.goto("/penghargaan")
    period = page.get_by_role("textbox", name="Periode", exact=True)

    period.fill("2026-11")
    page.get_by_role("button", name="Hitung").click()
    expect(period).to_have_accessible_description(re.compile("belum ditutup"))
    expect(period).to_have_value("2026-11")
    shot(page, "rewards", "4-open-period-refused")

    period.fill("2026-10")
    page.get_by_role("button", name="Hitung").click()
    result = page.locator("#hasil")
    expect(result.get_by_role("heading", name="Hasil perhitungan Oktober 2026")).to_be_visible()
    expect(result.get_by_role("heading", name="Tingkat daerah")).to_be_visible()
    expect(result.get_by_role("heading", name="Unit UPT Puskesmas Pahandut")).to_be_visible()
    winner = result.get_by_role("listitem").filter(has_text="Siti Aminah, A.Md.Kep").first
    expect(winner).to_contain_text(SITI)  # the name first, the NIP beside it
    expect(result).to_contain_text("peringkat 1")
    shot(page, "rewards", "5-october-computed")

    csv = page.get_by_label("Isi CSV")
    page.get_by_label("Berkas CSV").set_input_files(files=BAD_BASES)
    page.get_by_role("button", name="Unggah TPP dasar").click()
    expect(csv).to_have_accessible_description(re.compile("baris 2.nip: NIP harus 18 angka"))
    expect(csv).to_have_value("nip,tpp_dasar_rp\n1992,5 juta\n")  # the chosen file, kept
    shot(page, "rewards", "6-tpp-refused")

    csv.fill(f"nip,tpp_dasar_rp\n{SITI},5.000.000\n")
    page.get_by_role("button", name="Unggah TPP dasar").click()
    expect(page.get_by_text("TPP dasar tersimpan untuk 1 pegawai.")).to_be_visible()

    with page.expect_download() as started:
        page.get_by_role("button", name="Unduh CSV").click()
    download = started.value
    assert download.suggested_filename == "tpp-palangkaraya-2026-10.csv"
    assert SITI in Path(download.path()).read_text(encoding="utf-8-sig")

    page.get_by_role("link", name="Kelompok talenta").click()
    expect(page.get_by_text("Belum ada anggota kelompok talenta.")).to_be_visible()


def test_the_board_is_public(open_page: Callable[..., Page]) -> None:
    page = open_page()
    page.goto("/papan/palangkaraya")

    expect(page.get_by_role("heading", name="ASN Terbaik Bulan Ini")).to_be_visible()
    expect(page.get_by_text("Oktober 2026 · Wilayah palangkaraya")).to_be_visible()
    region = page.get_by_role("region", name="Terbaik se-daerah")
    expect(region.get_by_role("heading", name="Siti Aminah, A.Md.Kep")).to_be_visible()
    expect(region).to_contain_text("Pasien dilayani")
    expect(page.get_by_role("link", name=re.compile("Cetak piagam"))).to_have_count(0)
    shot(page, "rewards", "7-board-public")

    page.get_by_label("Periode").fill("2026-09")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_text("Belum ada ASN Terbaik untuk September 2026.")).to_be_visible()
    shot(page, "rewards", "8-board-empty-month")


def test_the_winner_prints_her_certificate(open_page: Callable[..., Page]) -> None:
    page = open_page(SITI, viewport=DESKTOP)
    page.goto("/")
    page.get_by_role("link", name="ASN Terbaik").first.click()
    expect(page.get_by_role("link", name=re.compile("Cetak piagam"))).to_have_count(2)
    shot(page, "rewards", "9-board-winner")

    page.goto("/nilai")
    certificate = page.get_by_role("link", name=re.compile("Cetak piagam")).first
    answer = page.request.get(str(certificate.get_attribute("href")))
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF")
