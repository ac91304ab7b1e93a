"""Rewards and coaching pages: what the services said, grouped, named and placed on the inputs."""

import json
import re
from typing import Any

import httpx
import pytest

from gateway.webui.award_views import by_scope, rule_sections, unit_names_from_board
from gateway.webui.calls import Answer
from gateway.webui.coaching_form import awaiting_feedback, check_body
from gateway.webui.figures import spread_bars
from gateway.webui.file_fields import refuse_file
from gateway.webui.forms import Form
from gateway.webui.i18n import Translator
from gateway.webui.navigation import menu
from gateway.webui.years import period_name
from kit.auth import Principal
from tests.unit.gateway.conftest import REGION, RINA, SITI, FakeServices, open_gateway
from tests.unit.gateway.test_webui_pages import csrf_token, signed_in

ID, EN = Translator("id"), Translator("en")
BOARD: dict[str, Any] = {
    "region": REGION,
    "period": "2026-10",
    "title": {"code": "title", "id": "ASN Terbaik Bulan Ini", "en": "Best ASN of the Month"},
    "period_label": {"code": "period", "id": "Oktober 2026", "en": "October 2026"},
    "entries": [
        {
            "award_id": "award-u",
            "scope": "unit",
            "scope_key": "pkm",
            "rank": 1,
            "nip": SITI,
            "name": "Siti Aminah",
            "unit_name": "UPT Puskesmas Pahandut",
            "reasons": [{"code": "iki", "id": "Capaian 115%", "en": "115% achieved"}],
        },
        {
            "award_id": "award-r",
            "scope": "region",
            "scope_key": REGION,
            "rank": 1,
            "nip": SITI,
            "name": "Siti Aminah",
            "unit_name": "UPT Puskesmas Pahandut",
            "reasons": [],
        },
    ],
}
REFUSED_RULES = {
    "status": 422,
    "detail": "Aturan aturan.yaml ditolak: ...",
    "errors": [
        {"field": "tie_breakers", "reason": "harus diakhiri dengan nip", "reason_en": "must end"},
        {"field": "monthly.unit.top_n", "reason": "harus paling kecil 1", "reason_en": "at least"},
        {"field": "period", "reason": "format tidak sesuai", "reason_en": "wrong format"},
    ],
}


def award(scope: str, key: str, rank: int, nip: str = SITI) -> dict[str, Any]:
    return {"scope": scope, "scope_key": key, "rank": rank, "nip": nip, "unit_id": key}


def test_region_winners_come_first_then_each_unit_by_its_name() -> None:
    names = unit_names_from_board(
        {"entries": [{**BOARD["entries"][0], "scope_key": "z-unit", "unit_name": "Apotek"}]}
    )
    items = [award("unit", "x-unit", 1), award("unit", "z-unit", 1), award("region", REGION, 2)]
    items.append(award("region", REGION, 1))

    groups = by_scope(items, names)

    assert [(group.scope, group.title) for group in groups] == [
        ("region", ""),
        ("unit", "Apotek"),  # z-unit, named by the board, sorts before the unnamed x-unit
        ("unit", "x-unit"),
    ]
    assert [item["rank"] for item in groups[0].items] == [1, 2]
    assert names.unit("z-unit") == "Apotek"
    assert names.unit("x-unit") == "x-unit"


def test_rules_read_as_rows_in_the_persons_language() -> None:
    rules = {
        "version": "palangkaraya-2026.1",
        "eligibility": {"min_predikat": "BAIK", "final_score_only": True, "min_composite": None},
        "tie_breakers": ["predikat", "nip"],
        "monthly": {"unit": {"top_n": 1}, "region": {"top_n": 3}},
        "quarterly": {"unit": None, "region": {"top_n": 3}},
        "tpp": {"performance_pct": "60", "discipline_pct": "40", "source": "Perwali 1/2026"},
        "coaching": {"follow_up_days": 30},
    }

    sections = {section.title: dict(section.rows) for section in rule_sections(rules, ID)}

    assert sections["Penghargaan per periode"] == {
        "Bulanan": "1 terbaik per unit · 3 terbaik se-daerah",
        "Triwulanan": "3 terbaik se-daerah",
        "Tahunan": "tidak ada",
    }
    assert sections["Syarat pemenang"]["Predikat minimal"] == "Baik"
    assert sections["Syarat pemenang"]["Nilai gabungan minimal"] == "–"
    assert sections["Urutan bila nilai sama"] == {
        "1": "Predikat yang lebih baik",
        "2": "NIP terkecil",
    }
    assert sections["TPP"]["Pembagian"] == "kinerja 60% · disiplin 40%"
    assert sections["Kelompok talenta"] == {"Kelompok talenta": "tidak dipakai"}
    assert sections["Pembinaan"] == {"Tindak lanjut setelah": "30 hari"}


def test_a_refused_file_lists_its_problems_and_keeps_the_text() -> None:
    form = Form(values={"text": "version: x", "period": "2026-13", "source": ""})

    problems = refuse_file(
        form, Answer(422, REFUSED_RULES), EN, text_input="text", message_key="rules.refused"
    )

    assert [(problem.where, problem.message) for problem in problems] == [
        ("tie_breakers", "must end"),
        ("monthly.unit.top_n", "at least"),
    ]
    assert form.error("period") == "wrong format"  # the form's own input
    assert form.error("text").startswith("File refused: 2 problems")
    assert form.value("text") == "version: x"


def test_a_refusal_about_the_forms_own_inputs_is_placed_as_usual() -> None:
    refused = {"detail": "Versi sudah dipakai", "errors": [{"field": "text", "reason": "dipakai"}]}
    form = Form(values={"text": "version: x"})

    problems = refuse_file(form, Answer(409, refused), ID, text_input="text")

    assert problems == []
    assert form.error("text") == "dipakai"


def test_a_competency_check_is_sent_as_a_mapping_and_its_errors_return_to_the_rows() -> None:
    form = Form(
        values={
            "checked_on": "2026-11-23",
            "competency.0": "Komunikasi",
            "score.0": "4",
            "competency.1": "",
            "score.1": "3",
            "competency.2": "Disiplin",
            "score.2": "",
        }
    )

    check = check_body(form)
    refused = {"errors": [{"field": "scores.Disiplin", "reason": "nilai tidak sah"}]}

    assert check.body == {"checked_on": "2026-11-23", "scores": {"Komunikasi": 4, "Disiplin": ""}}
    assert check.shown(Answer(422, refused)).body["errors"][0]["field"] == "score.2"
    empty = check_body(Form(values={"checked_on": "2026-11-23"}))
    assert empty.shown(Answer(422, {"errors": [{"field": "scores"}]})).body["errors"] == [
        {"field": "competency.0"}
    ]


def test_only_sessions_without_feedback_can_be_rated() -> None:
    plan = {
        "sessions": [{"session_id": "sesi-1"}, {"session_id": "sesi-2"}],
        "feedback": [{"session_id": "sesi-1", "helpful": 4}],
    }

    assert awaiting_feedback(plan) == [{"session_id": "sesi-2"}]


def test_the_preview_spread_draws_current_then_candidate_per_key() -> None:
    rows = [{"key": "pkm", "current": 2, "candidate": 0, "change": -2}]

    bars = spread_bars(rows, {"pkm": "Puskesmas"}.get, ID)  # type: ignore[arg-type]

    assert [(bar.label, bar.value, bar.kind) for bar in bars] == [
        ("Puskesmas · Berlaku", 2.0, "current"),
        ("Puskesmas · Usulan", 0.0, "candidate"),
    ]


@pytest.mark.parametrize(
    ("period", "indonesian", "english"),
    [
        ("2026-10", "Oktober 2026", "October 2026"),
        ("2026-Q4", "Triwulan IV 2026", "Q4 2026"),
        ("2026", "Tahun 2026", "Year 2026"),
        ("2026-Q9", "2026-Q9", "2026-Q9"),
    ],
)
def test_periods_are_named_as_people_say_them(period: str, indonesian: str, english: str) -> None:
    assert (period_name(period, ID), period_name(period, EN)) == (indonesian, english)


def test_the_menu_links_to_the_board_of_the_persons_region() -> None:
    hr = Principal(nip=RINA, region=REGION, roles=frozenset({"pegawai", "region_admin"}))

    paths = [item.path for item in menu(hr)]

    assert f"/papan/{REGION}" in paths
    assert paths.count("/pembinaan") == 1
    assert "/penghargaan" in paths


def answering(routes: dict[str, httpx.Response]) -> FakeServices:
    """Fake services answering by path (the first route the URL path ends with)."""

    def answer(request: httpx.Request) -> httpx.Response:
        for path, response in routes.items():
            if request.url.path.endswith(path):
                return response
        return httpx.Response(200, json={"items": []})

    return FakeServices(answer=answer)


async def test_the_board_is_public_and_limited_like_the_citizens_pages() -> None:
    services = answering({"/board/palangkaraya": httpx.Response(200, json=BOARD)})
    async with open_gateway(services=services) as gateway:
        page = await gateway.client.get("/papan/palangkaraya?period=2026-10")

    assert page.status_code == 200
    assert "ASN Terbaik Bulan Ini" in page.text
    assert page.text.index("Terbaik se-daerah") < page.text.index("UPT Puskesmas Pahandut</h2>")
    assert "Cetak piagam" not in page.text  # nobody signed in
    sent = services.seen[0]
    assert "authorization" not in sent.headers
    assert sent.url.params["period"] == "2026-10"


async def test_the_winner_sees_a_certificate_link_on_the_board() -> None:
    services = answering({"/board/palangkaraya": httpx.Response(200, json=BOARD)})
    async with open_gateway(services=services) as gateway:
        signed_in(gateway)
        page = await gateway.client.get("/papan/palangkaraya")

    assert page.text.count('href="/piagam/award-') == 2


async def test_a_certificate_and_an_export_are_relayed_as_files() -> None:
    pdf = httpx.Response(
        200,
        content=b"%PDF-1.4",
        headers={"content-type": "application/pdf", "content-disposition": "inline"},
    )
    csv = httpx.Response(
        200,
        text="nip;nama\n",
        headers={"content-type": "text/csv", "content-disposition": 'attachment; filename="t.csv"'},
    )
    services = answering({"/certificate.pdf": pdf, "/exports/allowance": csv})
    async with open_gateway(services=services) as gateway:
        signed_in(gateway, RINA, ("pegawai", "region_admin"))
        certificate = await gateway.client.get("/piagam/award-1")
        export = await gateway.client.get("/penghargaan/ekspor?period=2026-10&format=csv")

    assert certificate.headers["content-type"] == "application/pdf"
    assert certificate.content == b"%PDF-1.4"
    assert export.headers["content-disposition"] == 'attachment; filename="t.csv"'
    assert services.seen[-1].url.params["format"] == "csv"


async def test_an_export_without_scores_is_told_on_the_month() -> None:
    no_scores = {
        "detail": "Belum ada nilai",
        "errors": [{"field": "period", "reason": "Belum ada nilai"}],
    }
    services = answering({"/exports/allowance": httpx.Response(404, json=no_scores)})
    async with open_gateway(services=services) as gateway:
        signed_in(gateway, RINA, ("pegawai", "region_admin"))
        page = await gateway.client.get("/penghargaan/ekspor?period=2026-09&format=csv")

    assert page.status_code == 404
    assert 'id="e-export-period"' in page.text
    assert 'value="2026-09"' in page.text


async def test_a_refused_rule_file_shows_every_problem_and_keeps_the_text() -> None:
    rules = {"active": {"version": "palangkaraya-2026.1"}, "history": []}
    services = answering(
        {
            "/rewards/rules/preview": httpx.Response(422, json=REFUSED_RULES),
            "/rewards/rules": httpx.Response(200, json=rules),
        }
    )
    async with open_gateway(services=services) as gateway:
        signed_in(gateway, RINA, ("pegawai", "region_admin"))
        token = await csrf_token(gateway, "/penghargaan/aturan")
        files = {"file": ("", b"", "application/octet-stream")}
        data = {
            "csrf_token": token,
            "text": "version: x\n",
            "period": "2026-13",
            "action": "preview",
        }
        page = await gateway.client.post("/penghargaan/aturan", data=data, files=files)

    assert page.status_code == 422
    assert "<code>monthly.unit.top_n</code>: harus paling kecil 1" in page.text
    assert re.search(r'aria-describedby="h-text e-text p-text"', page.text)
    assert ">version: x</textarea>" in page.text
    assert "versi yang berlaku tetap berlaku" in page.text
    assert 'id="e-period"' in page.text


async def test_a_chosen_file_is_read_on_the_server_and_sent_as_text() -> None:
    services = answering({"/rewards/tpp-bases": httpx.Response(200, json={"stored": 1})})
    async with open_gateway(services=services) as gateway:
        signed_in(gateway, RINA, ("pegawai", "region_admin"))
        token = await csrf_token(gateway, "/penghargaan")
        csv = "\ufeffnip,tpp_dasar_rp\n199203102015032003,5.000.000\n".encode()
        files = {"file": ("tpp.csv", csv, "text/csv")}
        answer = await gateway.client.post(
            "/penghargaan/tpp", data={"csrf_token": token, "text": ""}, files=files
        )

    assert answer.status_code == 303
    assert answer.headers["location"] == "/penghargaan?tpp=1#tpp"
    sent = services.seen[-1]
    assert json.loads(sent.content) == {"text": "nip,tpp_dasar_rp\n199203102015032003,5.000.000\n"}


def shown(name: str, nip: str) -> str:
    """How a page names a person: the name, the NIP small beside it."""
    return f'{name} <small class="muted"><span class="visually-hidden">NIP </span>{nip}</small>'


async def test_a_run_names_winners_and_those_left_out_with_their_nip() -> None:
    outcome = {
        "period": "2026-10",
        "rule_version": "v1",
        "candidates": 2,
        "awards": [
            award("region", REGION, 1)
            | {"name": "Siti Aminah", "predikat": "BAIK", "composite": 90, "reasons": []}
        ],
        "granted": [],
        "revoked": [],
        "ineligible": [{"nip": RINA, "name": "", "reasons": []}],
        "without_directory": [],
    }
    services = answering(
        {
            "/rewards/runs": httpx.Response(200, json=outcome),
            "/board/palangkaraya": httpx.Response(200, json=BOARD),
        }
    )
    async with open_gateway(services=services) as gateway:
        signed_in(gateway, RINA, ("pegawai", "region_admin"))
        token = await csrf_token(gateway, "/penghargaan")
        page = await gateway.client.post(
            "/penghargaan/hitung", data={"csrf_token": token, "period": "2026-10"}
        )

    assert shown("Siti Aminah", SITI) in page.text
    assert f"<li>{RINA}<ul>" in page.text  # no name in the directory: the NIP alone


async def test_the_talent_pool_and_coaching_lists_name_people() -> None:
    member = {"nip": SITI, "name": "Siti Aminah", "period": "2026-10", "reason_id": "x"}
    plan = {
        "plan_id": "p1",
        "nip": RINA,
        "name": "Rina Maharani",
        "coach_nip": "198505152010012002",
        "coach_name": "Budi Santoso",
        "period": "2026-10",
        "status": "open",
        "predikat": "KURANG",
        "kinds": [],
        "sessions": 0,
        "follow_up_on": "2026-12-01",
    }
    services = answering(
        {
            "/talent-pool": httpx.Response(200, json={"items": [member]}),
            "/rewards/coaching": httpx.Response(200, json={"items": [plan], "total": 1}),
        }
    )
    async with open_gateway(services=services) as gateway:
        signed_in(gateway, SITI, ("pegawai", "region_admin"))
        talent = await gateway.client.get("/penghargaan/talenta")
        coaching = await gateway.client.get("/pembinaan")

    assert shown("Siti Aminah", SITI) in talent.text
    assert "Oktober 2026 · Rina Maharani" in coaching.text
    assert shown("Budi Santoso", "198505152010012002") in coaching.text
