"""Gateway process: the only public entry; authenticates callers and forwards to services."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from prometheus_client import CollectorRegistry

from gateway import api, web
from gateway.demo_login import demo_router
from gateway.settings import GatewaySettings
from gateway.upstream import Upstreams
from kit.runtime import create_http_app, serve


def create_app(
    settings: GatewaySettings | None = None, transport: httpx.AsyncBaseTransport | None = None
) -> FastAPI:
    """Wire routes and upstream clients; ``transport`` lets tests route calls in-process."""
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

    routers = [api.router, web.router]
    if settings.environment in ("development", "test"):
        routers.append(demo_router(settings))

    async def ready() -> None:
        """The gateway is ready when it runs; each service reports its own readiness."""

    return create_http_app(
        settings,
        title="Kinerja API",
        registry=CollectorRegistry(),
        checks={"gateway": ready},
        routers=routers,
        lifespan=lifespan,
        state={"settings": settings, "upstreams": upstreams},
    )


def main() -> None:
    """Console entry point ``kinerja-gateway``."""
    settings = GatewaySettings()
    serve(create_app(settings), settings)
