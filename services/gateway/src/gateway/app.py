"""Gateway process: the only public entry; authenticates callers and forwards to services."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from prometheus_client import CollectorRegistry

from gateway import api, api_rewards, sessions, webui
from gateway.audit import AuditLog
from gateway.body_limits import install_body_limits
from gateway.demo_login import demo_router
from gateway.openapi_problems import document_problems
from gateway.rate_limits import Audience, RateLimits
from gateway.security_headers import SecurityHeaders
from gateway.settings import GatewaySettings
from gateway.upstream import Upstreams
from kit.runtime import create_http_app, serve


def create_app(
    settings: GatewaySettings | None = None, transport: httpx.AsyncBaseTransport | None = None
) -> FastAPI:
    """Wire routes, upstream clients and the public entry's defences.

    ``transport`` lets tests route upstream calls in-process.
    """
    settings = settings or GatewaySettings()
    upstreams = Upstreams(
        {
            "targets": settings.targets_url,
            "feedback": settings.feedback_url,
            "scoring": settings.scoring_url,
            "rewards": settings.rewards_url,
        },
        timeout=settings.upstream_timeout_seconds,
        attempts=settings.upstream_attempts,
        transport=transport,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await upstreams.close()

    routers = [api.router, webui.router]
    routers.append(sessions.router)
    routers.append(api_rewards.router)
    if settings.environment in ("development", "test"):
        routers.append(demo_router(settings))
    rate_limits = RateLimits(
        {Audience.CITIZEN: settings.citizen_rate_limit, Audience.LOGIN: settings.login_rate_limit}
    )

    async def ready() -> None:
        """The gateway is ready when it runs; each service reports its own readiness."""

    app = create_http_app(
        settings,
        title="Kinerja API",
        registry=CollectorRegistry(),
        checks={"gateway": ready},
        routers=routers,
        lifespan=lifespan,
        state={"settings": settings, "upstreams": upstreams, "rate_limits": rate_limits},
    )
    document_problems(app)
    # Added innermost first: security headers wrap everything, even a 413 sent unread.
    app.add_middleware(AuditLog)
    install_body_limits(
        app,
        max_bytes=settings.max_body_bytes,
        upload_bytes=settings.max_upload_bytes,
        upload_paths=api.UPLOAD_PATHS | webui.UPLOAD_PATHS,
    )
    app.add_middleware(SecurityHeaders, https=settings.secure_cookies)
    return app


def main() -> None:
    """Console entry point ``kinerja-gateway``."""
    settings = GatewaySettings()
    serve(create_app(settings), settings)
