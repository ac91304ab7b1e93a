"""Browser sessions: HTTP-only cookies, Secure behind HTTPS, logout, demo sign-in only in test."""

import pytest
from pydantic import ValidationError

from kit.problems import PROBLEM_JSON
from tests.unit.gateway.conftest import PRODUCTION, SITI, Gateway, gateway_settings, open_gateway


def session_cookie(set_cookie: str) -> dict[str, str]:
    """The attributes of a Set-Cookie header, lower-cased names; flags map to ''."""
    parts = [part.strip() for part in set_cookie.split(";")]
    return {name.lower(): value for name, _, value in (part.partition("=") for part in parts)}


async def test_demo_login_sets_an_http_only_lax_cookie(gateway: Gateway) -> None:
    answer = await gateway.client.post("/api/v1/auth/demo-login", json={"nip": SITI})

    assert answer.status_code == 200
    cookie = session_cookie(answer.headers["set-cookie"])
    assert cookie["kinerja_session"] == answer.json()["access_token"]
    assert "httponly" in cookie
    assert cookie["samesite"] == "lax"
    assert "secure" not in cookie  # plain HTTP in development, or the browser would drop it


async def test_cookie_is_secure_when_served_over_https() -> None:
    async with open_gateway(gateway_settings(secure_cookies=True)) as gateway:
        answer = await gateway.client.post("/api/v1/auth/demo-login", json={"nip": SITI})

    assert "secure" in session_cookie(answer.headers["set-cookie"])


def test_production_always_uses_secure_cookies() -> None:
    assert gateway_settings(**PRODUCTION).secure_cookies is True
    with pytest.raises(ValidationError, match="secure_cookies"):
        gateway_settings(**PRODUCTION, secure_cookies=False)


@pytest.mark.parametrize("secure", [False, True])
async def test_logout_clears_the_session_cookie(secure: bool) -> None:
    async with open_gateway(gateway_settings(secure_cookies=secure)) as gateway:
        answer = await gateway.client.post("/api/v1/auth/logout")

    assert answer.status_code == 204
    cookie = session_cookie(answer.headers["set-cookie"])
    assert cookie["kinerja_session"] in ("", '""')
    assert cookie["max-age"] == "0"
    assert "httponly" in cookie
    assert ("secure" in cookie) is secure


async def test_logout_works_in_production() -> None:
    async with open_gateway(gateway_settings(**PRODUCTION)) as gateway:
        answer = await gateway.client.post("/api/v1/auth/logout")

    assert answer.status_code == 204


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/api/v1/auth/demo-login"), ("GET", "/api/v1/auth/demo-people")],
)
async def test_demo_sign_in_does_not_exist_in_production(method: str, path: str) -> None:
    async with open_gateway(gateway_settings(**PRODUCTION)) as gateway:
        answer = await gateway.client.request(method, path, json={"nip": SITI})
        documented = gateway.app.openapi()["paths"]

    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith(PROBLEM_JSON)
    assert path not in documented
