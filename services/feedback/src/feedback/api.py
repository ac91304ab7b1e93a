"""HTTP API of the feedback service (called by the gateway)."""

from typing import Annotated, Any
from uuid import uuid4

from fastapi import APIRouter, Depends

from contracts import AssessmentSubmitted, utc_now
from feedback import service
from feedback.documents import AssessmentForm
from feedback.repository import FeedbackRepository
from kit.auth import Caller
from kit.deps import from_app_state
from kit.directory import Directory

router = APIRouter(prefix="/assessments", tags=["assessments"])
PRODUCER = "feedback"


Repository = Annotated[FeedbackRepository, Depends(from_app_state("repository"))]


@router.post("", status_code=201, operation_id="assessment_submit")
async def submit_assessment(
    body: AssessmentForm,
    caller: Caller,
    repository: Repository,
    directory: Directory,
) -> dict[str, Any]:
    """The PPK rates results and behaviour, which publishes ``assessment.submitted``."""
    service.check_rater(caller.nip, await directory.get(caller.region, body.nip))
    assessment_id = str(uuid4())
    event = AssessmentSubmitted(
        region=caller.region,
        producer=PRODUCER,
        assessment_id=assessment_id,
        rater_nip=caller.nip,
        **body.model_dump(),
    )
    values = body.model_dump(mode="json") | {
        "region": caller.region,
        "rater_nip": caller.nip,
        "assessment_id": assessment_id,
        "at": utc_now(),
    }
    await repository.save_assessment(f"{caller.region}-{body.nip}-{body.period}", values, event)
    return {"assessment_id": assessment_id}
