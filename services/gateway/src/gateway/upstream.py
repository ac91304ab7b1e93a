"""Calls from the gateway to the services' HTTP APIs: timeouts, retries, honest 503s."""

from typing import Any
from urllib.parse import quote

import httpx
from fastapi import Request, Response
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from kit.auth import bearer_token
from kit.problems import DomainProblem

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS"})
# Only failures where the request surely did not reach the service are safe to retry blindly.
RETRYABLE = (httpx.ConnectError, httpx.ConnectTimeout)
PASSED_HEADERS = (
    "content-type",
    "content-disposition",
    "x-content-type-options",
    # A service that says 429 or 503 also says when to come back.
    "retry-after",
)


def segment(value: str) -> str:
    """A caller's value as exactly one path segment of a service URL: never a path or a query."""
    encoded = quote(value, safe="")
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


class Upstreams:
    """One pooled HTTP client and the base URL of each service."""

    def __init__(
        self,
        urls: dict[str, str],
        *,
        timeout: float,
        attempts: int,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._urls = urls
        self._attempts = attempts
        self._client = httpx.AsyncClient(timeout=timeout, transport=transport)
        # Calls carry the W3C trace context, so a request is one trace across services.
        HTTPXClientInstrumentor.instrument_client(self._client)

    async def close(self) -> None:
        """Release pooled connections."""
        await self._client.aclose()

    async def forward(
        self,
        service: str,
        method: str,
        path: str,
        request: Request,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        content: bytes | None = None,
        content_type: str | None = None,
        public: bool = False,
    ) -> Response:
        """Send the caller's request on with their token; relay the answer as it is.

        ``content`` is a raw body (an uploaded file) sent with ``content_type``, by default the
        caller's own (a web form's file part has its own type inside a multipart request).
        ``public`` routes (citizens, whose credential is a token in the path) send no bearer
        token but the client's address, which the service rate-limits on.
        """
        url = self._urls[service] + path
        if public:
            client = request.client.host if request.client is not None else "unknown"
            headers = {"x-forwarded-for": client}
        else:
            headers = {"authorization": f"Bearer {bearer_token(request)}"}
        body_type = content_type or request.headers.get("content-type")
        if content is not None and body_type:
            headers["content-type"] = body_type
        query = {name: value for name, value in (params or {}).items() if value is not None}
        attempts = self._attempts if method in IDEMPOTENT else 1
        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(attempts),
                wait=wait_exponential(multiplier=0.1, max=1),
                retry=retry_if_exception_type(RETRYABLE),
                reraise=True,
            ):
                with attempt:
                    answer = await self._client.request(
                        method, url, json=json, content=content, params=query, headers=headers
                    )
        except httpx.TransportError as error:
            raise DomainProblem(
                503,
                reason_id=f"Layanan {service} sedang tidak tersedia, coba lagi sebentar lagi",
                reason_en=f"The {service} service is unavailable, try again shortly ({type(error).__name__})",
            ) from error
        passed = {name: answer.headers[name] for name in PASSED_HEADERS if name in answer.headers}
        return Response(answer.content, status_code=answer.status_code, headers=passed)
