"""An employee plans her SKP linked to her PPK's RHK, the PPK approves it, she reports progress.

Progress cites a link, then a file uploaded with the report (a refused file keeps the inputs).
"""

import re
from collections.abc import Callable

from playwright.sync_api import FilePayload, Page, expect

from tests.e2e.browser.conftest import BUDI, DEWI, shot

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_a_plan_is_linked_submitted_approved_and_reported(open_page: Callable[..., Page]) -> None:
    dewi = open_page(DEWI)
    dewi.goto("/rencana")
    expect(dewi.get_by_role("heading", name="Rencana SKP 2026")).to_be_visible()
    first = dewi.get_by_role("group", name="RHK 1")
    first.get_by_label("Rencana hasil kerja (RHK)").fill("Pelayanan asuhan keperawatan rawat jalan")
    first.get_by_label("Mendukung RHK atasan").select_option(label="Pelayanan Puskesmas Pahandut")
    indicator = first.get_by_role("group", name="IKI 1")
    indicator.get_by_label("Indikator (IKI)").fill("Pasien dilayani")
    indicator.get_by_label("Target").fill("tiga ratus")
    indicator.get_by_label("Satuan").fill("orang")
    dewi.get_by_role("button", name="Simpan rancangan").click()

    # The service refused the target: the message sits on that input, the typed text stays.
    target = (
        dewi.get_by_role("group", name="RHK 1")
        .get_by_role("group", name="IKI 1")
        .get_by_label("Target")
    )
    expect(target).to_have_accessible_description(re.compile("angka"))
    expect(target).to_have_value("tiga ratus")
    shot(dewi, "planning", "1-field-error")

    target.fill("300")
    dewi.get_by_role("button", name="Ajukan ke PPK").click()
    expect(dewi.get_by_text("Rencana sudah diajukan")).to_be_visible()
    expect(dewi.get_by_text("Menunggu persetujuan")).to_be_visible()
    shot(dewi, "planning", "2-submitted")

    budi = open_page(BUDI)
    budi.goto("/tim")
    row = budi.get_by_role("row", name=re.compile("Dewi Lestari"))
    expect(row).to_contain_text("Menunggu persetujuan")
    row.get_by_role("link", name=re.compile("Periksa rencana")).click()
    expect(budi.get_by_text("Pelayanan asuhan keperawatan rawat jalan")).to_be_visible()
    budi.get_by_text("Kembalikan dengan alasan").click()
    budi.get_by_label("Alasan").fill("Kurang")
    budi.get_by_role("button", name="Kembalikan rencana").click()
    expect(budi.get_by_label("Alasan")).to_have_accessible_description(
        re.compile("pendek|minimum|10")
    )
    shot(budi, "planning", "3-reject-needs-reason")
    budi.get_by_role("button", name="Setujui rencana").click()
    expect(budi.get_by_text("Rencana disetujui.")).to_be_visible()
    shot(budi, "planning", "4-approved")

    dewi.goto("/progres")
    report = dewi.get_by_role("region", name="Pasien dilayani")
    report.get_by_label("Periode").select_option("2026-10")
    report.get_by_label("Realisasi (orang)").fill("300")
    report.get_by_label("Tautan bukti dukung").fill("bukan tautan")
    report.get_by_role("button", name="Laporkan").click()
    report = dewi.get_by_role("region", name="Pasien dilayani")
    expect(report.get_by_label("Tautan bukti dukung")).to_have_accessible_description(
        re.compile(".")
    )
    expect(report.get_by_label("Realisasi (orang)")).to_have_value("300")

    report.get_by_label("Tautan bukti dukung").fill("https://example.org/rekap-oktober.pdf")
    report.get_by_role("button", name="Laporkan").click()
    expect(dewi.get_by_text("Progres tersimpan.")).to_be_visible()
    expect(
        dewi.get_by_role("region", name="Pasien dilayani").get_by_role("cell", name="100,0%")
    ).to_be_visible()
    expect(dewi.get_by_role("img", name="Rata-rata capaian per periode (%)")).to_be_visible()
    shot(dewi, "planning", "5-progress")

    report = dewi.get_by_role("region", name="Pasien dilayani")
    report.get_by_label("Periode").select_option("2026-11")
    report.get_by_label("Realisasi (orang)").fill("310")
    text_file: FilePayload = {
        "name": "catatan.txt",
        "mimeType": "text/plain",
        "buffer": b"bukan bukti",
    }
    report.get_by_label("Berkas bukti dukung").set_input_files(text_file)
    report.get_by_role("button", name="Laporkan").click()
    report = dewi.get_by_role("region", name="Pasien dilayani")
    expect(report.get_by_label("Berkas bukti dukung")).to_have_accessible_description(
        re.compile("text/plain.*tidak diterima")
    )
    expect(report.get_by_label("Realisasi (orang)")).to_have_value("310")
    expect(report.get_by_label("Periode")).to_have_value("2026-11")
    shot(dewi, "planning", "6-file-refused")

    pdf_file: FilePayload = {
        "name": "rekap-november.pdf",
        "mimeType": "application/pdf",
        "buffer": PDF,
    }
    report.get_by_label("Berkas bukti dukung").set_input_files(pdf_file)
    report.get_by_role("button", name="Laporkan").click()
    expect(dewi.get_by_text("Progres tersimpan.")).to_be_visible()
    november = dewi.get_by_role("region", name="Pasien dilayani").get_by_role("row", name="2026-11")
    cited = november.get_by_role("link", name="berkas 1")
    expect(cited).to_have_attribute("href", re.compile(r"^/api/v1/evidence/\w+$"))
    assert dewi.request.get(str(cited.get_attribute("href"))).body() == PDF
    shot(dewi, "planning", "7-file-evidence")
