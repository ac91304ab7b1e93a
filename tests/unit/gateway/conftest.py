"""An in-process gateway whose services are a fake transport that answers every call."""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from gateway.app import create_app
from gateway.settings import GatewaySettings

ROOT = Path(__file__).resolve().parents[3]
DEMO_FILE = ROOT / "deploy/local/demo/palangkaraya.json"
REGION = "palangkaraya"
SITI = "199203102015032003"  # pegawai
RINA = "197801012005011001"  # pegawai, ppk, region_admin


@dataclass
class FakeServices:
    """Answers every upstream call with ``answer`` and remembers the requests."""

    answer: Callable[[httpx.Request], httpx.Response] = lambda _: httpx.Response(
        200, json={"ok": True}
    )
    seen: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        return self.answer(request)


@dataclass
class Gateway:
    app: FastAPI
    client: httpx.AsyncClient
    services: FakeServices
    settings: GatewaySettings


# What a production deployment must set: its identity provider and the form-signing key.
PRODUCTION: dict[str, Any] = {
    "environment": "production",
    "auth_jwks_url": "http://127.0.0.1:9/certs",
    "web_csrf_secret": "a-production-key-of-enough-length-0123456789",
}


def gateway_settings(**overrides: Any) -> GatewaySettings:
    values: dict[str, Any] = {
        "environment": "test",
        "regions": frozenset({REGION}),
        "demo_users_files": [DEMO_FILE],
    }
    return GatewaySettings(**(values | overrides))


@asynccontextmanager
async def open_gateway(
    settings: GatewaySettings | None = None,
    services: FakeServices | None = None,
    client_address: str = "10.0.0.1",
) -> AsyncIterator[Gateway]:
    """The gateway app and an HTTP client calling it from ``client_address``."""
    settings = settings or gateway_settings()
    services = services or FakeServices()
    app = create_app(settings, transport=httpx.MockTransport(services))
    transport = httpx.ASGITransport(
        app=app, client=(client_address, 40000), raise_app_exceptions=False
    )
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as client:
        yield Gateway(app, client, services, settings)


@pytest.fixture
async def gateway() -> AsyncIterator[Gateway]:
    async with open_gateway() as opened:
        yield opened
