"""Bearer tokens: who may call, and settings that refuse unsafe authentication in production."""

import base64
import json
import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from pydantic import ValidationError
from starlette.requests import Request

from kit.auth import (
    Principal,
    Role,
    TokenVerifier,
    bearer_token,
    issue_development_token,
    require_region,
    require_role,
)
from kit.problems import DomainProblem
from kit.settings import DEMO_JWT_SECRET, ServiceSettings

SECRET = "unit-test-secret-that-is-long-enough-0123"
PPK = Principal(
    nip="199001010000000007", region="palangkaraya", roles=frozenset({Role.PPK}), name="Budi"
)


def settings(**overrides: Any) -> ServiceSettings:
    values: dict[str, Any] = {"environment": "test", "auth_hs256_secret": SECRET} | overrides
    return ServiceSettings(**values)


def refused(verifier: TokenVerifier, token: str) -> DomainProblem:
    with pytest.raises(DomainProblem) as raised:
        verifier.verify(token)
    return raised.value


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    return {
        "iss": "kinerja-demo",
        "aud": "kinerja",
        "sub": PPK.nip,
        "iat": now,
        "exp": now + 60,
        "nip": PPK.nip,
        "region": PPK.region,
        "roles": ["ppk"],
    } | overrides


def test_development_token_verifies_to_the_same_principal() -> None:
    current = settings()

    token = issue_development_token(current, PPK)

    assert TokenVerifier(current).verify(token) == PPK


def test_expired_token_is_refused() -> None:
    current = settings()
    token = issue_development_token(current, PPK, ttl_seconds=-5)

    problem = refused(TokenVerifier(current), token)

    assert problem.status == 401
    assert problem.reason_id
    assert "expired" in problem.reason_en.lower()


def test_token_for_another_audience_is_refused() -> None:
    token = issue_development_token(settings(auth_audience="other-app"), PPK)

    assert refused(TokenVerifier(settings()), token).status == 401


def test_token_from_another_issuer_is_refused() -> None:
    token = issue_development_token(settings(auth_issuer="someone-else"), PPK)

    assert refused(TokenVerifier(settings()), token).status == 401


def test_token_signed_with_another_secret_is_refused() -> None:
    token = issue_development_token(settings(auth_hs256_secret="x" * 40), PPK)

    assert refused(TokenVerifier(settings()), token).status == 401


def test_token_with_edited_claims_is_refused() -> None:
    token = issue_development_token(settings(), PPK)
    header, _, signature = token.split(".")
    promoted = claims(roles=["region_admin"])
    payload = base64.urlsafe_b64encode(json.dumps(promoted).encode()).rstrip(b"=").decode()

    assert refused(TokenVerifier(settings()), f"{header}.{payload}.{signature}").status == 401


def test_unsigned_token_is_refused() -> None:
    token = jwt.encode(claims(), key="", algorithm="none")

    assert refused(TokenVerifier(settings()), token).status == 401


def test_token_without_expiry_is_refused() -> None:
    without_exp = {name: value for name, value in claims().items() if name != "exp"}
    token = jwt.encode(without_exp, SECRET, algorithm="HS256")

    assert refused(TokenVerifier(settings()), token).status == 401


def test_token_without_kinerja_claims_is_refused() -> None:
    token = jwt.encode(claims(nip="not-a-nip"), SECRET, algorithm="HS256")
    no_region = {name: value for name, value in claims().items() if name != "region"}

    verifier = TokenVerifier(settings())
    assert refused(verifier, token).status == 401
    assert refused(verifier, jwt.encode(no_region, SECRET, algorithm="HS256")).status == 401


class FakeJwks:
    """Stands in for the identity provider's JWKS endpoint."""

    def __init__(self, public_key: Any) -> None:
        self.key = public_key

    def get_signing_key_from_jwt(self, token: str) -> "FakeJwks":
        return self


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def jwks_verifier(rsa_key: rsa.RSAPrivateKey, monkeypatch: pytest.MonkeyPatch) -> TokenVerifier:
    current = ServiceSettings(environment="production", auth_jwks_url="https://idp.example/jwks")
    monkeypatch.setattr(jwt, "PyJWKClient", lambda url: FakeJwks(rsa_key.public_key()))
    return TokenVerifier(current)


def test_identity_provider_token_verifies_against_its_jwks(
    rsa_key: rsa.RSAPrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = jwt.encode(claims(), rsa_key, algorithm="RS256")

    assert jwks_verifier(rsa_key, monkeypatch).verify(token).nip == PPK.nip


def test_hs256_token_is_refused_where_a_jwks_is_configured(
    rsa_key: rsa.RSAPrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = jwt.encode(claims(), DEMO_JWT_SECRET, algorithm="HS256")

    assert refused(jwks_verifier(rsa_key, monkeypatch), token).status == 401


def test_production_refuses_a_shared_secret() -> None:
    with pytest.raises(ValidationError, match="development only"):
        ServiceSettings(
            environment="production", auth_hs256_secret="x", auth_jwks_url="https://idp/jwks"
        )


def test_production_requires_a_jwks_url() -> None:
    with pytest.raises(ValidationError, match="auth_jwks_url is required"):
        ServiceSettings(environment="production")


def test_production_with_jwks_has_no_secret_and_issues_no_development_tokens() -> None:
    current = ServiceSettings(environment="production", auth_jwks_url="https://idp/jwks")

    assert current.auth_hs256_secret == ""
    with pytest.raises(RuntimeError):
        issue_development_token(current, PPK)


def test_development_gets_the_demo_secret_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KINERJA_AUTH_HS256_SECRET", raising=False)
    monkeypatch.delenv("KINERJA_AUTH_JWKS_URL", raising=False)

    assert ServiceSettings(environment="development").auth_hs256_secret == DEMO_JWT_SECRET


def request_with(headers: dict[str, str]) -> Request:
    raw = [(name.lower().encode(), value.encode()) for name, value in headers.items()]
    return Request({"type": "http", "method": "GET", "path": "/", "headers": raw})


def test_bearer_token_comes_from_the_authorization_header() -> None:
    assert bearer_token(request_with({"Authorization": "Bearer abc.def.ghi"})) == "abc.def.ghi"


def test_bearer_token_falls_back_to_the_session_cookie() -> None:
    assert bearer_token(request_with({"Cookie": "kinerja_session=tok"})) == "tok"


def test_request_without_credentials_is_refused() -> None:
    with pytest.raises(DomainProblem) as raised:
        bearer_token(request_with({"Authorization": "Basic dXNlcjpwdw=="}))

    assert raised.value.status == 401


def test_missing_role_is_forbidden() -> None:
    require_role(PPK, Role.PPK, Role.UNIT_ADMIN)
    with pytest.raises(DomainProblem) as raised:
        require_role(PPK, Role.REGION_ADMIN)

    assert raised.value.status == 403


def test_other_region_is_forbidden() -> None:
    require_region(PPK, "palangkaraya")
    with pytest.raises(DomainProblem) as raised:
        require_region(PPK, "rakumpit")

    assert raised.value.status == 403
    assert raised.value.reason_id != raised.value.reason_en
