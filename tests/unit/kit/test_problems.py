"""Every error is an RFC 9457 problem+json document that speaks Indonesian and English."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel, Field

from contracts.vocabulary import Nip
from kit.problems import PROBLEM_JSON, DomainProblem, install_problem_handlers


class Report(BaseModel):
    nip: Nip
    count: int = Field(ge=1)


def tiny_app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/reports")
    async def create(body: Report) -> dict[str, Any]:
        return body.model_dump()

    @app.post("/skp/{skp_id}/approve")
    async def approve(skp_id: str) -> None:
        raise DomainProblem(
            409,
            field="status",
            reason_id="SKP berstatus 'draft'",
            reason_en="SKP is 'draft'",
        )

    @app.get("/secret")
    async def secret() -> None:
        raise DomainProblem(403, reason_id="Akses ditolak di sini", reason_en="Denied here")

    return app


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=tiny_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


def errors_by_field(answer: httpx.Response) -> dict[str, dict[str, str]]:
    return {error["field"]: error for error in answer.json()["errors"]}


async def test_valid_body_passes(client: httpx.AsyncClient) -> None:
    answer = await client.post("/reports", json={"nip": "1" * 18, "count": 2})

    assert answer.status_code == 200


async def test_invalid_body_is_a_bilingual_422_per_field(client: httpx.AsyncClient) -> None:
    answer = await client.post("/reports", json={"nip": "123", "count": 0})

    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith(PROBLEM_JSON)
    body = answer.json()
    assert (body["status"], body["title"], body["title_en"]) == (
        422,
        "Data yang dikirim tidak valid",
        "Invalid input",
    )
    errors = errors_by_field(answer)
    assert errors["nip"]["reason"] == "format tidak sesuai"
    assert errors["count"]["reason"] == "tidak boleh di bawah batas minimum"
    assert all(error["reason_en"] for error in errors.values())


async def test_missing_field_is_named_and_required(client: httpx.AsyncClient) -> None:
    answer = await client.post("/reports", json={"count": 1})

    assert answer.status_code == 422
    assert errors_by_field(answer)["nip"]["reason"] == "wajib diisi"
    assert errors_by_field(answer)["nip"]["reason_en"] == "Field required"


async def test_broken_json_is_a_problem_too(client: httpx.AsyncClient) -> None:
    answer = await client.post(
        "/reports", content=b"{not json", headers={"content-type": "application/json"}
    )

    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith(PROBLEM_JSON)
    assert [error["reason"] for error in answer.json()["errors"]] == ["JSON tidak valid"]


async def test_domain_conflict_is_rendered_in_both_languages(client: httpx.AsyncClient) -> None:
    answer = await client.post("/skp/skp-1/approve")

    assert answer.status_code == 409
    assert answer.headers["content-type"].startswith(PROBLEM_JSON)
    body = answer.json()
    assert (body["detail"], body["detail_en"]) == ("SKP berstatus 'draft'", "SKP is 'draft'")
    assert body["title_en"] == "Conflict with the current state"
    assert body["errors"] == [
        {"field": "status", "reason": "SKP berstatus 'draft'", "reason_en": "SKP is 'draft'"}
    ]


async def test_domain_refusal_without_field_has_no_field_errors(
    client: httpx.AsyncClient,
) -> None:
    answer = await client.get("/secret")

    assert answer.status_code == 403
    body = answer.json()
    assert (body["title"], body["title_en"]) == ("Akses ditolak", "Forbidden")
    assert (body["detail"], body["detail_en"]) == ("Akses ditolak di sini", "Denied here")
    assert body["errors"] == []


async def test_unknown_route_is_a_bilingual_404(client: httpx.AsyncClient) -> None:
    answer = await client.get("/nowhere")

    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith(PROBLEM_JSON)
    assert (answer.json()["title"], answer.json()["title_en"]) == (
        "Data tidak ditemukan",
        "Not found",
    )
