"""Security headers on every answer; HSTS only where the gateway is served over HTTPS."""

import httpx

from gateway.security_headers import APP_CSP, DOCS_CSP, PRINTABLE_CSP
from tests.factories import bearer
from tests.unit.gateway.conftest import RINA, FakeServices, Gateway, gateway_settings, open_gateway


def directives(policy: str) -> dict[str, str]:
    return {
        name: value
        for name, _, value in (part.strip().partition(" ") for part in policy.split(";"))
    }


def test_app_policy_allows_own_files_and_data_images_but_no_inline_code() -> None:
    policy = directives(APP_CSP)

    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in APP_CSP


async def test_every_answer_carries_the_headers_even_a_refusal(gateway: Gateway) -> None:
    for answer in (await gateway.client.get("/"), await gateway.client.get("/api/v1/me")):
        assert answer.headers["content-security-policy"] == APP_CSP
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert "camera=()" in answer.headers["permissions-policy"]
        assert "strict-transport-security" not in answer.headers


async def test_hsts_only_when_served_over_https() -> None:
    async with open_gateway(gateway_settings(secure_cookies=True)) as gateway:
        answer = await gateway.client.get("/health/live")

    assert answer.headers["strict-transport-security"].startswith("max-age=31536000")


async def test_api_docs_page_gets_the_policy_its_bundle_needs(gateway: Gateway) -> None:
    answer = await gateway.client.get("/docs")

    assert answer.headers["content-security-policy"] == DOCS_CSP
    assert answer.headers["x-frame-options"] == "DENY"


async def test_printable_ticket_sheet_keeps_its_inline_style_but_no_script() -> None:
    def sheet(_: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, text="<style>.ticket{}</style>", headers={"content-type": "text/html"}
        )

    async with open_gateway(services=FakeServices(sheet)) as gateway:
        answer = await gateway.client.get(
            "/api/v1/citizen-tokens/b-1/print", headers=bearer(gateway.settings, RINA)
        )

    assert answer.headers["content-security-policy"] == PRINTABLE_CSP
    assert "script-src" not in PRINTABLE_CSP
    assert directives(PRINTABLE_CSP)["default-src"] == "'none'"
