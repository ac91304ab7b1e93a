"""Gateway to service calls: the caller's token travels, safe retries only, honest 503s."""

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

import httpx
import pytest
from fastapi import FastAPI, Request, Response
from starlette.requests import Request as StarletteRequest

from gateway.upstream import Upstreams
from kit.problems import PROBLEM_JSON, DomainProblem, install_problem_handlers
from tests.factories import bearer
from tests.unit.gateway.conftest import SITI, open_gateway

URLS = {"scoring": "http://scoring.test", "targets": "http://targets.test"}
TOKEN = "header.payload.signature"


@dataclass
class FlakyService:
    """A mock transport that refuses the first ``failures`` connections, then answers."""

    failures: int = 0
    error: type[httpx.TransportError] = httpx.ConnectError
    seen: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        if len(self.seen) <= self.failures:
            raise self.error("connection refused", request=request)
        return httpx.Response(
            404, json={"status": 404, "title_en": "Not found"}, headers={"x-internal": "1"}
        )


def upstreams(service: FlakyService, attempts: int = 3) -> Upstreams:
    return Upstreams(URLS, timeout=1, attempts=attempts, transport=httpx.MockTransport(service))


def caller_request(authorization: str = f"Bearer {TOKEN}") -> StarletteRequest:
    headers = [(b"authorization", authorization.encode())]
    return StarletteRequest({"type": "http", "method": "GET", "path": "/", "headers": headers})


async def test_get_is_retried_after_a_refused_connection() -> None:
    service = FlakyService(failures=2)

    answer = await upstreams(service).forward("scoring", "GET", "/scores/1", caller_request())

    assert len(service.seen) == 3
    assert answer.status_code == 404


@pytest.mark.parametrize("error", [httpx.ConnectError, httpx.ReadTimeout])
async def test_post_is_never_retried(error: type[httpx.TransportError]) -> None:
    service = FlakyService(failures=1, error=error)

    with pytest.raises(DomainProblem) as raised:
        await upstreams(service).forward("targets", "POST", "/skp", caller_request(), json={})

    assert len(service.seen) == 1
    assert raised.value.status == 503


async def test_read_timeout_on_get_is_not_retried_blindly() -> None:
    service = FlakyService(failures=1, error=httpx.ReadTimeout)

    with pytest.raises(DomainProblem):
        await upstreams(service).forward("scoring", "GET", "/scores/1", caller_request())

    assert len(service.seen) == 1


async def test_service_that_stays_down_is_a_bilingual_503() -> None:
    service = FlakyService(failures=99)

    with pytest.raises(DomainProblem) as raised:
        await upstreams(service, attempts=2).forward("scoring", "GET", "/x", caller_request())

    assert len(service.seen) == 2
    problem = raised.value
    assert problem.status == 503
    assert "scoring" in problem.reason_id
    assert "scoring" in problem.reason_en
    assert problem.reason_id != problem.reason_en


async def test_callers_token_body_and_query_are_forwarded() -> None:
    service = FlakyService()

    await upstreams(service).forward(
        "targets",
        "POST",
        "/skp/s-1/progress",
        caller_request(),
        json={"period": "2026-11"},
        params={"year": 2026, "nip": None},
    )

    [sent] = service.seen
    assert sent.headers["authorization"] == f"Bearer {TOKEN}"
    assert str(sent.url) == "http://targets.test/skp/s-1/progress?year=2026"
    assert sent.content == b'{"period":"2026-11"}'


async def test_session_cookie_is_forwarded_as_a_bearer_token() -> None:
    service = FlakyService()
    request = StarletteRequest(
        {
            "type": "http",
            "method": "GET",
            "path": "/",
            "headers": [(b"cookie", b"kinerja_session=c1")],
        }
    )

    await upstreams(service).forward("scoring", "GET", "/scores/1", request)

    assert service.seen[0].headers["authorization"] == "Bearer c1"


async def test_answer_is_relayed_with_status_and_content_type_only() -> None:
    answer = await upstreams(FlakyService()).forward("scoring", "GET", "/x", caller_request())

    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/json"
    assert "x-internal" not in answer.headers
    assert answer.body == b'{"status":404,"title_en":"Not found"}'


def gateway_like_app(service: Callable[[httpx.Request], httpx.Response]) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    forwarder = Upstreams(URLS, timeout=1, attempts=1, transport=httpx.MockTransport(service))

    @app.get("/api/v1/scores/{nip}")
    async def score(nip: str, request: Request) -> Response:
        return await forwarder.forward("scoring", "GET", f"/scores/{nip}", request)

    return app


@dataclass
class Gateway:
    client: httpx.AsyncClient
    service: FlakyService


@pytest.fixture
async def down_gateway() -> AsyncIterator[Gateway]:
    service = FlakyService(failures=99)
    transport = httpx.ASGITransport(app=gateway_like_app(service))
    async with httpx.AsyncClient(transport=transport, base_url="http://gw") as client:
        yield Gateway(client, service)


async def test_down_service_reaches_the_client_as_problem_json(down_gateway: Gateway) -> None:
    answer = await down_gateway.client.get(
        "/api/v1/scores/1", headers={"authorization": "Bearer t"}
    )

    assert answer.status_code == 503
    assert answer.headers["content-type"].startswith(PROBLEM_JSON)
    body = answer.json()
    assert body["title_en"] == "Service unavailable"
    assert "scoring" in body["detail"]
    assert "scoring" in body["detail_en"]


async def test_caller_without_token_is_refused_before_any_call(down_gateway: Gateway) -> None:
    answer = await down_gateway.client.get("/api/v1/scores/1")

    assert answer.status_code == 401
    assert answer.headers["content-type"].startswith(PROBLEM_JSON)
    assert down_gateway.service.seen == []


@pytest.mark.parametrize(
    ("sent", "forwarded"),
    [
        ("/api/v1/skp/skp-7", b"/skp/skp-7"),
        ("/api/v1/skp/%2E%2E", b"/skp/%2E%2E"),
        ("/api/v1/skp/x%3Fnip=1", b"/skp/x%3Fnip%3D1"),
        ("/api/v1/skp/%1F", b"/skp/%1F"),
    ],
)
async def test_path_value_stays_one_segment_of_the_service_path(
    sent: str, forwarded: bytes
) -> None:
    async with open_gateway() as gateway:
        await gateway.client.get(sent, headers=bearer(gateway.settings, SITI))

    [call] = gateway.services.seen
    assert call.url.raw_path == forwarded


async def test_a_file_from_a_form_travels_with_its_own_content_type() -> None:
    service = FlakyService()
    pdf = b"%PDF-1.4 bukti"

    await upstreams(service).forward(
        "targets",
        "POST",
        "/evidence",
        caller_request(),
        content=pdf,
        content_type="application/pdf",
    )

    assert service.seen[0].headers["content-type"] == "application/pdf"
    assert service.seen[0].content == pdf
