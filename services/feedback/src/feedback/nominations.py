"""HTTP API of peer nominations: an employee asks a colleague outside their unit, the PPK decides.

An approved nomination makes the colleague an eligible peer for that period (a nomination for
a whole year covers its months). Nominations publish nothing: only this service reads them.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query

from contracts import utc_now
from contracts.vocabulary import Period
from feedback import peer_rules
from feedback.api import Repository
from feedback.documents import NominationDecision, NominationForm, year_of
from feedback.repository import FeedbackRepository
from kit.auth import Caller, Principal
from kit.directory import Directory, EmployeeDirectory
from kit.periods import PeriodBook, Periods
from kit.problems import DomainProblem

router = APIRouter(prefix="/nominations", tags=["nominations"])
PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"


def nomination_id(region: str, nip: str, rater_nip: str, period: str) -> str:
    """One nomination per employee, rater and period: asking twice collides on it."""
    return f"{region}:{nip}:{rater_nip}:{period}"


def _public(item: dict[str, Any]) -> dict[str, Any]:
    return {"nomination_id": item.pop("_id")} | {
        name: value for name, value in item.items() if name not in ("region", "history")
    }


@router.post("", status_code=201, operation_id="nomination_request")
async def request_nomination(
    body: NominationForm,
    caller: Caller,
    repository: Repository,
    directory: Directory,
    periods: Periods,
) -> dict[str, Any]:
    """An employee nominates a colleague to give them peer feedback; their PPK decides."""
    employee = await directory.get(caller.region, caller.nip)
    if employee is None or not employee.get("active", False):
        raise DomainProblem(
            403,
            reason_id="Anda bukan pegawai aktif di direktori wilayah ini",
            reason_en="You are not an active employee in this region's directory",
        )
    rater = peer_rules.check_nominee(employee, await directory.get(caller.region, body.rater_nip))
    year = year_of(body.period)
    await periods.require_open(caller.region, year)
    document = {
        "_id": nomination_id(caller.region, caller.nip, body.rater_nip, body.period),
        "region": caller.region,
        "nip": caller.nip,
        "rater_nip": body.rater_nip,
        "rater_name": rater.get("name", ""),
        "period": body.period,
        "year": year,
        "status": PENDING,
        "requested_at": utc_now(),
        "history": [],
    }
    await repository.add_nomination(document)
    return {"nomination_id": document["_id"], "status": PENDING}


async def _decide(
    nomination_id_: str,
    status: str,
    reason: str,
    caller: Principal,
    repository: FeedbackRepository,
    directory: EmployeeDirectory,
    periods: PeriodBook,
) -> dict[str, Any]:
    """The employee's PPK or delegate approves or rejects a pending nomination."""
    found = await repository.get_nomination(nomination_id_)
    if found is None or found["region"] != caller.region:
        raise DomainProblem(
            404, reason_id="Nominasi tidak ditemukan", reason_en="Nomination not found"
        )
    on_behalf_of = await directory.require_ppk_or_delegate(caller, found["nip"], found["year"])
    await periods.require_open(caller.region, found["year"])
    values = {
        "decided_by": caller.nip,
        "on_behalf_of": on_behalf_of,
        "decided_at": utc_now(),
        "reason": reason,
    }
    if not await repository.decide_nomination(nomination_id_, status, values):
        raise DomainProblem(
            409,
            reason_id="Nominasi sudah diputuskan",
            reason_en="The nomination was decided already",
        )
    return {"nomination_id": nomination_id_, "status": status}


@router.post("/{nomination_id}/approve", operation_id="nomination_approve")
async def approve_nomination(
    nomination_id: str,
    caller: Caller,
    repository: Repository,
    directory: Directory,
    periods: Periods,
    body: Annotated[NominationDecision | None, Body()] = None,
) -> dict[str, Any]:
    """The PPK (or delegate) lets the nominated colleague give peer feedback."""
    reason = "" if body is None else body.reason
    return await _decide(nomination_id, APPROVED, reason, caller, repository, directory, periods)


@router.post("/{nomination_id}/reject", operation_id="nomination_reject")
async def reject_nomination(
    nomination_id: str,
    caller: Caller,
    repository: Repository,
    directory: Directory,
    periods: Periods,
    body: Annotated[NominationDecision | None, Body()] = None,
) -> dict[str, Any]:
    """The PPK (or delegate) refuses the nomination, optionally with a reason."""
    reason = "" if body is None else body.reason
    return await _decide(nomination_id, REJECTED, reason, caller, repository, directory, periods)


@router.get("", operation_id="nomination_list")
async def list_nominations(
    period: Annotated[Period, Query()],
    caller: Caller,
    repository: Repository,
    directory: Directory,
) -> dict[str, Any]:
    """My requests, the approved ones I am asked to give, and the pending ones I decide."""
    region, year = caller.region, year_of(period)
    requested = await repository.list_nominations(region, period, nip=caller.nip)
    to_give = await repository.list_nominations(
        region, period, rater_nip=caller.nip, status=APPROVED
    )
    pending = await repository.list_nominations(region, period, status=PENDING)
    to_decide = [
        item for item in pending if await directory.is_ppk_or_delegate(caller, item["nip"], year)
    ]
    return {
        "period": period,
        "requested": [_public(item) for item in requested],
        "to_give": [_public(item) for item in to_give],
        "to_decide": [_public(item) for item in to_decide],
    }
