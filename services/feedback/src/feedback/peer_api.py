"""HTTP API of 360 feedback: colleagues answer per BerAKHLAK value, employees see k-anonymous sums.

No raw rater NIP is stored: an answer's ``_id`` is a keyed hash of rater, ratee and period
(one answer per rater, edited with PUT), and the rater appears only as a pseudonym.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from contracts import FeedbackSubmitted
from contracts.berakhlak import CORE_VALUES
from contracts.vocabulary import FeedbackSource, Nip, Period
from feedback import peer_rules
from feedback.anonymity import Anonymity, summarize
from feedback.api import PRODUCER, Repository
from feedback.documents import FeedbackForm, year_of
from feedback.repository import FeedbackRepository
from kit.auth import Caller, Principal
from kit.deps import from_app_state
from kit.directory import Directory
from kit.periods import Periods

router = APIRouter(prefix="/feedback", tags=["feedback"])
Rules = Annotated[Anonymity, Depends(from_app_state("anonymity"))]


@router.get("/values", operation_id="feedback_values")
async def list_values(caller: Caller) -> dict[str, Any]:
    """The 7 BerAKHLAK values with their official behaviour guides: what the 360 form asks."""
    return {
        "scale": {"min": 1, "max": 5},
        "items": [
            {
                "value": value,
                "label": core.label,
                "label_en": core.label_en,
                "guides": list(core.guides),
                "guides_en": list(core.guides_en),
            }
            for value, core in CORE_VALUES.items()
        ],
    }


async def _answer(
    body: FeedbackForm,
    caller: Principal,
    repository: FeedbackRepository,
    directory: Any,
    rules: Anonymity,
) -> tuple[FeedbackSubmitted, dict[str, Any]]:
    """Check the rater's eligibility; the answer's event and stored values (no rater NIP)."""
    region, year = caller.region, year_of(body.period)
    ratee = peer_rules.check_ratee(await directory.get(region, body.nip))
    rater = await directory.get(region, caller.nip)
    unit = await directory.unit(region, ratee["unit_id"]) if "unit_id" in ratee else None
    nominated = (
        body.source == FeedbackSource.PEER
        and rater is not None
        and await repository.is_nominated(region, body.nip, caller.nip, body.period)
    )
    peer_rules.check_eligible(body.source, rater, ratee, unit, nominated=nominated)
    pseudonyms = rules.pseudonyms
    event = FeedbackSubmitted(
        region=region,
        producer=PRODUCER,
        feedback_id=pseudonyms.submission_id(region, caller.nip, body.nip, body.period),
        nip=body.nip,
        year=year,
        period=body.period,
        source=body.source,
        rater_ref=pseudonyms.rater_ref(region, caller.nip),
        scores=body.scores,
    )
    values = {
        "region": region,
        "nip": body.nip,
        "year": year,
        "period": body.period,
        "source": body.source.value,
        "rater_ref": event.rater_ref,
        "scores": {value.value: score for value, score in body.scores.items()},
        "strengths": body.strengths.strip(),
        "improve": body.improve.strip(),
        "updated_at": event.occurred_at,
    }
    return event, values


@router.post("", status_code=201, operation_id="feedback_submit")
async def submit_feedback(
    body: FeedbackForm,
    caller: Caller,
    repository: Repository,
    directory: Directory,
    periods: Periods,
    rules: Rules,
) -> dict[str, Any]:
    """Give one's answer about a colleague once (409 after); publishes ``feedback.submitted``."""
    event, values = await _answer(body, caller, repository, directory, rules)
    await periods.require_open(caller.region, event.year)
    await repository.add_peer_feedback(
        event.feedback_id, values | {"submitted_at": event.occurred_at}, event
    )
    return {"feedback_id": event.feedback_id, "edited": False}


@router.put("", operation_id="feedback_edit")
async def edit_feedback(
    body: FeedbackForm,
    caller: Caller,
    repository: Repository,
    directory: Directory,
    periods: Periods,
    rules: Rules,
) -> dict[str, Any]:
    """Change one's answer while the year is open; publishes ``feedback.submitted`` again."""
    event, values = await _answer(body, caller, repository, directory, rules)
    await periods.require_open(caller.region, event.year)
    await repository.edit_peer_feedback(event.feedback_id, values, event)
    return {"feedback_id": event.feedback_id, "edited": True}


@router.get("/summary", operation_id="feedback_summary")
async def feedback_summary(
    nip: Annotated[Nip, Query()],
    period: Annotated[Period, Query()],
    caller: Caller,
    repository: Repository,
    directory: Directory,
    rules: Rules,
) -> dict[str, Any]:
    """What others said about an employee in a period: per group, only when k answered."""
    await directory.require_self_ppk_or_hr(caller, nip, year_of(period))
    answers = await repository.peer_feedback_about(caller.region, nip, period)
    return {"nip": nip, "period": period} | summarize(answers, rules.k, with_self=True)


@router.get("/given", operation_id="feedback_given")
async def feedback_given(
    caller: Caller,
    repository: Repository,
    directory: Directory,
    rules: Rules,
    period: Annotated[Period | None, Query()] = None,
) -> dict[str, Any]:
    """The caller's own answers (so they can edit them until the year closes)."""
    rater_ref = rules.pseudonyms.rater_ref(caller.region, caller.nip)
    found = await repository.peer_feedback_given(caller.region, rater_ref, period)
    items = []
    for item in found:
        ratee = await directory.get(caller.region, item["nip"])
        item.pop("rater_ref", None)
        item.pop("region", None)
        name = "" if ratee is None else ratee.get("name", "")
        items.append({"feedback_id": item.pop("_id"), "name": name} | item)
    return {"items": items}
