"""HTTP API of the rewards service: awards and their certificates (called by the gateway)."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from contracts.vocabulary import Nip, Year
from kit.auth import Caller
from kit.deps import from_app_state
from kit.directory import Directory
from kit.problems import DomainProblem
from rewards.award_store import AwardStore
from rewards.certificate import certificate_pdf
from rewards.honours import Honours

router = APIRouter(prefix="/rewards", tags=["rewards"])
Awards = Annotated[AwardStore, Depends(from_app_state("awards"))]
HonoursDep = Annotated[Honours, Depends(from_app_state("honours"))]


@router.get("", operation_id="rewards_list")
async def list_rewards(
    caller: Caller,
    awards: Awards,
    directory: Directory,
    nip: Annotated[Nip | None, Query()] = None,
    year: Annotated[Year | None, Query()] = None,
) -> dict[str, Any]:
    """Awards of an employee (default: the caller), for them, their PPK and region HR."""
    target = nip or caller.nip
    await directory.require_self_ppk_or_hr(caller, target)
    return {"items": await awards.list_for(caller.region, target, year)}


@router.get(
    "/awards/{award_id}/certificate.pdf",
    operation_id="reward_certificate",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
async def certificate(
    award_id: str, caller: Caller, awards: Awards, directory: Directory, honours: HonoursDep
) -> Response:
    """The printable certificate of a standing award: for the winner, their PPK and region HR."""
    stored = await awards.get(award_id)
    if stored is None or stored["region"] != caller.region:
        raise DomainProblem(
            404,
            field="award_id",
            reason_id="Penghargaan tidak ditemukan",
            reason_en="No such award",
        )
    await directory.require_self_ppk_or_hr(caller, stored["nip"])
    found = await honours.certificate(
        caller.region, stored["period"], award_id, stored["granted_at"].date()
    )
    if found is None:
        raise DomainProblem(
            409,
            field="award_id",
            reason_id="Penghargaan ini sudah dicabut; piagam tidak dapat dicetak",
            reason_en="This award was revoked; no certificate can be printed",
        )
    return Response(
        certificate_pdf(found),
        media_type="application/pdf",
        headers={"content-disposition": f'inline; filename="piagam-{award_id}.pdf"'},
    )
