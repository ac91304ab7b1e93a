"""The public entry as a real server: headers, size limits, sessions and refusals over HTTP."""

from collections.abc import Iterator

import httpx

from tests.e2e.stackctl import login

SITI = "199203102015032003"
PROBLEM_JSON = "application/problem+json"


def test_every_answer_carries_the_security_headers(client: httpx.Client) -> None:
    for answer in (client.get("/"), client.get("/api/v1/me"), client.get("/nowhere")):
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"


def test_unknown_route_and_wrong_method_are_problem_documents(client: httpx.Client) -> None:
    missing, wrong = client.get("/api/v1/nowhere"), client.delete("/api/v1/me")

    assert (missing.status_code, wrong.status_code) == (404, 405)
    assert all(a.headers["content-type"].startswith(PROBLEM_JSON) for a in (missing, wrong))


def test_oversized_bodies_are_refused_declared_or_streamed(client: httpx.Client) -> None:
    headers = {"content-type": "application/json", **login(client, SITI)}
    declared = client.post("/api/v1/skp", content=b" " * (1024 * 1024 + 1), headers=headers)

    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b" " * 64 * 1024

    streamed = client.post("/api/v1/skp", content=chunks(), headers=headers)

    assert (declared.status_code, streamed.status_code) == (413, 413)
    assert streamed.json()["detail_en"] == "The request body exceeds 1 MiB"


def test_session_cookie_signs_in_and_logout_signs_out(client: httpx.Client) -> None:
    login(client, SITI)
    assert client.get("/api/v1/me").json()["nip"] == SITI

    assert client.post("/api/v1/auth/logout").status_code == 204
    assert client.get("/api/v1/me").status_code == 401
