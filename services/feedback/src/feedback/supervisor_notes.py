"""HTTP API of continuous supervisor feedback: scheduled and incidental entries by the PPK.

Supervisor feedback is not anonymous: the employee sees every entry with its author.
"""

from typing import Annotated, Any
from uuid import uuid4

from fastapi import APIRouter, Query

from contracts import SupervisorFeedbackRecorded
from contracts.vocabulary import Nip, Year
from feedback import service
from feedback.api import PRODUCER, Repository
from feedback.documents import SupervisorNoteForm, year_of
from kit.auth import Caller
from kit.directory import Directory
from kit.periods import Periods

router = APIRouter(prefix="/supervisor-notes", tags=["supervisor-notes"])


@router.post("", status_code=201, operation_id="supervisor_note_record")
async def record_note(
    body: SupervisorNoteForm,
    caller: Caller,
    repository: Repository,
    directory: Directory,
    periods: Periods,
) -> dict[str, Any]:
    """The PPK or delegate records feedback; publishes ``supervisor_feedback.recorded``."""
    year = year_of(body.period)
    service.check_ratee(caller.nip, await directory.get(caller.region, body.nip))
    on_behalf_of = await directory.require_ppk_or_delegate(caller, body.nip, year)
    await periods.require_open(caller.region, year)
    event = SupervisorFeedbackRecorded(
        region=caller.region,
        producer=PRODUCER,
        entry_id=str(uuid4()),
        rater_nip=caller.nip,
        year=year,
        **body.model_dump(),
    )
    document = body.model_dump(mode="json") | {
        "_id": event.entry_id,
        "region": caller.region,
        "year": year,
        "rater_nip": caller.nip,
        "on_behalf_of": on_behalf_of,
        "at": event.occurred_at,
    }
    await repository.add_supervisor_note(document, event)
    return {"entry_id": event.entry_id}


@router.get("", operation_id="supervisor_note_list")
async def list_notes(
    nip: Annotated[Nip, Query()],
    year: Annotated[Year, Query()],
    caller: Caller,
    repository: Repository,
    directory: Directory,
) -> dict[str, Any]:
    """An employee's feedback entries of the year (for the employee, their PPK, region HR)."""
    await directory.require_self_ppk_or_hr(caller, nip, year)
    found = await repository.list_supervisor_notes(caller.region, nip, year)
    items = [{"entry_id": item.pop("_id")} | item for item in found]
    return {
        "nip": nip,
        "year": year,
        "items": items,
        "scheduled": sum(1 for item in items if item["scheduled"]),
    }
