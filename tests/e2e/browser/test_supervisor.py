"""The PPK: who is behind, rating with a justification, the unit's curve, fairness warnings."""

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.browser.conftest import BUDI, DESKTOP, HOTMAN, shot


def test_the_ppk_sees_who_is_behind_and_rates_with_a_justification(
    open_page: Callable[..., Page],
) -> None:
    # Pematangsiantar's school head: the skeleton flow keeps Palangka Raya's Andi unrated.
    page = open_page(HOTMAN, viewport=DESKTOP)
    page.goto("/tim")
    lestari = page.get_by_role("row", name=re.compile("Lestari Manurung"))
    expect(lestari).to_contain_text("perlu perhatian")
    expect(lestari).to_contain_text("94,7%")
    expect(page.get_by_role("row", name=re.compile("Rudi Hutagalung"))).to_be_visible()
    expect(page.get_by_text("Siti Aminah")).to_have_count(0)  # another region's people
    shot(page, "supervisor", "1-team")

    lestari.get_by_role("link", name=re.compile("Beri penilaian")).click()
    expect(page.get_by_text("Menurut bukti yang ada")).to_be_visible()
    page.get_by_label("Periode").fill("2026-Q3")
    page.get_by_role("group", name="Rating hasil kerja").get_by_label("Sesuai ekspektasi").check()
    page.get_by_role("group", name="Rating perilaku").get_by_label("Sesuai ekspektasi").check()
    page.get_by_role("button", name="Simpan penilaian").click()
    justification = page.get_by_label("Alasan penilaian")
    expect(justification).to_have_accessible_description(re.compile("wajib"))
    behaviour = page.get_by_role("group", name="Rating perilaku")
    expect(behaviour.get_by_label("Sesuai ekspektasi")).to_be_checked()
    shot(page, "supervisor", "2-rating-needs-justification")

    justification.fill("Kelulusan hampir mencapai target; disiplin dan kerja sama baik.")
    page.get_by_role("button", name="Simpan penilaian").click()
    expect(page.get_by_text("Penilaian tersimpan.")).to_be_visible()


def test_the_unit_distribution_is_drawn_against_its_curve(open_page: Callable[..., Page]) -> None:
    page = open_page(BUDI)
    page.goto("/tim")
    page.get_by_role("link", name="Sebaran predikat unit").click()

    expect(page.get_by_role("heading", name="Sebaran predikat 2026")).to_be_visible()
    expect(page.get_by_role("img", name="Jumlah pegawai per predikat")).to_be_visible()
    shot(page, "supervisor", "3-distribution")

    page.goto("/keadilan")
    expect(page.get_by_role("heading", name="Peringatan keadilan 2026")).to_be_visible()
    shot(page, "supervisor", "4-fairness")
