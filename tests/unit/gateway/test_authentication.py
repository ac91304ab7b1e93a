"""OpenID Connect bearer tokens, verified for real: RS256 against a JWKS served over HTTP."""

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from kit.problems import PROBLEM_JSON
from kit.settings import DEMO_JWT_SECRET
from tests.unit.gateway.conftest import PRODUCTION, REGION, SITI, gateway_settings, open_gateway

ISSUER = "https://sso.palangkaraya.go.id/realms/asn"
KEY_ID = "key-2026"
SIGNING_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def jwks_url() -> Iterator[str]:
    """The identity provider's key set, on a real local HTTP server."""
    public = json.loads(RSAAlgorithm.to_jwk(SIGNING_KEY.public_key()))
    document = json.dumps({"keys": [public | {"kid": KEY_ID, "use": "sig", "alg": "RS256"}]})

    class KeySet(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(document.encode())

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), KeySet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/protocol/openid-connect/certs"
    server.shutdown()
    server.server_close()


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    return {
        "iss": ISSUER,
        "aud": "kinerja",
        "sub": "f3c1e2a0-idp-user",
        "iat": now,
        "exp": now + 300,
        "nip": SITI,
        "region": REGION,
        "roles": ["pegawai", "ppk"],
        "name": "Siti Aminah",
    } | overrides


def signed(key: Any = SIGNING_KEY, kid: str = KEY_ID, **overrides: Any) -> str:
    return jwt.encode(claims(**overrides), key, algorithm="RS256", headers={"kid": kid})


def production(jwks_url: str) -> Any:
    return gateway_settings(
        **(PRODUCTION | {"auth_jwks_url": jwks_url}), auth_issuer=ISSUER, demo_users_files=[]
    )


async def me(jwks_url: str, token: str) -> Any:
    async with open_gateway(production(jwks_url)) as gateway:
        return await gateway.client.get("/api/v1/me", headers={"authorization": f"Bearer {token}"})


async def test_token_of_the_issuer_gives_nip_region_and_roles_from_its_claims(
    jwks_url: str,
) -> None:
    answer = await me(jwks_url, signed())

    assert answer.status_code == 200
    principal = answer.json()
    assert (principal["nip"], principal["region"], principal["name"]) == (
        SITI,
        REGION,
        "Siti Aminah",
    )
    assert sorted(principal["roles"]) == ["pegawai", "ppk"]


@pytest.mark.parametrize(
    ("token", "case"),
    [
        (lambda: signed(exp=int(time.time()) - 60), "expired"),
        (lambda: signed(key=OTHER_KEY), "signed by another key under the issuer's key id"),
        (lambda: signed(kid="unknown-key"), "key id not in the issuer's key set"),
        (lambda: signed(iss="https://sso.elsewhere.go.id"), "another issuer"),
        (lambda: signed(aud="another-app"), "another audience"),
        (lambda: signed(nip="123"), "claims that are no NIP"),
        (lambda: jwt.encode(claims(), DEMO_JWT_SECRET, algorithm="HS256"), "HS256 demo token"),
        (lambda: signed()[:-4] + "AAAA", "tampered signature"),
    ],
)
async def test_invalid_token_is_a_bilingual_401(jwks_url: str, token: Any, case: str) -> None:
    answer = await me(jwks_url, token())

    assert answer.status_code == 401, case
    assert answer.headers["content-type"].startswith(PROBLEM_JSON)
    assert answer.headers["www-authenticate"].startswith("Bearer")
    assert answer.json()["detail"] == "Token tidak sah atau kedaluwarsa"
    assert answer.json()["detail_en"].startswith("Invalid or expired token")


async def test_no_token_is_a_401(jwks_url: str) -> None:
    async with open_gateway(production(jwks_url)) as gateway:
        answer = await gateway.client.get("/api/v1/me")

    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"
    assert answer.json()["detail_en"] == "Authentication required"


async def test_token_of_a_region_this_deployment_does_not_serve_is_a_403(jwks_url: str) -> None:
    answer = await me(jwks_url, signed(region="kotawaringinbarat"))

    assert answer.status_code == 403
    assert answer.json()["errors"] == [
        {
            "field": "region",
            "reason": "Layanan ini tidak melayani wilayah Anda",
            "reason_en": "This deployment does not serve your region",
        }
    ]


async def test_unreachable_identity_provider_is_a_503_not_a_bad_token() -> None:
    answer = await me("http://127.0.0.1:9/certs", signed())

    assert answer.status_code == 503
    assert answer.headers["content-type"].startswith(PROBLEM_JSON)


async def test_session_cookie_is_verified_like_a_bearer_token(jwks_url: str) -> None:
    async with open_gateway(production(jwks_url)) as gateway:
        gateway.client.cookies.set("kinerja_session", signed())
        answer = await gateway.client.get("/api/v1/me")

    assert answer.status_code == 200
    assert answer.json()["nip"] == SITI
