"""Citizen tokens: genuine ones verify in their window; forged, altered, early or late ones never."""

import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from pydantic import TypeAdapter, ValidationError

from feedback.settings import DEMO_CITIZEN_TOKEN_SECRET, FeedbackSettings
from feedback.tokens import AUDIENCE, ISSUER, CitizenToken, CitizenTokens
from kit.auth import Principal, Role, issue_development_token
from kit.problems import DomainProblem
from kit.settings import DEMO_JWT_SECRET, ServiceSettings

SECRET = "test-citizen-secret-0123456789abcdef"
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
END = START + timedelta(hours=24)


def issue(tokens: CitizenTokens | None = None, region: str = "palangkaraya") -> tuple[str, str]:
    return (tokens or CitizenTokens(SECRET)).issue(
        region=region,
        unit_id="puskesmas-1",
        service_id="rawat-jalan",
        batch_id="batch-1",
        valid_from=START,
        valid_until=END,
    )


def refusal(
    token: str, now: datetime | None = START, tokens: CitizenTokens | None = None
) -> DomainProblem:
    with pytest.raises(DomainProblem) as raised:
        (tokens or CitizenTokens(SECRET)).verify(token, now)
    assert raised.value.field == "token"
    assert raised.value.reason_id != raised.value.reason_en
    return raised.value


def test_a_genuine_token_verifies_with_its_binding_inside_its_window() -> None:
    jti, token = issue()

    claims = CitizenTokens(SECRET).verify(token, START + timedelta(hours=23, minutes=59))

    assert (claims.region, claims.unit_id, claims.service_id, claims.batch_id) == (
        "palangkaraya",
        "puskesmas-1",
        "rawat-jalan",
        "batch-1",
    )
    assert (claims.jti, claims.valid_from, claims.valid_until) == (jti, START, END)


def test_every_token_has_its_own_single_use_id() -> None:
    assert len({issue()[0] for _ in range(50)}) == 50


def test_a_token_signed_with_another_secret_is_forged_401() -> None:
    _, token = issue(CitizenTokens("another-secret-0123456789abcdef0123"))

    assert refusal(token).status == 401


def test_an_altered_binding_breaks_the_signature_401() -> None:
    _, token = issue()
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["unit_id"] = "dinas-lain"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()

    assert refusal(f"{header}.{forged}.{signature}").status == 401


def test_an_unsigned_token_is_refused() -> None:
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "region": "palangkaraya",
        "unit_id": "u",
        "service_id": "s",
        "bid": "b",
        "jti": "j",
        "nbf": 0,
        "exp": 4_000_000_000,
    }
    unsigned = jwt.encode(claims, key="", algorithm="none")

    assert refusal(unsigned).status == 401


def test_a_staff_login_token_is_not_a_citizen_token_even_with_the_same_secret() -> None:
    settings = ServiceSettings(environment="test", auth_hs256_secret=SECRET)
    login = issue_development_token(
        settings, Principal(nip="199001010000000001", region="palangkaraya", roles=[Role.PEGAWAI])
    )

    assert refusal(login).status == 401


def test_a_token_without_binding_claims_is_refused() -> None:
    claims = {"iss": ISSUER, "aud": AUDIENCE, "jti": "j", "nbf": 0, "exp": 4_000_000_000}

    assert refusal(jwt.encode(claims, SECRET, algorithm="HS256")).status == 401


@pytest.mark.parametrize("garbage", ["", "abc", "a.b.c", "x" * 300])
def test_garbage_is_refused_401(garbage: str) -> None:
    assert refusal(garbage).status == 401


def test_before_its_window_a_token_is_403_and_after_it_410() -> None:
    _, token = issue()

    early = refusal(token, START - timedelta(seconds=1))
    late = refusal(token, END)

    assert early.status == 403
    assert (late.status, late.reason_en) == (410, "The token has expired")


def test_without_a_clock_only_the_signature_counts() -> None:
    _, token = issue()

    assert CitizenTokens(SECRET).verify(token, None).unit_id == "puskesmas-1"


def test_a_stack_refuses_tokens_of_regions_it_does_not_serve() -> None:
    _, token = issue(region="sampit")

    assert refusal(token, tokens=CitizenTokens(SECRET, frozenset({"palangkaraya"}))).status == 403


@pytest.mark.parametrize("path", ["..", "a.b", "a.b.c/d", "a.b.c?x=1", "a b.c.d"])
def test_a_token_in_a_path_has_exactly_the_shape_of_three_base64url_parts(path: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(CitizenToken).validate_python(path)


def test_the_token_secret_is_refused_empty_or_demo_in_production() -> None:
    production: dict[str, Any] = {
        "environment": "production",
        "auth_jwks_url": "https://idp.example/jwks",
    }
    for secret in ("", "short", DEMO_CITIZEN_TOKEN_SECRET, DEMO_JWT_SECRET):
        with pytest.raises(ValidationError):
            FeedbackSettings(**production, citizen_token_secret=secret, pseudonym_secret="p" * 40)

    strong = FeedbackSettings(
        **production, citizen_token_secret="s" * 40, pseudonym_secret="p" * 40
    )
    assert strong.citizen_token_secret == "s" * 40
    assert FeedbackSettings(environment="test").citizen_token_secret == DEMO_CITIZEN_TOKEN_SECRET


def test_a_malformed_rate_limit_is_refused_at_start() -> None:
    with pytest.raises(ValidationError):
        FeedbackSettings(environment="test", citizen_rate_per_ip="lots")
