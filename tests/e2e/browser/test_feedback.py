"""360 feedback: a peer answers about a colleague; an employee asks someone outside her unit."""

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.browser.conftest import ANDI, BUDI, HENDRA, SITI, shot


def test_a_peer_gives_feedback_on_the_berakhlak_values(open_page: Callable[..., Page]) -> None:
    page = open_page(ANDI)
    page.goto("/umpan-balik")
    page.get_by_role("link", name=re.compile("Beri umpan balik.*Siti Aminah")).click()

    expect(
        page.get_by_role("heading", name="Umpan balik untuk Siti Aminah, A.Md.Kep")
    ).to_be_visible()
    for value in ("Akuntabel", "Kompeten", "Harmonis"):
        page.get_by_role("group", name=value).get_by_label("4 · Baik").check()
    page.get_by_label("Kekuatannya").fill("Teliti dan sabar dengan pasien.")
    shot(page, "feedback", "1-form")
    page.get_by_role("button", name="Kirim umpan balik").click()

    expect(page.get_by_text("Terima kasih, umpan balik Anda tersimpan.")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Siti Aminah")).to_contain_text(
        "sudah diisi"
    )
    shot(page, "feedback", "2-given")


def test_asking_a_colleague_outside_the_unit_goes_to_the_ppk(
    open_page: Callable[..., Page],
) -> None:
    siti = open_page(SITI)
    siti.goto("/umpan-balik")
    siti.get_by_label("NIP rekan dari unit lain").fill("123")
    siti.get_by_role("button", name="Kirim permintaan").click()
    expect(siti.get_by_label("NIP rekan dari unit lain")).to_have_accessible_description(
        re.compile("format|18")
    )

    siti.get_by_label("NIP rekan dari unit lain").fill(HENDRA)
    siti.get_by_role("button", name="Kirim permintaan").click()
    expect(siti.get_by_text("Permintaan terkirim.")).to_be_visible()
    expect(siti.get_by_text("Menunggu PPK")).to_be_visible()
    shot(siti, "feedback", "3-asked")

    budi = open_page(BUDI)
    budi.goto("/tim")
    request = budi.get_by_role("listitem").filter(has_text="Ir. Hendra Wijaya")
    request.get_by_role("button", name="Izinkan").click()
    expect(budi.get_by_text("Tidak ada permintaan yang menunggu keputusan Anda.")).to_be_visible()
