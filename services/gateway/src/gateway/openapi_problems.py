"""The OpenAPI document names the problem+json answers each API operation can give."""

import json
from typing import Any

from fastapi import FastAPI

from gateway.operations import Operation, operations
from kit.problems import PROBLEM_JSON, Problem

REF = "#/components/schemas/{model}"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
# FastAPI's own 422 schemas, replaced by the problem document the app really sends.
FASTAPI_422_SCHEMAS = ("HTTPValidationError", "ValidationError")

_DESCRIPTIONS = {
    "401": "No, invalid or expired token / Token tidak ada, tidak sah atau kedaluwarsa",
    "403": "Not allowed for this caller or region / Tidak diizinkan bagi pengguna atau wilayah ini",
    "413": "Request body too large / Data yang dikirim terlalu besar",
    "422": "Invalid input, one entry per field / Data tidak valid, satu entri per kolom",
    "429": "Too many requests; see Retry-After / Terlalu banyak permintaan; lihat Retry-After",
    "default": "Any other refusal, e.g. 404, 409, 503 / Penolakan lain, mis. 404, 409, 503",
}


def _problem(status: str) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "description": _DESCRIPTIONS[status],
        "content": {PROBLEM_JSON: {"schema": {"$ref": REF.format(model="Problem")}}},
    }
    if status == "429":
        answer["headers"] = {"Retry-After": {"schema": {"type": "integer"}}}
    return answer


def _statuses(operation: Operation, documented: dict[str, Any]) -> list[str]:
    statuses = ["default"]
    if operation.requires_caller:
        statuses += ["401", "403"]
    if operation.is_rate_limited:
        statuses.append("429")
    if operation.method in BODY_METHODS:
        statuses.append("413")
    if "422" in documented:  # FastAPI documents it wherever a parameter or body is validated
        statuses.append("422")
    return statuses


def add_problem_responses(schema: dict[str, Any], api: list[Operation]) -> None:
    """Name the problem answers of the ``api`` operations and publish the Problem schema."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    problem = Problem.model_json_schema(ref_template=REF)
    components.update(problem.pop("$defs", {}))
    components["Problem"] = problem
    for operation in api:
        responses = schema["paths"][operation.path][operation.method.lower()]["responses"]
        for status in _statuses(operation, responses):
            responses[status] = _problem(status)
    if REF.format(model=FASTAPI_422_SCHEMAS[0]) not in json.dumps(schema["paths"]):
        for name in FASTAPI_422_SCHEMAS:
            components.pop(name, None)


def document_problems(app: FastAPI) -> None:
    """Make ``app.openapi()`` include the problem answers (after FastAPI built the document)."""
    build = app.openapi

    def documented() -> dict[str, Any]:
        schema = build()
        if "Problem" not in schema.get("components", {}).get("schemas", {}):
            api = [op for op in operations(app) if op.in_schema and op.path.startswith("/api/")]
            add_problem_responses(schema, api)
        return schema

    app.openapi = documented  # type: ignore[method-assign]  # FastAPI's documented extension point
