"""Uploaded evidence files (bukti dukung): stored in the region's store, cited as ``file:<id>``."""

import hashlib
from typing import Annotated, Any
from urllib.parse import quote
from uuid import uuid4

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import StringConstraints
from pymongo.asynchronous.database import AsyncDatabase

from contracts import utc_now
from kit.auth import Caller
from kit.deps import from_app_state
from kit.directory import Directory
from kit.mongo import Document
from kit.problems import DomainProblem

EVIDENCE_FILES = "evidence_files"
FILE_PREFIX = "file:"
# Scans and photos of a report stay well under this; the whole file sits in one store document.
MAX_EVIDENCE_BYTES = 2 * 1024 * 1024
# Documents, photos and spreadsheets: formats a browser shows or an office suite opens safely.
ALLOWED_CONTENT_TYPES = frozenset(
    {
        "application/pdf",
        "image/jpeg",
        "image/png",
        "image/webp",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
)
# No path separators, quotes or control characters: the name goes back out in a header.
FileName = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=255, pattern=r'^[^/\\"\x00-\x1f\x7f]+$'
    ),
]


def media_type(header: str | None) -> str:
    """The bare media type of a Content-Type header (parameters such as charset dropped)."""
    return (header or "").split(";", 1)[0].strip().lower()


def too_big() -> DomainProblem:
    """413 naming the limit."""
    limit_mib = MAX_EVIDENCE_BYTES // (1024 * 1024)
    return DomainProblem(
        413,
        field="body",
        reason_id=f"Berkas bukti melebihi batas {limit_mib} MiB",
        reason_en=f"The evidence file exceeds the {limit_mib} MiB limit",
    )


def check_content_type(content_type: str) -> None:
    """Only documents, photos and spreadsheets are kept (415 otherwise)."""
    if content_type not in ALLOWED_CONTENT_TYPES:
        allowed = ", ".join(sorted(ALLOWED_CONTENT_TYPES))
        raise DomainProblem(
            415,
            field="content-type",
            reason_id=f"Jenis berkas '{content_type}' tidak diterima; gunakan: {allowed}",
            reason_en=f"File type '{content_type}' is not accepted; use one of: {allowed}",
        )


def check_size(size: int) -> None:
    """A file must hold something (422) and stay within the limit (413)."""
    if size == 0:
        raise DomainProblem(
            422,
            field="body",
            reason_id="Berkas bukti kosong",
            reason_en="The evidence file is empty",
        )
    if size > MAX_EVIDENCE_BYTES:
        raise too_big()


def file_id_of(link: str) -> str | None:
    """The uploaded file an evidence link cites, or None for a web link."""
    return link.removeprefix(FILE_PREFIX) if link.startswith(FILE_PREFIX) else None


def content_disposition(filename: str) -> str:
    """An attachment header that survives any file name (ASCII fallback plus RFC 5987 form)."""
    fallback = filename.encode("ascii", "replace").decode("ascii").replace("?", "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


class EvidenceRepository:
    """Evidence files by id; each belongs to the employee who uploaded it, in one region."""

    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._files = db[EVIDENCE_FILES]

    async def insert(self, document: dict[str, Any]) -> None:
        """Store a new file (ids are random, so there is nothing to collide with)."""
        await self._files.insert_one(document)

    async def get(self, file_id: str) -> dict[str, Any] | None:
        """One file with its bytes."""
        return await self._files.find_one({"_id": file_id})

    async def is_owned(self, file_id: str, region: str, nip: str) -> bool:
        """Whether the file exists in the region and was uploaded by ``nip`` (bytes not read)."""
        found = await self._files.find_one(
            {"_id": file_id, "region": region, "nip": nip}, {"_id": 1}
        )
        return found is not None


EvidenceFiles = Annotated[EvidenceRepository, Depends(from_app_state("evidence"))]
"""Route parameter type for the app's evidence file store."""


async def require_own_files(
    files: EvidenceRepository, region: str, nip: str, links: list[str]
) -> None:
    """Every ``file:`` link of a report must cite a file its owner uploaded in the region (422)."""
    for link in links:
        file_id = file_id_of(link)
        if file_id is not None and not await files.is_owned(file_id, region, nip):
            raise DomainProblem(
                422,
                field="evidence",
                reason_id=f"Berkas bukti '{link}' tidak ada atau bukan unggahan pemilik SKP",
                reason_en=f"Evidence file '{link}' does not exist or was not uploaded by the SKP's owner",
            )


async def _read_capped(request: Request) -> bytes:
    """The request body, refused (413) as soon as it passes the limit, not after reading it all."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_EVIDENCE_BYTES:
        raise too_big()
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_EVIDENCE_BYTES:
            raise too_big()
    return bytes(body)


router = APIRouter(prefix="/evidence", tags=["evidence"])

_RAW_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            kind: {"schema": {"type": "string", "format": "binary"}}
            for kind in sorted(ALLOWED_CONTENT_TYPES)
        },
    }
}


@router.post("", status_code=201, operation_id="evidence_upload", openapi_extra=_RAW_BODY)
async def upload(
    filename: Annotated[FileName, Query()],
    request: Request,
    caller: Caller,
    files: EvidenceFiles,
) -> dict[str, Any]:
    """An employee uploads one evidence file (raw body) to cite in progress reports."""
    content_type = media_type(request.headers.get("content-type"))
    check_content_type(content_type)  # before reading a body that would be refused anyway
    data = await _read_capped(request)
    check_size(len(data))
    file_id = uuid4().hex
    digest = hashlib.sha256(data).hexdigest()
    await files.insert(
        {
            "_id": file_id,
            "region": caller.region,
            "nip": caller.nip,
            "filename": filename,
            "content_type": content_type,
            "size": len(data),
            "sha256": digest,
            "uploaded_at": utc_now(),
            "data": data,
        }
    )
    return {
        "reference": f"{FILE_PREFIX}{file_id}",
        "filename": filename,
        "size": len(data),
        "sha256": digest,
        "content_type": content_type,
    }


@router.get("/{file_id}", operation_id="evidence_download", response_class=Response)
async def download(
    file_id: str, caller: Caller, files: EvidenceFiles, directory: Directory
) -> Response:
    """The file, for its uploader, the uploader's PPK and region HR."""
    found = await files.get(file_id)
    # Another region's file is "not found": its existence is none of this caller's business.
    if found is None or found["region"] != caller.region:
        raise DomainProblem(
            404, reason_id="Berkas bukti tidak ditemukan", reason_en="Evidence file not found"
        )
    await directory.require_self_ppk_or_hr(caller, found["nip"])
    return Response(
        bytes(found["data"]),
        media_type=found["content_type"],
        headers={
            "content-disposition": content_disposition(found["filename"]),
            "x-content-type-options": "nosniff",
        },
    )
