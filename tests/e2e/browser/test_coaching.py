"""Pembinaan: Rudi's weak October result opened a plan; his PPK records a session and a
competency check, Rudi says how helpful the session was, and region HR sees it in the overview."""

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.browser.conftest import DESKTOP, HOTMAN, ROSMAWATI, RUDI, shot


def test_a_coaching_plan_is_followed_by_the_ppk_the_coachee_and_hr(
    open_page: Callable[..., Page],
) -> None:
    ppk = open_page(HOTMAN)
    ppk.goto("/pembinaan")
    plan = ppk.get_by_role("listitem").filter(has_text=RUDI)
    expect(plan).to_contain_text("Kurang")
    expect(plan).to_contain_text("Konseling")
    expect(plan.get_by_role("link")).to_have_text(re.compile("Rudi Hutagalung, S.Pd."))
    shot(ppk, "coaching", "1-ppk-list")

    plan.get_by_role("link").click()
    expect(ppk.get_by_role("heading", name="Rencana pembinaan Oktober 2026")).to_be_visible()
    expect(ppk.get_by_role("definition").filter(has_text="Rudi Hutagalung")).to_contain_text(RUDI)
    ppk.get_by_role("button", name="Simpan sesi").click()
    notes = ppk.get_by_label("Catatan sesi")
    expect(notes).to_have_accessible_description(re.compile("wajib diisi"))
    notes.fill("Membahas keterlambatan dan kerja sama dengan wali kelas; disepakati hadir 07.15.")
    ppk.get_by_role("button", name="Simpan sesi").click()
    expect(ppk.get_by_text("Sesi tercatat.")).to_be_visible()

    for row, (competency, score) in enumerate((("Kerja sama", "4"), ("Disiplin waktu", "3")), 1):
        group = ppk.get_by_role("group", name=f"Kompetensi {row}")
        group.get_by_label("Kompetensi").fill(competency)
        group.get_by_label("Nilai").select_option(score)
    ppk.get_by_role("button", name="Simpan pemeriksaan").click()
    expect(ppk.get_by_text("Pemeriksaan kompetensi tercatat.")).to_be_visible()
    expect(ppk.get_by_role("row", name=re.compile("Kerja sama"))).to_contain_text("4 · Baik")
    shot(ppk, "coaching", "2-ppk-session-and-check")

    coachee = open_page(RUDI)
    coachee.goto("/pembinaan")
    coachee.get_by_role("link", name=re.compile("Oktober 2026 · Anda")).click()
    expect(coachee.get_by_text("Membahas keterlambatan")).to_be_visible()
    expect(coachee.get_by_role("definition").filter(has_text="Hotman Siregar")).to_be_visible()
    coachee.get_by_role("group", name="Seberapa membantu").get_by_label("4 · Baik").check()
    coachee.get_by_label("Komentar").fill("Jelas apa yang harus saya perbaiki.")
    coachee.get_by_role("button", name="Kirim umpan balik").click()
    expect(coachee.get_by_text("Terima kasih, umpan balik Anda tercatat.")).to_be_visible()
    expect(coachee.get_by_text(re.compile("Umpan balik pegawai: 4 dari 5"))).to_be_visible()
    expect(coachee.get_by_role("button", name="Simpan sesi")).to_have_count(0)  # coach's form
    shot(coachee, "coaching", "3-coachee-feedback")
    coachee.get_by_role("link", name="English").click()
    expect(coachee.get_by_role("heading", name="Coaching plan October 2026")).to_be_visible()
    expect(coachee.get_by_text(re.compile("The employee's feedback: 4 of 5"))).to_be_visible()
    coachee.get_by_role("link", name="Bahasa Indonesia").click()

    hr = open_page(ROSMAWATI, viewport=DESKTOP)
    hr.goto("/pembinaan")
    expect(hr.get_by_role("heading", name="Ringkasan pembinaan wilayah")).to_be_visible()
    overview = hr.get_by_role("listitem").filter(has_text=RUDI)
    expect(overview).to_contain_text("Berjalan")
    expect(overview).to_contain_text("Rudi Hutagalung, S.Pd.")
    expect(overview).to_contain_text("Hotman Siregar, S.Pd., M.Pd.")
    expect(overview).to_contain_text(re.compile(r"Sesi\s*1"))
    shot(hr, "coaching", "4-hr-overview")

    hr.get_by_label("Status").select_option("followed_up")
    hr.get_by_role("button", name="Tampilkan").click()
    expect(hr.get_by_text("Belum ada rencana pembinaan dengan status ini")).to_be_visible()
