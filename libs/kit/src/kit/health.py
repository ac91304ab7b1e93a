"""Liveness, readiness and Prometheus metrics endpoints for every service."""

import asyncio
from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

ReadinessCheck = Callable[[], Awaitable[object]]


def health_router(checks: dict[str, ReadinessCheck], registry: CollectorRegistry) -> APIRouter:
    """``/health/live`` says the process runs; ``/health/ready`` that its dependencies answer."""
    router = APIRouter(tags=["health"])

    @router.get("/health/live", operation_id="health_live")
    async def live() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/health/ready", operation_id="health_ready")
    async def ready() -> JSONResponse:
        results: dict[str, str] = {}
        for name, check in checks.items():
            try:
                await asyncio.wait_for(check(), timeout=3)
                results[name] = "ok"
            except Exception as error:  # noqa: BLE001 - any failure means not ready
                results[name] = f"error: {type(error).__name__}"
        ok = all(value == "ok" for value in results.values())
        return JSONResponse(
            {"status": "ok" if ok else "unavailable", "checks": results}, 200 if ok else 503
        )

    @router.get("/metrics", operation_id="metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    return router
