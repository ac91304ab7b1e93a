"""The stylesheet, script and icons under ``/static`` (CSP allows no inline CSS or JS)."""

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from kit.problems import DomainProblem

STATIC = (Path(__file__).parent / "static").resolve()
router = APIRouter(include_in_schema=False)


@router.get("/static/{name:path}")
async def static_file(name: str) -> FileResponse:
    """A file of the static folder (never outside it), cached for an hour."""
    path = (STATIC / name).resolve()
    if not path.is_file() or not path.is_relative_to(STATIC):
        raise DomainProblem(404, reason_id="Berkas tidak ada", reason_en="No such file")
    return FileResponse(path, headers={"cache-control": "public, max-age=3600"})
