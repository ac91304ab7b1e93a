"""Calls to the public API's services on behalf of the signed-in person, parsed as JSON."""

import json
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request, Response

from gateway.upstream import Upstreams
from gateway.webui.session import LoginRequired, here


@dataclass(frozen=True)
class Answer:
    """A service's answer: its status and parsed body (a problem document when it refused)."""

    status: int
    body: Any = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the service did what was asked."""
        return 200 <= self.status < 300


class PageProblem(Exception):
    """A read the page cannot do without: shown as an error page with the service's reason."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(answer.status)
        self.answer = answer


async def call(
    request: Request,
    service: str,
    method: str,
    path: str,
    *,
    json_body: Any = None,
    params: dict[str, Any] | None = None,
    content: bytes | None = None,
    content_type: str | None = None,
    public: bool = False,
) -> Answer:
    """Forward through the gateway's upstream clients; an expired session means sign in again.

    ``content`` is a raw body (a chosen file) sent with its own ``content_type``.
    """
    response = await _forward(
        request,
        service,
        method,
        path,
        json=json_body,
        params=params,
        content=content,
        content_type=content_type,
        public=public,
    )
    return _parsed(response)


async def _forward(
    request: Request, service: str, method: str, path: str, *, public: bool = False, **sent: Any
) -> Response:
    upstreams: Upstreams = request.app.state.upstreams
    response = await upstreams.forward(service, method, path, request, public=public, **sent)
    if response.status_code == 401 and not public:
        raise LoginRequired(here(request))
    return response


def _parsed(response: Response) -> Answer:
    try:
        body = json.loads(bytes(response.body)) if response.body else {}
    except ValueError:
        body = {}
    return Answer(response.status_code, body)


async def fetch(request: Request, service: str, path: str, **params: Any) -> Any:
    """A GET the page needs; any refusal becomes the error page."""
    answer = await call(request, service, "GET", path, params=params)
    if not answer.ok:
        raise PageProblem(answer)
    return answer.body


async def fetch_optional(request: Request, service: str, path: str, **params: Any) -> Any | None:
    """A GET whose 404 means "nothing yet" (an empty state), other refusals the error page."""
    answer = await call(request, service, "GET", path, params=params)
    if answer.status == 404:
        return None
    if not answer.ok:
        raise PageProblem(answer)
    return answer.body


async def fetch_file(request: Request, service: str, path: str, **params: Any) -> Response:
    """A file a service makes (CSV, XLSX, PDF), relayed with its type and file name.

    A refusal raises ``PageProblem`` with the service's reason (pages that can place it on a
    field catch it).
    """
    response = await _forward(request, service, "GET", path, params=params)
    if not 200 <= response.status_code < 300:
        raise PageProblem(_parsed(response))
    return response
