"""Every API route authenticates its caller unless it is on the short, explicit public list."""

import re
from collections import Counter

import pytest
from fastapi import FastAPI

from gateway.app import create_app
from gateway.operations import Operation, operations
from kit.auth import authenticate
from kit.problems import PROBLEM_JSON
from tests.unit.gateway.conftest import Gateway, gateway_settings

# Citizens hold a signed ticket token instead of a login; signing in and out needs no login.
PUBLIC = frozenset(
    {
        "citizen_survey_form",
        "citizen_survey_submit",
        "citizen_complaint_file",
        "citizen_complaint_status",
        "auth_demo_login",
        "auth_demo_people",
        "auth_logout",
        "rewards_board",  # the region's published "ASN Terbaik" board (ADR 021)
    }
)
# Public routes that a flood could abuse (ballot stuffing, password guessing) count per client.
RATE_LIMITED = PUBLIC - {"auth_demo_people", "auth_logout"}

APP: FastAPI = create_app(gateway_settings())
API = [operation for operation in operations(APP) if operation.path.startswith("/api/")]
PROTECTED = [operation for operation in API if operation.operation_id not in PUBLIC]


def authenticates(operation: Operation) -> bool:
    """Walk the dependency tree ourselves rather than trust the code under test."""
    pending = list(operation.dependant.dependencies)
    while pending:
        dependency = pending.pop()
        if dependency.call is authenticate:
            return True
        pending.extend(dependency.dependencies)
    return False


def test_the_walk_sees_the_whole_api() -> None:
    assert len(API) > 50
    assert {operation.operation_id for operation in API} >= PUBLIC


def test_every_non_public_api_route_requires_a_caller() -> None:
    unprotected = [
        f"{operation.method} {operation.path}"
        for operation in PROTECTED
        if not authenticates(operation)
    ]

    assert unprotected == []


def test_public_routes_are_exactly_the_listed_ones_and_flood_prone_ones_are_limited() -> None:
    public = {operation.operation_id for operation in API if not authenticates(operation)}
    limited = {operation.operation_id for operation in API if operation.is_rate_limited}

    assert public == PUBLIC
    assert limited == RATE_LIMITED


def concrete(path: str) -> str:
    """The path with a value that passes validation for each parameter."""
    values = {"nip": "199203102015032003", "year": "2026"}
    return re.sub(r"\{(\w+)\}", lambda match: values.get(match[1], "x-1"), path)


@pytest.mark.parametrize(
    "operation", PROTECTED, ids=[str(operation.operation_id) for operation in PROTECTED]
)
async def test_request_without_token_is_refused_before_any_service_call(
    gateway: Gateway, operation: Operation
) -> None:
    answer = await gateway.client.request(
        operation.method, concrete(operation.path), params={"year": 2026}
    )

    assert answer.status_code == 401
    assert answer.headers["content-type"].startswith(PROBLEM_JSON)
    assert gateway.services.seen == []


def test_every_route_has_an_explicit_unique_operation_id() -> None:
    documented = [operation for operation in operations(APP) if operation.in_schema]
    missing = [f"{op.method} {op.path}" for op in documented if op.operation_id is None]
    repeated = [
        name for name, count in Counter(op.operation_id for op in documented).items() if count > 1
    ]

    assert missing == []
    assert repeated == []


def test_openapi_documents_problem_answers() -> None:
    document = APP.openapi()

    assert "Problem" in document["components"]["schemas"]
    assert "HTTPValidationError" not in document["components"]["schemas"]
    for operation in API:
        responses = document["paths"][operation.path][operation.method.lower()]["responses"]
        expected = {"401", "403"} if operation.operation_id not in PUBLIC else set()
        if operation.dependant.path_params or operation.dependant.query_params:
            expected.add("422")
        for status in expected | ({"422"} & responses.keys()):
            assert PROBLEM_JSON in responses[status]["content"], (operation.operation_id, status)
