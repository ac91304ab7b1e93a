"""Schemathesis against the in-process gateway: no generated request makes it fail with a 5xx.

The services are a fake that answers every call, so a 5xx can only come from the gateway itself
(the deliberate 503 for a service that is down cannot happen here).
"""

from typing import Any

import httpx
import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from gateway.app import create_app
from kit.auth import Role
from tests.factories import bearer
from tests.unit.gateway.conftest import RINA, FakeServices, gateway_settings

SETTINGS = gateway_settings(citizen_rate_limit="10000/minute", login_rate_limit="10000/minute")
# Region HR with every role: requests get past authentication to validation and forwarding.
AS_HR = bearer(SETTINGS, RINA, Role.PEGAWAI, Role.PPK, Role.UNIT_ADMIN, Role.REGION_ADMIN)


def gateway_app() -> FastAPI:
    return create_app(SETTINGS, transport=httpx.MockTransport(FakeServices()))


schema = schemathesis.openapi.from_asgi("/openapi.json", gateway_app())


@pytest.fixture
def app() -> FastAPI:
    """A fresh app per operation: the plugin ends the app's lifespan after each test item."""
    return gateway_app()


@schema.parametrize()
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_generated_request_gets_a_server_error(
    case: schemathesis.Case[Any], app: FastAPI
) -> None:
    case.call_and_validate(app=app, headers=AS_HR, checks=[not_a_server_error])
