"""A citizen with a ticket: the IKM survey with an officer rating, then a complaint (no account)."""

import re
from collections.abc import Callable

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser.conftest import BUDI, api_token, shot
from tests.e2e.stackctl import Stack


@pytest.fixture
def ticket(demo: Stack) -> str:
    """A fresh single-use ticket of the Puskesmas, as its admin prints them."""
    body = {"unit_id": "pkm-pahandut", "service_id": "rawat-jalan", "count": 1, "valid_hours": 48}
    with httpx.Client(base_url=demo.gateway, timeout=20) as client:
        answer = client.post(
            "/api/v1/citizen-tokens", json=body, headers=api_token(demo.gateway, BUDI)
        )
    assert answer.status_code == 201, answer.text
    token: str = answer.json()["tokens"][0]["token"]
    return token


def test_a_citizen_answers_the_survey_once_and_files_a_complaint(
    open_page: Callable[..., Page], ticket: str
) -> None:
    page = open_page()
    page.goto(f"/survei/{ticket}")
    expect(page.get_by_role("heading", name="Survei kepuasan layanan")).to_be_visible()
    expect(page.get_by_text("UPT Puskesmas Pahandut")).to_be_visible()
    shot(page, "citizen", "1-survey")

    for element in ("U1", "U2", "U3", "U5", "U6", "U7", "U8", "U9"):
        page.locator(f"input[name='answers.{element}'][value='4']").check()
    page.locator("input[name='answers.U4'][value='3']").check()
    page.get_by_role("group", name="Nilai untuk petugas").get_by_label("Baik", exact=True).check()
    page.get_by_role("button", name="Kirim survei").click()

    # Rated an officer without choosing one: told next to the field, answers kept.
    officer = page.get_by_label("Petugas", exact=True)
    expect(officer).to_have_accessible_description("Pilih petugas yang dinilai")
    expect(page.locator("input[name='answers.U4'][value='3']")).to_be_checked()
    shot(page, "citizen", "2-field-error")

    officer.select_option(label="Siti Aminah, A.Md.Kep")
    page.get_by_role("button", name="Kirim survei").click()

    expect(page.get_by_role("heading", name="Terima kasih!")).to_be_visible()
    shot(page, "citizen", "3-thanks")

    page.goto(f"/survei/{ticket}")
    expect(page.get_by_role("heading", name="Tiket ini sudah dipakai")).to_be_visible()
    shot(page, "citizen", "4-used-ticket")

    page.get_by_role("link", name="Sampaikan atau lihat pengaduan").click()
    page.get_by_label("Jenis pengaduan").select_option("waktu")
    page.get_by_label("Uraian pengaduan").fill("Antre")
    page.get_by_role("button", name="Kirim pengaduan").click()
    text = page.get_by_label("Uraian pengaduan")
    expect(text).to_have_accessible_description(re.compile("terlalu pendek"))
    expect(text).to_have_value("Antre")

    page.get_by_label("Uraian pengaduan").fill("Antrean pendaftaran lebih dari dua jam.")
    page.get_by_role("button", name="Kirim pengaduan").click()

    expect(page.get_by_role("heading", name="Status pengaduan")).to_be_visible()
    expect(page.get_by_text("Diterima")).to_be_visible()
    shot(page, "citizen", "5-complaint-status")


def test_a_forged_link_is_explained(open_page: Callable[..., Page]) -> None:
    page = open_page()
    page.goto("/survei/bukan.tiket.sah")
    expect(page.get_by_role("heading", name="Tautan tidak dikenali")).to_be_visible()
