"""Request size limits: a body over its limit is refused with 413 before it is read to the end."""

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kit.problems import problem_body, problem_response


class BodyTooLarge(StarletteHTTPException):
    """Raised while a body is read past its limit (an HTTPException, so FastAPI lets it pass)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413)
        self.limit = limit


def _readable(size: int) -> str:
    for unit, factor in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def too_large(limit: int) -> JSONResponse:
    """The bilingual 413 answer, naming the limit."""
    size = _readable(limit)
    body = problem_body(
        413, [], f"Data yang dikirim melebihi batas {size}", f"The request body exceeds {size}"
    )
    return problem_response(413, body)


class BodySizeLimit:
    """ASGI middleware: a body over its path's limit is refused, unread if its length is declared.

    A chunked body is refused as soon as it passes the limit; upload paths get the larger one.
    """

    def __init__(
        self, app: ASGIApp, *, max_bytes: int, upload_bytes: int, upload_paths: frozenset[str]
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.upload_bytes = upload_bytes
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the declared length, then count what the app reads."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.upload_bytes if scope["path"] in self.upload_paths else self.max_bytes
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await too_large(limit)(scope, receive, send)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:
            # Read outside a route (no exception handler ran): answer here if still possible.
            if started:
                raise
            await too_large(limit)(scope, receive, send)


def install_body_limits(
    app: FastAPI, *, max_bytes: int, upload_bytes: int, upload_paths: frozenset[str]
) -> None:
    """Limit every request body of ``app``; routes that read too much answer the same 413."""

    @app.exception_handler(BodyTooLarge)
    async def refuse(_: Request, exc: BodyTooLarge) -> JSONResponse:
        return too_large(exc.limit)

    app.add_middleware(
        BodySizeLimit, max_bytes=max_bytes, upload_bytes=upload_bytes, upload_paths=upload_paths
    )
