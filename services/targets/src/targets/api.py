"""HTTP API of the targets service (called by the gateway): thin, rules live in service.py."""

from typing import Annotated, Any
from uuid import uuid4

from fastapi import APIRouter, Query

from contracts import ProgressReported
from contracts.targets import Rhk
from contracts.vocabulary import Nip, Year
from kit.auth import Caller
from kit.directory import Directory
from kit.problems import DomainProblem
from targets import cascade, service
from targets.documents import ProgressReport, SkpDraft
from targets.evidence import EvidenceFiles, require_own_files
from targets.goals import Goals
from targets.linking import link_target
from targets.lookups import PRODUCER, Repository, audit, require_open_period, require_owner, skp_for
from targets.planning_api import behaviour_view

router = APIRouter(prefix="/skp", tags=["skp"])


@router.post("", status_code=201, operation_id="skp_create")
async def create_skp(
    body: SkpDraft, caller: Caller, repository: Repository, directory: Directory, goals: Goals
) -> dict[str, Any]:
    """An employee starts their plan for a year (draft); broken links are refused at once."""
    await require_open_period(repository, caller.region, body.year)
    target = await link_target(caller.region, caller.nip, body.year, directory, repository, goals)
    warnings = cascade.check_draft(body.rhk, target)
    skp_id = service.skp_id(caller.region, caller.nip, body.year)
    document = {
        "_id": skp_id,
        "region": caller.region,
        "nip": caller.nip,
        "year": body.year,
        "status": service.DRAFT,
        "rhk": [item.model_dump(mode="json") for item in body.rhk],
        "expectations": [],
        "history": [audit(caller, "created")],
        "outbox": [],
    }
    await repository.insert_skp(document)
    return {"skp_id": skp_id, "status": service.DRAFT, "warnings": warnings}


@router.get("/{skp_id}", operation_id="skp_get")
async def get_skp(
    skp_id: str, caller: Caller, repository: Repository, directory: Directory
) -> dict[str, Any]:
    """The plan, for its owner, the owner's PPK (or delegate) and region HR."""
    skp = await skp_for(caller, repository, skp_id)
    await directory.require_self_ppk_or_hr(caller, skp["nip"], skp["year"])
    return _plan_view(skp)


def _plan_view(skp: dict[str, Any]) -> dict[str, Any]:
    behaviour = behaviour_view(skp.get("expectations", []))
    return {"skp_id": skp.pop("_id")} | skp | {"behaviour": behaviour}


@router.get("", operation_id="skp_mine")
async def my_plan(
    year: Annotated[Year, Query()],
    caller: Caller,
    repository: Repository,
    directory: Directory,
    nip: Annotated[Nip | None, Query()] = None,
) -> dict[str, Any]:
    """My plan for a year (or a report's, for their PPK or HR) with every progress report."""
    owner = nip or caller.nip
    await directory.require_self_ppk_or_hr(caller, owner, year)
    skp = await repository.get_skp(service.skp_id(caller.region, owner, year))
    if skp is None:
        raise DomainProblem(
            404,
            reason_id=f"Belum ada SKP {year}; susun lewat POST /skp",
            reason_en=f"No SKP for {year} yet; plan one with POST /skp",
        )
    progress = await repository.progress_of(caller.region, skp["_id"])
    return _plan_view(skp) | {
        "progress": progress,
        "achievement_pct": service.latest_mean_achievement(progress),
    }


@router.post("/{skp_id}/progress", status_code=201, operation_id="skp_report_progress")
async def report_progress(
    skp_id: str,
    body: ProgressReport,
    caller: Caller,
    repository: Repository,
    evidence: EvidenceFiles,
) -> dict[str, Any]:
    """The owner reports the realisation of one IKI of an approved plan."""
    skp = await skp_for(caller, repository, skp_id)
    require_owner(caller, skp)
    if skp["status"] != service.APPROVED:
        raise DomainProblem(
            409,
            field="status",
            reason_id="SKP belum disetujui",
            reason_en="SKP is not approved yet",
        )
    service.check_period_in_year(body.period, skp["year"])
    await require_open_period(repository, skp["region"], skp["year"])
    iki = service.find_iki(
        [Rhk.model_validate(item) for item in skp["rhk"]], body.rhk_id, body.iki_id
    )
    await require_own_files(evidence, skp["region"], skp["nip"], body.evidence)
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
        progress_id, values, audit(caller, "reported", **body.model_dump()), event
    )
    return {"progress_id": progress_id, "achievement_pct": achievement}
