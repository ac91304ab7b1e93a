"""Citizen and sign-in routes are rate-limited per client address, answering 429 + Retry-After."""

from collections.abc import AsyncIterator

import pytest

from kit.problems import PROBLEM_JSON
from tests.unit.gateway.conftest import SITI, Gateway, gateway_settings, open_gateway

TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiIxIn0.c2lnbmF0dXJl"
SURVEY = f"/api/v1/citizen/survey/{TOKEN}"
SETTINGS = gateway_settings(citizen_rate_limit="3/minute", login_rate_limit="2/minute")


@pytest.fixture
async def limited() -> AsyncIterator[Gateway]:
    async with open_gateway(SETTINGS, client_address="10.0.0.7") as gateway:
        yield gateway


async def test_citizen_over_the_limit_gets_a_429_with_retry_after(limited: Gateway) -> None:
    statuses = [(await limited.client.get(SURVEY)).status_code for _ in range(3)]
    refused = await limited.client.get(SURVEY)

    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith(PROBLEM_JSON)
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.json()["detail"].startswith("Terlalu banyak permintaan")
    assert refused.json()["detail_en"].startswith("Too many requests")
    assert len(limited.services.seen) == 3


async def test_each_client_address_has_its_own_window(limited: Gateway) -> None:
    for _ in range(4):
        await limited.client.post(SURVEY, json={})
    async with open_gateway(SETTINGS, client_address="10.0.0.8") as neighbour:
        neighbour.app.state.rate_limits = limited.app.state.rate_limits
        answer = await neighbour.client.post(SURVEY, json={})

    assert answer.status_code == 200


async def test_sign_in_has_its_own_limit(limited: Gateway) -> None:
    for _ in range(3):
        await limited.client.get(SURVEY)

    statuses = [
        (await limited.client.post("/api/v1/auth/demo-login", json={"nip": SITI})).status_code
        for _ in range(3)
    ]

    assert statuses == [200, 200, 429]
