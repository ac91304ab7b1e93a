"""The web application in-process: sign-in redirects, CSRF refusals, citizen pages, languages."""

import re

import httpx
import pytest
from pydantic import ValidationError

from kit.auth import Principal, issue_development_token
from tests.unit.gateway.conftest import (
    PRODUCTION,
    REGION,
    SITI,
    FakeServices,
    Gateway,
    gateway_settings,
    open_gateway,
)

TICKET = "aaa.bbb.ccc"


def signed_in(gateway: Gateway, nip: str = SITI, roles: tuple[str, ...] = ("pegawai",)) -> None:
    principal = Principal(nip=nip, region=REGION, roles=frozenset(roles), name="Siti Aminah")
    token = issue_development_token(gateway.settings, principal)
    gateway.client.cookies.set("kinerja_session", token)


async def csrf_token(gateway: Gateway, path: str = "/masuk") -> str:
    page = await gateway.client.get(path)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, page.text
    return found[1]


async def test_a_page_without_session_redirects_to_sign_in_and_back(gateway: Gateway) -> None:
    answer = await gateway.client.get("/nilai?year=2026")

    assert answer.status_code == 303
    assert answer.headers["location"] == "/masuk?next=/nilai%3Fyear%3D2026"


async def test_demo_sign_in_sets_the_session_and_returns_to_the_page(gateway: Gateway) -> None:
    token = await csrf_token(gateway)

    answer = await gateway.client.post(
        "/masuk", data={"csrf_token": token, "nip": SITI, "next": "/progres"}
    )

    assert answer.status_code == 303
    assert answer.headers["location"] == "/progres"
    assert "kinerja_session=" in answer.headers["set-cookie"]
    assert "httponly" in answer.headers["set-cookie"].lower()


async def test_sign_in_never_returns_to_another_site(gateway: Gateway) -> None:
    token = await csrf_token(gateway)

    answer = await gateway.client.post(
        "/masuk", data={"csrf_token": token, "nip": SITI, "next": "//evil.example/"}
    )

    assert answer.headers["location"] == "/"


async def test_a_post_without_csrf_token_gets_a_friendly_403_page(gateway: Gateway) -> None:
    await gateway.client.get("/masuk")

    answer = await gateway.client.post("/masuk", data={"nip": SITI})

    assert answer.status_code == 403
    assert answer.headers["content-type"].startswith("text/html")
    assert "Formulir ini sudah kedaluwarsa" in answer.text


async def test_a_token_from_another_session_is_refused(gateway: Gateway) -> None:
    token = await csrf_token(gateway)
    signed_in(gateway)  # the session changed after the form was shown

    answer = await gateway.client.post("/keluar", data={"csrf_token": token})

    assert answer.status_code == 403


async def test_a_token_without_its_cookie_is_refused(gateway: Gateway) -> None:
    token = await csrf_token(gateway)
    gateway.client.cookies.delete("kinerja_csrf")

    answer = await gateway.client.post("/masuk", data={"csrf_token": token, "nip": SITI})

    assert answer.status_code == 403


async def test_english_is_chosen_with_the_lang_cookie(gateway: Gateway) -> None:
    switched = await gateway.client.get("/bahasa?lang=en&next=/masuk")
    assert switched.headers["location"] == "/masuk"

    page = await gateway.client.get("/masuk")

    assert '<html lang="en">' in page.text
    assert "Demo sign-in" in page.text


async def test_indonesian_is_the_default(gateway: Gateway) -> None:
    page = await gateway.client.get("/")

    assert '<html lang="id">' in page.text
    assert "Selamat datang di Kinerja" in page.text


async def test_an_expired_upstream_session_asks_to_sign_in_again() -> None:
    services = FakeServices(answer=lambda _: httpx.Response(401, json={"status": 401}))
    async with open_gateway(services=services) as gateway:
        signed_in(gateway)
        answer = await gateway.client.get("/rencana?year=2026")

    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/masuk?next=/rencana")


async def test_a_used_ticket_is_told_kindly() -> None:
    used = {"status": 409, "errors": [{"field": "token", "reason": "sudah dipakai"}]}
    services = FakeServices(answer=lambda _: httpx.Response(409, json=used))
    async with open_gateway(services=services) as gateway:
        answer = await gateway.client.get(f"/survei/{TICKET}")

    assert answer.status_code == 409
    assert "Tiket ini sudah dipakai" in answer.text
    assert "authorization" not in services.seen[0].headers  # citizens send no login


async def test_a_refused_survey_keeps_the_answers_and_marks_the_field() -> None:
    form = {
        "unit": {"unit_id": "pkm", "name": "Puskesmas"},
        "valid_until": "2026-12-01T00:00:00Z",
        "elements": [
            {
                "element": "U1",
                "question": "Q1?",
                "label": "L1",
                "scale": [{"value": 4, "label": "Ok"}],
            }
        ],
        "officer_scale": [],
        "profile": {},
        "officers": [],
    }
    refused = {
        "status": 422,
        "errors": [{"field": "answers.U1", "reason": "tidak boleh melebihi batas maksimum"}],
    }

    def answer(request: httpx.Request) -> httpx.Response:
        return (
            httpx.Response(200, json=form)
            if request.method == "GET"
            else httpx.Response(422, json=refused)
        )

    async with open_gateway(services=FakeServices(answer=answer)) as gateway:
        token = await csrf_token(gateway, f"/survei/{TICKET}")
        page = await gateway.client.post(
            f"/survei/{TICKET}", data={"csrf_token": token, "answers.U1": "4"}
        )

    assert page.status_code == 422
    assert 'id="e-answers-U1"' in page.text
    assert "tidak boleh melebihi batas maksimum" in page.text
    assert 'value="4" checked' in page.text


async def test_production_names_the_identity_provider_and_offers_no_demo_people() -> None:
    async with open_gateway(gateway_settings(**PRODUCTION)) as gateway:
        page = await gateway.client.get("/masuk")

    assert page.status_code == 200
    assert "layanan identitas (SSO)" in page.text
    assert SITI not in page.text


def test_production_without_a_form_key_does_not_start() -> None:
    without_key = {key: value for key, value in PRODUCTION.items() if key != "web_csrf_secret"}
    with pytest.raises(ValidationError, match="web_csrf_secret"):
        gateway_settings(**without_key)


async def test_a_unit_admin_is_offered_the_predicate_of_their_own_unit_only() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/cascade"):
            return httpx.Response(200, json={"unit_id": "pkm"})
        return httpx.Response(404, json={"status": 404})

    async with open_gateway(services=FakeServices(answer=answer)) as gateway:
        signed_in(gateway, SITI, ("pegawai", "unit_admin"))
        own = await gateway.client.get("/unit?year=2026")
        other = await gateway.client.get("/unit?year=2026&unit_id=dinkes")

    assert 'action="/unit/predikat?year=2026"' in own.text
    assert 'action="/unit/predikat?year=2026"' not in other.text
