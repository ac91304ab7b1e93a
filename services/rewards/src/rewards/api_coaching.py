"""Coaching plans (pembinaan): the coach records sessions and checks, the coachee gives feedback."""

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict

from contracts.vocabulary import CoachingKind, CoachingStep, Nip
from kit.auth import Caller, Principal, Role
from kit.deps import from_app_state
from kit.directory import Directory
from kit.problems import DomainProblem
from rewards.bilingual import Refusal
from rewards.coaching import (
    CoachingPlan,
    CompetencyCheck,
    Note,
    Session,
    SessionFeedback,
    record_check,
    record_feedback,
    record_session,
)
from rewards.coaching_book import FOLLOWED_UP, OPEN, CoachingBook
from rewards.people import names_of
from rewards.problems import refused

router = APIRouter(prefix="/rewards/coaching", tags=["coaching"])
Book = Annotated[CoachingBook, Depends(from_app_state("coaching"))]
OVERSEERS = (Role.REGION_ADMIN, Role.AUDITOR)


class SessionRequest(BaseModel):
    """A session the coach held, with notes."""

    model_config = ConfigDict(extra="forbid")

    held_on: date
    kind: CoachingKind
    notes: Note


@router.get("", operation_id="coaching_list")
async def list_plans(
    caller: Caller,
    book: Book,
    directory: Directory,
    status: Annotated[Literal["open", "followed_up"] | None, Query()] = None,
    nip: Annotated[Nip | None, Query()] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> dict[str, Any]:
    """Plans I coach or follow; region HR and auditors see the region's overview."""
    query: dict[str, Any] = {"region": caller.region}
    if not any(caller.has(role) for role in OVERSEERS):
        query["$or"] = [{"nip": caller.nip}, {"coach_nip": caller.nip}]
    if status is not None:
        query["status"] = OPEN if status == "open" else FOLLOWED_UP
    if nip is not None:
        query["nip"] = nip
    page = await book.listing(query, skip=offset, limit=limit)
    mentioned = [nip for item in page["items"] for nip in (item["nip"], item["coach_nip"])]
    names = await names_of(directory, caller.region, mentioned)
    for item in page["items"]:
        item["name"], item["coach_name"] = (
            names.get(item["nip"], ""),
            names.get(item["coach_nip"], ""),
        )
    return page


@router.get("/{plan_id}", operation_id="coaching_get")
async def get_plan(plan_id: str, caller: Caller, book: Book) -> dict[str, Any]:
    """A plan with its goals, sessions, feedback, checks and the next result."""
    plan = await _visible(book, plan_id, caller)
    return plan.model_dump(mode="json")


@router.post("/{plan_id}/sessions", status_code=201, operation_id="coaching_session_add")
async def add_session(
    plan_id: str, body: SessionRequest, caller: Caller, book: Book
) -> dict[str, Any]:
    """The coach records a session; its id is given here (``sesi-1``, ``sesi-2``...)."""
    plan = await _visible(book, plan_id, caller)
    _require(caller.nip == plan.coach_nip, "Hanya pembina rencana ini", "Only this plan's coach")

    def add(current: CoachingPlan) -> CoachingPlan:
        session_id = f"sesi-{len(current.sessions) + 1}"
        return record_session(current, Session(session_id=session_id, **body.model_dump()))

    return await _step(book, plan_id, CoachingStep.SESSION_HELD, add)


@router.post("/{plan_id}/feedback", status_code=201, operation_id="coaching_feedback_add")
async def add_feedback(
    plan_id: str, body: SessionFeedback, caller: Caller, book: Book
) -> dict[str, Any]:
    """The coachee says how helpful a session was (1-5), once per session."""
    plan = await _visible(book, plan_id, caller)
    _require(caller.nip == plan.nip, "Hanya pegawai yang dibina", "Only the coachee")
    return await _step(
        book, plan_id, CoachingStep.FEEDBACK_GIVEN, lambda current: record_feedback(current, body)
    )


@router.post("/{plan_id}/checks", status_code=201, operation_id="coaching_check_add")
async def add_check(
    plan_id: str, body: CompetencyCheck, caller: Caller, book: Book
) -> dict[str, Any]:
    """The coach records a competency check, 1-5 per competency."""
    plan = await _visible(book, plan_id, caller)
    _require(caller.nip == plan.coach_nip, "Hanya pembina rencana ini", "Only this plan's coach")
    return await _step(
        book, plan_id, CoachingStep.COMPETENCY_CHECKED, lambda current: record_check(current, body)
    )


async def _visible(book: CoachingBook, plan_id: str, caller: Principal) -> CoachingPlan:
    """The plan, if it is the caller's (coachee or coach) or they oversee the region."""
    plan = await book.get(plan_id)
    if plan is None or plan.region != caller.region:
        raise DomainProblem(
            404, field="plan_id", reason_id="Rencana tidak ditemukan", reason_en="No such plan"
        )
    overseer = any(caller.has(role) for role in OVERSEERS)
    _require(
        overseer or caller.nip in (plan.nip, plan.coach_nip),
        "Hanya pegawai ybs., pembinanya, atau admin wilayah",
        "Only the coachee, their coach, or region HR",
    )
    return plan


async def _step(book: CoachingBook, plan_id: str, step: CoachingStep, apply: Any) -> dict[str, Any]:
    try:
        changed = await book.change(plan_id, step, apply)
    except Refusal as refusal:
        raise refused(refusal) from refusal
    assert changed is not None  # _visible found it, and plans are never deleted
    return changed.model_dump(mode="json")


def _require(allowed: bool, reason_id: str, reason_en: str) -> None:
    if not allowed:
        raise DomainProblem(403, reason_id=reason_id, reason_en=reason_en)
