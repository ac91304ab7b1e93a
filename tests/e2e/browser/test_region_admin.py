"""Region HR: open and close a performance year, set a unit's organisation predicate."""

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.browser.conftest import DESKTOP, RINA, shot


def test_region_hr_opens_and_closes_a_year(open_page: Callable[..., Page]) -> None:
    page = open_page(RINA, viewport=DESKTOP)
    page.goto("/periode")
    expect(page.get_by_role("row", name=re.compile("2026"))).to_contain_text("Dibuka")

    page.get_by_role("spinbutton", name="Tahun").fill("1999")
    page.get_by_role("button", name="Buka tahun").click()
    expect(page.get_by_role("spinbutton", name="Tahun")).to_have_accessible_description(
        re.compile(".")
    )
    expect(page.get_by_role("spinbutton", name="Tahun")).to_have_value("1999")

    page.get_by_role("spinbutton", name="Tahun").fill("2027")
    page.get_by_label("Evaluasi berkala").select_option("quarterly")
    page.get_by_role("button", name="Buka tahun").click()
    expect(page.get_by_text("Tahun penilaian dibuka.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("2027"))).to_contain_text("Triwulanan")
    shot(page, "region-admin", "1-opened")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Tutup 2027").click()
    expect(page.get_by_text("Tahun penilaian ditutup.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("2027"))).to_contain_text("Ditutup")
    shot(page, "region-admin", "2-closed")


def test_region_hr_sets_a_unit_predicate(open_page: Callable[..., Page]) -> None:
    page = open_page(RINA, viewport=DESKTOP)
    page.goto("/unit?unit_id=pkm-pahandut")

    page.get_by_label("Predikat untuk 2026").select_option("BAIK")
    page.get_by_role("button", name="Simpan predikat").click()

    expect(page.get_by_text("Tersimpan.")).to_be_visible()
    expect(page.get_by_text("Saat ini: Baik")).to_be_visible()
    shot(page, "region-admin", "3-predicate")
