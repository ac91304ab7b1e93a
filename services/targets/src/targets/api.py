"""HTTP API of the targets service (called by the gateway): thin, rules live in service.py."""

from typing import Annotated, Any
from uuid import uuid4

from fastapi import APIRouter, Depends

from contracts import ProgressReported, SkpApproved, utc_now
from contracts.targets import Rhk
from kit.auth import Caller, Principal, require_region
from kit.deps import from_app_state
from kit.directory import Directory
from kit.problems import DomainProblem
from targets import service
from targets.documents import ProgressReport, SkpDraft
from targets.repository import TargetsRepository

router = APIRouter(prefix="/skp", tags=["skp"])
PRODUCER = "targets"


Repository = Annotated[TargetsRepository, Depends(from_app_state("repository"))]


def _not_found() -> DomainProblem:
    return DomainProblem(404, reason_id="SKP tidak ditemukan", reason_en="SKP not found")


async def _skp_for(caller: Principal, repository: TargetsRepository, skp_id: str) -> dict[str, Any]:
    skp = await repository.get_skp(skp_id)
    if skp is None:
        raise _not_found()
    require_region(caller, skp["region"])
    return skp


async def _require_open_period(repository: TargetsRepository, region: str, year: int) -> None:
    period = await repository.get_period(service.period_id(region, year))
    service.check_period_open(period, year)


def _audit(caller: Principal, action: str, **details: Any) -> dict[str, Any]:
    return {"at": utc_now(), "by": caller.nip, "action": action, **details}


@router.post("", status_code=201, operation_id="skp_create")
async def create_skp(body: SkpDraft, caller: Caller, repository: Repository) -> dict[str, Any]:
    """An employee starts their plan for a year (draft)."""
    await _require_open_period(repository, caller.region, body.year)
    skp_id = f"{caller.region}-{caller.nip}-{body.year}"
    document = {
        "_id": skp_id,
        "region": caller.region,
        "nip": caller.nip,
        "year": body.year,
        "status": service.DRAFT,
        "rhk": [item.model_dump(mode="json") for item in body.rhk],
        "history": [_audit(caller, "created")],
        "outbox": [],
    }
    await repository.insert_skp(document)
    return {"skp_id": skp_id, "status": service.DRAFT}


@router.get("/{skp_id}", operation_id="skp_get")
async def get_skp(
    skp_id: str, caller: Caller, repository: Repository, directory: Directory
) -> dict[str, Any]:
    """The plan, for its owner, the owner's PPK and region HR."""
    skp = await _skp_for(caller, repository, skp_id)
    await directory.require_self_ppk_or_hr(caller, skp["nip"])
    return {"skp_id": skp.pop("_id")} | skp


@router.post("/{skp_id}/submit", operation_id="skp_submit")
async def submit_skp(skp_id: str, caller: Caller, repository: Repository) -> dict[str, str]:
    """The owner sends the draft to the PPK."""
    skp = await _skp_for(caller, repository, skp_id)
    if skp["nip"] != caller.nip:
        raise DomainProblem(403, reason_id="Hanya pemilik SKP", reason_en="Only the SKP's owner")
    service.check_transition(skp["status"], service.SUBMITTED)
    await _require_open_period(repository, skp["region"], skp["year"])
    if not await repository.transition(
        skp_id,
        current=skp["status"],
        update={"status": service.SUBMITTED},
        audit=_audit(caller, "submitted"),
    ):
        raise DomainProblem(
            409, reason_id="SKP berubah, muat ulang", reason_en="SKP changed meanwhile; reload"
        )
    return {"skp_id": skp_id, "status": service.SUBMITTED}


@router.post("/{skp_id}/approve", operation_id="skp_approve")
async def approve_skp(
    skp_id: str, caller: Caller, repository: Repository, directory: Directory
) -> dict[str, str]:
    """The owner's PPK approves the submitted plan, which publishes ``skp.approved``."""
    skp = await _skp_for(caller, repository, skp_id)
    await directory.require_ppk(caller, skp["nip"])
    service.check_transition(skp["status"], service.APPROVED)
    await _require_open_period(repository, skp["region"], skp["year"])
    event = SkpApproved(
        region=skp["region"],
        producer=PRODUCER,
        skp_id=skp_id,
        nip=skp["nip"],
        year=skp["year"],
        approved_by=caller.nip,
        rhk=tuple(Rhk.model_validate(item) for item in skp["rhk"]),
    )
    if not await repository.transition(
        skp_id,
        current=skp["status"],
        update={"status": service.APPROVED, "approved_by": caller.nip},
        audit=_audit(caller, "approved"),
        events=(event,),
    ):
        raise DomainProblem(
            409, reason_id="SKP berubah, muat ulang", reason_en="SKP changed meanwhile; reload"
        )
    return {"skp_id": skp_id, "status": service.APPROVED}


@router.post("/{skp_id}/progress", status_code=201, operation_id="skp_report_progress")
async def report_progress(
    skp_id: str, body: ProgressReport, caller: Caller, repository: Repository
) -> dict[str, Any]:
    """The owner reports the realisation of one IKI of an approved plan."""
    skp = await _skp_for(caller, repository, skp_id)
    if skp["nip"] != caller.nip:
        raise DomainProblem(403, reason_id="Hanya pemilik SKP", reason_en="Only the SKP's owner")
    if skp["status"] != service.APPROVED:
        raise DomainProblem(
            409,
            field="status",
            reason_id="SKP belum disetujui",
            reason_en="SKP is not approved yet",
        )
    service.check_period_in_year(body.period, skp["year"])
    await _require_open_period(repository, skp["region"], skp["year"])
    iki = service.find_iki(
        [Rhk.model_validate(item) for item in skp["rhk"]], body.rhk_id, body.iki_id
    )
    achievement = service.achievement_pct(iki, body.realisation)
    progress_id = f"{skp_id}-{body.rhk_id}-{body.iki_id}-{body.period}"
    event = ProgressReported(
        region=skp["region"],
        producer=PRODUCER,
        progress_id=progress_id,
        skp_id=skp_id,
        nip=skp["nip"],
        year=skp["year"],
        period=body.period,
        rhk_id=body.rhk_id,
        iki_id=body.iki_id,
        realisation=body.realisation,
        achievement_pct=achievement,
        evidence=tuple(body.evidence),
        note=body.note,
    )
    values = body.model_dump() | {
        "region": skp["region"],
        "skp_id": skp_id,
        "nip": skp["nip"],
        "achievement_pct": achievement,
        "report_id": str(uuid4()),
    }
    await repository.save_progress(
        progress_id, values, _audit(caller, "reported", **body.model_dump()), event
    )
    return {"progress_id": progress_id, "achievement_pct": achievement}
