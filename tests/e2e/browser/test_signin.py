"""Signing in and out, coming back to the page one wanted, the language switch, CSRF."""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.browser.conftest import DESKTOP, SITI, shot


def test_a_page_without_session_asks_to_sign_in_and_returns_there(
    open_page: Callable[..., Page],
) -> None:
    page = open_page()
    page.goto("/nilai?year=2026")

    expect(page).to_have_url("/masuk?next=/nilai%3Fyear%3D2026")
    expect(page.get_by_role("heading", name="Masuk", exact=True)).to_be_visible()
    expect(page.get_by_text("layanan identitas (SSO)")).to_be_visible()
    expect(page.get_by_role("heading", name="Wilayah Pematangsiantar")).to_be_visible()
    shot(page, "signin", "1-form")

    page.get_by_label("Siti Aminah").check()
    page.get_by_role("button", name="Masuk").click()

    expect(page).to_have_url("/nilai?year=2026")
    expect(page.get_by_role("heading", name="Nilai kinerja 2026")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "id")


def test_the_language_link_switches_to_english_and_back(open_page: Callable[..., Page]) -> None:
    page = open_page(SITI, viewport=DESKTOP)
    page.goto("/")
    expect(page.get_by_role("heading", name="Halo, Siti Aminah, A.Md.Kep")).to_be_visible()

    page.get_by_role("link", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Hello, Siti Aminah, A.Md.Kep")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main menu")).to_contain_text("My score")
    shot(page, "signin", "2-english-home")
    page.get_by_role("link", name="Bahasa Indonesia").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")


def test_signing_out_ends_the_session(open_page: Callable[..., Page]) -> None:
    page = open_page(SITI)
    page.goto("/rencana")
    expect(page.get_by_role("heading", name="Rencana SKP 2026")).to_be_visible()

    page.get_by_role("button", name="Keluar").click()

    expect(page).to_have_url("/masuk")
    page.goto("/rencana")
    expect(page).to_have_url("/masuk?next=/rencana")


def test_an_expired_session_says_so_and_comes_back(open_page: Callable[..., Page]) -> None:
    page = open_page()
    page.goto("/masuk")
    gateway = page.url.removesuffix("/masuk")
    page.context.add_cookies([{"name": "kinerja_session", "value": "a.b.c", "url": gateway}])

    page.goto("/progres")

    expect(page).to_have_url("/masuk?next=/progres")
    expect(page.get_by_text("Sesi Anda telah berakhir")).to_be_visible()
    page.get_by_label("Siti Aminah").check()
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Laporan progres 2026")).to_be_visible()


def test_a_form_without_its_csrf_token_is_refused_kindly(open_page: Callable[..., Page]) -> None:
    page = open_page(SITI)
    page.goto("/nilai")
    page.locator("input[name=csrf_token]").evaluate_all("inputs => inputs.forEach(i => i.remove())")

    page.get_by_role("button", name="Keluar").click()

    expect(page.get_by_role("heading", name="Maaf, ada kendala")).to_be_visible()
    expect(page.get_by_text("Formulir ini sudah kedaluwarsa")).to_be_visible()
    shot(page, "signin", "3-csrf-refused")
    page.goto("/nilai")
    expect(page.get_by_role("heading", name="Nilai kinerja 2026")).to_be_visible()
