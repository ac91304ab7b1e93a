"""Whatever the gateway answers itself is a bilingual problem+json document."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from kit.auth import Role
from kit.problems import PROBLEM_JSON, Problem
from tests.factories import bearer
from tests.unit.gateway.conftest import SITI, FakeServices, Gateway, gateway_settings, open_gateway

LIMIT = 2048
UPLOAD_LIMIT = 8192


def problem(answer: httpx.Response, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith(PROBLEM_JSON)
    body: dict[str, Any] = answer.json()
    Problem.model_validate(body)  # the shape the OpenAPI document promises
    assert body["status"] == status
    assert body["title"] != body["title_en"]
    assert body["detail"]
    assert body["detail_en"]
    return body


@pytest.fixture
async def small_gateway() -> AsyncIterator[Gateway]:
    settings = gateway_settings(max_body_bytes=LIMIT, max_upload_bytes=UPLOAD_LIMIT)
    async with open_gateway(settings) as gateway:
        yield gateway


def as_siti(gateway: Gateway) -> dict[str, str]:
    return bearer(gateway.settings, SITI)


async def test_unknown_route_is_a_404(gateway: Gateway) -> None:
    problem(await gateway.client.get("/api/v1/nowhere"), 404)


async def test_wrong_method_is_a_405_naming_the_allowed_ones(gateway: Gateway) -> None:
    answer = await gateway.client.delete("/api/v1/me")

    problem(answer, 405)
    assert answer.headers["allow"] == "GET"


async def test_invalid_parameters_are_a_422_per_field(gateway: Gateway) -> None:
    answer = await gateway.client.get(
        "/api/v1/scores/123", params={"year": "soon"}, headers=as_siti(gateway)
    )

    body = problem(answer, 422)
    assert {error["field"] for error in body["errors"]} == {"nip", "year"}
    assert all(error["reason"] and error["reason_en"] for error in body["errors"])
    assert gateway.services.seen == []


async def test_body_declared_too_large_is_a_413_without_calling_the_service(
    small_gateway: Gateway,
) -> None:
    answer = await small_gateway.client.post(
        "/api/v1/skp", json={"notes": "x" * LIMIT}, headers=as_siti(small_gateway)
    )

    body = problem(answer, 413)
    assert (body["detail"], body["detail_en"]) == (
        "Data yang dikirim melebihi batas 2 KiB",
        "The request body exceeds 2 KiB",
    )
    assert small_gateway.services.seen == []


async def test_streamed_body_is_cut_off_once_past_the_limit(small_gateway: Gateway) -> None:
    sent: list[int] = []

    async def chunks() -> AsyncIterator[bytes]:
        for index in range(20):
            sent.append(index)
            yield b"x" * 512

    answer = await small_gateway.client.post(
        "/api/v1/skp",
        content=chunks(),
        headers={"content-type": "application/json", **as_siti(small_gateway)},
    )

    problem(answer, 413)
    assert len(sent) < 20
    assert small_gateway.services.seen == []


async def test_evidence_upload_has_its_own_larger_limit(small_gateway: Gateway) -> None:
    def upload(size: int) -> Any:
        return small_gateway.client.post(
            "/api/v1/evidence",
            params={"filename": "laporan.pdf"},
            content=b"%" * size,
            headers={"content-type": "application/pdf", **as_siti(small_gateway)},
        )

    assert (await upload(LIMIT * 2)).status_code == 200
    problem(await upload(UPLOAD_LIMIT + 1), 413)
    assert len(small_gateway.services.seen) == 1


async def test_service_that_cannot_be_reached_is_a_503() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    async with open_gateway(services=FakeServices(refuse)) as gateway:
        answer = await gateway.client.get("/api/v1/periods", headers=as_siti(gateway))

    assert "targets" in problem(answer, 503)["detail_en"]


async def test_unexpected_failure_is_a_500_problem_without_internals() -> None:
    def crash(_: httpx.Request) -> httpx.Response:
        raise RuntimeError("secret internals")

    async with open_gateway(services=FakeServices(crash)) as gateway:
        answer = await gateway.client.get("/api/v1/periods", headers=as_siti(gateway))

    body = problem(answer, 500)
    assert "secret" not in answer.text
    assert body["title_en"] == "Internal server error"


async def test_service_refusal_is_relayed_with_its_retry_after() -> None:
    def busy(_: httpx.Request) -> httpx.Response:
        return httpx.Response(
            429, json={"status": 429}, headers={"retry-after": "30", "x-internal": "1"}
        )

    async with open_gateway(services=FakeServices(busy)) as gateway:
        answer = await gateway.client.get(
            "/api/v1/periods", headers=bearer(gateway.settings, SITI, Role.PEGAWAI)
        )

    assert (answer.status_code, answer.headers["retry-after"]) == (429, "30")
    assert "x-internal" not in answer.headers
