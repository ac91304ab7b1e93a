"""HTTP API of PPK assessments: the PPK or delegate rates; after the deadline the atasan PPK."""

from typing import Annotated, Any
from uuid import uuid4

from fastapi import APIRouter, Depends, Query

from contracts import AssessmentSubmitted
from contracts.vocabulary import Nip, Year
from feedback import service
from feedback.documents import AssessmentForm
from feedback.repository import FeedbackRepository
from feedback.service import AssessmentTerms, Authority
from kit.auth import Caller, Principal
from kit.deps import from_app_state
from kit.directory import Directory, EmployeeDirectory
from kit.periods import Periods
from kit.problems import DomainProblem

router = APIRouter(prefix="/assessments", tags=["assessments"])
PRODUCER = "feedback"


Repository = Annotated[FeedbackRepository, Depends(from_app_state("repository"))]
Terms = Annotated[AssessmentTerms, Depends(from_app_state("assessment_terms"))]


async def atasan_of(directory: EmployeeDirectory, region: str, ppk_nip: str | None) -> str | None:
    """The PPK's own supervisor (the atasan PPK), if the directory names one."""
    ppk = await directory.get(region, ppk_nip) if ppk_nip is not None else None
    return None if ppk is None else ppk.get("supervisor_nip")


async def authority(
    caller: Principal,
    ratee: dict[str, Any],
    body: AssessmentForm,
    directory: EmployeeDirectory,
    terms: AssessmentTerms,
) -> Authority:
    """PPK or delegate (also late, until overtaken); else the atasan PPK after the deadline."""
    deadline, today = terms.ppk_deadline(body.period), terms.today()
    acting = await directory.acting_ppk(caller, body.nip, body.year)
    if acting is not None:
        return service.as_ppk(caller.nip, acting, deadline, today)
    ppk_nip = ratee.get("supervisor_nip")
    atasan = await atasan_of(directory, caller.region, ppk_nip)
    return service.as_atasan(caller, ppk_nip, atasan, deadline, today)


@router.post("", status_code=201, operation_id="assessment_submit")
async def submit_assessment(
    body: AssessmentForm,
    caller: Caller,
    repository: Repository,
    directory: Directory,
    periods: Periods,
    terms: Terms,
) -> dict[str, Any]:
    """The PPK rates results and behaviour, which publishes ``assessment.submitted``."""
    ratee = service.check_ratee(caller.nip, await directory.get(caller.region, body.nip))
    acts = await authority(caller, ratee, body, directory, terms)
    await periods.require_open(caller.region, body.year)
    assessment_id = str(uuid4())
    event = AssessmentSubmitted(
        region=caller.region,
        producer=PRODUCER,
        assessment_id=assessment_id,
        rater_nip=caller.nip,
        final=acts.final,
        on_behalf_of=acts.on_behalf_of,
        **body.model_dump(),
    )
    values = body.model_dump(mode="json") | {
        "region": caller.region,
        "rater_nip": caller.nip,
        "assessment_id": assessment_id,
        "at": event.occurred_at,
        "final": acts.final,
        "on_behalf_of": acts.on_behalf_of,
        "late": acts.late,
        "deadline": terms.ppk_deadline(body.period).isoformat(),
    }
    key = f"{caller.region}-{body.nip}-{body.period}"
    await repository.save_assessment(key, values, event, overtakes_final=acts.final)
    return {"assessment_id": assessment_id, "final": acts.final, "on_behalf_of": acts.on_behalf_of}


async def require_reader(
    caller: Principal, nip: str, year: int, directory: EmployeeDirectory
) -> None:
    """The employee, their PPK or delegate, region HR, or the atasan PPK (403 otherwise)."""
    try:
        await directory.require_self_ppk_or_hr(caller, nip, year)
    except DomainProblem:
        employee = await directory.get(caller.region, nip)
        ppk_nip = None if employee is None else employee.get("supervisor_nip")
        if ppk_nip is None or await atasan_of(directory, caller.region, ppk_nip) != caller.nip:
            raise


@router.get("", operation_id="assessment_list")
async def list_assessments(
    nip: Annotated[Nip, Query()],
    year: Annotated[Year, Query()],
    caller: Caller,
    repository: Repository,
    directory: Directory,
    terms: Terms,
) -> dict[str, Any]:
    """An employee's latest rating per period of the year, each with its history and deadline."""
    await require_reader(caller, nip, year, directory)
    found = await repository.list_assessments(caller.region, nip, year)
    today = terms.today()
    items = []
    for item in found:
        deadline = terms.ppk_deadline(item["period"])
        items.append(
            {"assessment_key": item.pop("_id")}
            | item
            | {"deadline": deadline.isoformat(), "deadline_passed": today > deadline}
        )
    return {"nip": nip, "year": year, "items": items}
