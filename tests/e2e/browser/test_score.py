"""An employee reads her score receipt with its charts and files an appeal."""

import re
from collections.abc import Callable

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser.conftest import BUDI, SITI, YEAR, api_token, shot
from tests.e2e.stackctl import Stack


@pytest.fixture
def team_feedback(demo: Stack) -> None:
    """Budi, head of her unit, has answered the 360 form about Siti (shown by name, not hidden)."""
    scores = {
        "berorientasi_pelayanan": 5,
        "akuntabel": 4,
        "kompeten": 5,
        "harmonis": 4,
        "loyal": 4,
        "adaptif": 3,
        "kolaboratif": 5,
    }
    body = {"nip": SITI, "period": str(YEAR), "source": "team", "scores": scores}
    with httpx.Client(base_url=demo.gateway, timeout=20) as client:
        answer = client.post("/api/v1/feedback", json=body, headers=api_token(demo.gateway, BUDI))
    assert answer.status_code in (201, 409), answer.text


@pytest.mark.usefixtures("team_feedback")
def test_the_receipt_explains_the_score_with_charts_and_takes_an_appeal(
    open_page: Callable[..., Page],
) -> None:
    page = open_page(SITI)
    page.goto("/nilai")

    expect(page.get_by_role("heading", name="Nilai kinerja 2026")).to_be_visible()
    expect(page.get_by_text("Sangat Baik").first).to_be_visible()
    expect(
        page.get_by_role("img", name="Rincian: bobot tiap masukan dalam nilai gabungan")
    ).to_be_visible()
    expect(page.get_by_role("img", name="Tren capaian per periode (%)")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("BerAKHLAK"))).to_be_visible()
    expect(page.get_by_text("Rata-rata capaian 1 IKI")).to_be_visible()
    shot(page, "receipt", "1-receipt")

    page.get_by_label("Alasan keberatan").fill("Tidak setuju.")
    page.get_by_role("button", name="Ajukan keberatan").click()
    expect(page.get_by_label("Alasan keberatan")).to_have_accessible_description(
        re.compile("pendek")
    )
    expect(page.get_by_label("Alasan keberatan")).to_have_value("Tidak setuju.")

    page.get_by_label("Alasan keberatan").fill(
        "Laporan Desember belum dihitung padahal bukti dukung sudah diunggah."
    )
    page.get_by_role("button", name="Ajukan keberatan").click()
    expect(page.get_by_text("Keberatan Anda sudah diajukan")).to_be_visible()
    expect(page.get_by_text("Sedang diproses")).to_be_visible()
    shot(page, "receipt", "2-appeal-filed")
