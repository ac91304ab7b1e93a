"""Errors as RFC 9457 problem+json, with every reason in Indonesian and English."""

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"

# Indonesian wording for the validation errors people actually meet; English comes from pydantic.
_ID_REASONS: dict[str, str] = {
    "missing": "wajib diisi",
    "string_pattern_mismatch": "format tidak sesuai",
    "string_too_short": "terlalu pendek",
    "string_too_long": "terlalu panjang",
    "greater_than": "harus lebih besar dari batas minimum",
    "greater_than_equal": "tidak boleh di bawah batas minimum",
    "less_than": "harus lebih kecil dari batas maksimum",
    "less_than_equal": "tidak boleh melebihi batas maksimum",
    "enum": "bukan salah satu pilihan yang sah",
    "literal_error": "bukan salah satu pilihan yang sah",
    "int_parsing": "harus berupa bilangan bulat",
    "float_parsing": "harus berupa angka",
    "finite_number": "harus berupa angka terhingga",
    "bool_parsing": "harus berupa ya/tidak (true/false)",
    "json_invalid": "JSON tidak valid",
    "model_attributes_type": "harus berupa objek",
    "dict_type": "harus berupa objek",
    "list_type": "harus berupa daftar",
    "too_short": "jumlah item terlalu sedikit",
    "too_long": "jumlah item terlalu banyak",
    "value_error": "nilai tidak sah",
    "extra_forbidden": "kolom ini tidak dikenal",
}

_TITLES: dict[int, tuple[str, str]] = {
    400: ("Permintaan tidak valid", "Bad request"),
    401: ("Perlu masuk terlebih dahulu", "Authentication required"),
    403: ("Akses ditolak", "Forbidden"),
    404: ("Data tidak ditemukan", "Not found"),
    405: ("Metode permintaan tidak diizinkan", "Method not allowed"),
    409: ("Konflik dengan keadaan data saat ini", "Conflict with the current state"),
    413: ("Data yang dikirim terlalu besar", "Content too large"),
    422: ("Data yang dikirim tidak valid", "Invalid input"),
    429: ("Terlalu banyak permintaan, coba lagi nanti", "Too many requests, try again later"),
    500: ("Terjadi kesalahan pada server", "Internal server error"),
    503: ("Layanan sedang tidak tersedia", "Service unavailable"),
}


def indonesian_reason(error_type: str) -> str:
    """The Indonesian wording of a pydantic error type, for APIs and command-line tools alike."""
    return _ID_REASONS.get(error_type, "nilai tidak sah")


class DomainProblem(Exception):
    """A rule says no: raised by services, rendered as problem+json with both languages."""

    def __init__(
        self,
        status: int,
        *,
        reason_id: str,
        reason_en: str,
        field: str | None = None,
        errors: list[dict[str, str]] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(reason_en)
        self.status = status
        self.reason_id = reason_id
        self.reason_en = reason_en
        self.field = field
        # Several findings at once (e.g. every broken link of a plan): {field, reason, reason_en}.
        self.errors = errors or []
        # Response headers the refusal needs, e.g. ``Retry-After`` on a 429.
        self.headers = dict(headers or {})


class ProblemError(BaseModel):
    """One finding of a problem: which field, and why in both languages."""

    field: str
    reason: str
    reason_en: str


class Problem(BaseModel):
    """The problem+json document ``problem_body`` builds, as a schema for OpenAPI documents."""

    type: str = "about:blank"
    status: int
    title: str
    title_en: str
    detail: str
    detail_en: str
    errors: list[ProblemError] = []


def problem_body(
    status: int, errors: list[dict[str, Any]], detail_id: str = "", detail_en: str = ""
) -> dict[str, Any]:
    """The problem document shared by every error."""
    title_id, title_en = _TITLES.get(status, ("Terjadi kesalahan", "Error"))
    return {
        "type": "about:blank",
        "status": status,
        "title": title_id,
        "title_en": title_en,
        "detail": detail_id or title_id,
        "detail_en": detail_en or title_en,
        "errors": errors,
    }


def _field_path(location: tuple[Any, ...]) -> str:
    parts = [str(part) for part in location if part not in ("body", "query", "path", "header")]
    return ".".join(parts) or str(location[-1] if location else "")


def validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """One entry per invalid field, each with its path and the reason in both languages."""
    return [
        {
            # A body that is not JSON at all has no field; pydantic reports a character offset.
            "field": "body"
            if error.get("type") == "json_invalid"
            else _field_path(tuple(error.get("loc", ()))),
            "reason": indonesian_reason(error.get("type", "")),
            "reason_en": error.get("msg", "invalid value"),
        }
        for error in exc.errors()
    ]


def problem_response(
    status: int, body: dict[str, Any], headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """A problem document as a response, also for middleware that answers before any route."""
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def install_problem_handlers(app: FastAPI) -> None:
    """Make every error of this app a bilingual problem+json document."""

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = validation_errors(exc)
        return problem_response(422, problem_body(422, errors))

    @app.exception_handler(DomainProblem)
    async def _domain(_: Request, exc: DomainProblem) -> JSONResponse:
        errors = exc.errors or (
            [{"field": exc.field, "reason": exc.reason_id, "reason_en": exc.reason_en}]
            if exc.field
            else []
        )
        body = problem_body(exc.status, errors, exc.reason_id, exc.reason_en)
        return problem_response(exc.status, body, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        # Routing answers (404 unknown path, 405 with its Allow header) and framework limits.
        body = problem_body(exc.status_code, [], detail_en=str(exc.detail))
        return problem_response(exc.status_code, body, exc.headers)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        # Starlette logs and re-raises after this; the client still gets a problem document.
        return problem_response(500, problem_body(500, []))
