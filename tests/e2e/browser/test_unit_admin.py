"""The unit admin: QR tickets, the IKM per element and band, complaints, the unit's predicate."""

import re
import time
from collections.abc import Callable

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser.conftest import BUDI, DESKTOP, HOTMAN, YEAR, api_token, shot
from tests.e2e.stackctl import Stack


@pytest.fixture
def answered_ticket(demo: Stack) -> str:
    """A ticket a citizen has used for a survey (through the API, as the citizen test does in UI)."""
    body = {"unit_id": "pkm-pahandut", "service_id": "imunisasi", "count": 1, "valid_hours": 24}
    with httpx.Client(base_url=demo.gateway, timeout=20) as client:
        batch = client.post(
            "/api/v1/citizen-tokens", json=body, headers=api_token(demo.gateway, BUDI)
        )
        token: str = batch.json()["tokens"][0]["token"]
        answers = {f"U{n}": 3 for n in range(1, 10)} | {"U3": 2}
        survey = client.post(f"/api/v1/citizen/survey/{token}", json={"answers": answers})
        assert survey.status_code == 201, survey.text
        complaint = {"category": "sarana", "text": "Kursi ruang tunggu kurang banyak."}
        filed = client.post(f"/api/v1/citizen/complaints/{token}", json=complaint)
        assert filed.status_code == 201, filed.text
    return token


def test_the_unit_admin_prints_qr_tickets(open_page: Callable[..., Page]) -> None:
    page = open_page(BUDI, viewport=DESKTOP)
    page.goto("/unit")
    expect(page.get_by_role("heading", name="Unit kerja 2026")).to_be_visible()

    page.get_by_label("Jenis layanan").fill("rawat-jalan")
    page.get_by_label("Jumlah tiket").fill("3")
    page.get_by_role("button", name="Buat tiket").click()

    expect(page.get_by_role("heading", name="Tiket survei")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Kode QR survei"))).to_have_count(3)
    expect(page.get_by_role("button", name="Cetak")).to_be_visible()
    shot(page, "unit-admin", "1-tickets")


def test_the_unit_admin_reads_the_ikm_and_closes_a_complaint(
    open_page: Callable[..., Page], answered_ticket: str
) -> None:
    page = open_page(BUDI, viewport=DESKTOP)
    deadline = time.monotonic() + 60
    page.goto("/unit")
    # Scoring folds the survey event asynchronously: reload until the index appears.
    while page.get_by_role("img", name="Nilai per unsur (NRR × 25)").count() == 0:
        assert time.monotonic() < deadline, "the IKM never appeared"
        time.sleep(1)
        page.reload()
    expect(page.get_by_text(re.compile(r"IKM \d+"))).to_be_visible()
    shot(page, "unit-admin", "2-ikm")

    page.get_by_role("link", name="Pengaduan").click()
    complaint = page.get_by_role("listitem").filter(has_text="Kursi ruang tunggu")
    complaint.get_by_label("Langkah berikutnya").select_option("resolved")
    complaint.get_by_role("button", name="Simpan").click()
    complaint = page.get_by_role("listitem").filter(has_text="Kursi ruang tunggu")
    expect(complaint.get_by_label("Catatan untuk pelapor")).to_have_accessible_description(
        re.compile("Wajib.*\\S", re.S)
    )
    complaint.get_by_label("Catatan untuk pelapor").fill("Sepuluh kursi tambahan sudah dipasang.")
    complaint.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Tersimpan.")).to_be_visible()
    shot(page, "unit-admin", "3-complaints")

    citizen = open_page()
    citizen.goto(f"/survei/{answered_ticket}/pengaduan")
    expect(citizen.get_by_text("Selesai").first).to_be_visible()
    expect(citizen.get_by_text("Sepuluh kursi tambahan sudah dipasang.")).to_be_visible()


def test_the_unit_admin_sets_their_own_units_predicate(open_page: Callable[..., Page]) -> None:
    # Hotman's SMP Negeri 1: region HR's browser test sets Budi's Puskesmas Pahandut.
    page = open_page(HOTMAN, viewport=DESKTOP)
    page.goto("/unit")
    expect(page.get_by_label("Kode unit")).to_have_value("smpn1")

    page.get_by_label(f"Predikat untuk {YEAR}").select_option("ISTIMEWA")
    page.get_by_label("Catatan").fill("Hasil evaluasi SAKIP 2026.")
    page.get_by_role("button", name="Simpan predikat").click()

    expect(page.get_by_text("Tersimpan.")).to_be_visible()
    expect(page.get_by_text("Saat ini: Istimewa")).to_be_visible()
    shot(page, "unit-admin", "4-predicate")

    page.goto("/unit?unit_id=disdik")
    expect(page.get_by_role("button", name="Simpan predikat")).to_have_count(0)
