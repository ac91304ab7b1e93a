"""Pembinaan: coaching plans opened by weak final results, followed to the next result.

Region HR and auditors see the region's overview, a PPK the plans they coach, an employee
their own. The coach records sessions and competency checks, the coachee says how helpful
each session was; the rewards service decides who may do what.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import RedirectResponse

from gateway.upstream import segment
from gateway.webui.calls import Answer, call, fetch
from gateway.webui.coaching_form import (
    CHECK_ROWS,
    awaiting_feedback,
    check_body,
    feedback_by_session,
)
from gateway.webui.csrf import verify
from gateway.webui.forms import Form, present, read_form, whole
from gateway.webui.i18n import Translator, language
from gateway.webui.rendering import render
from gateway.webui.routing import WebRoute
from gateway.webui.session import require_user
from kit.auth import Role

router = APIRouter(route_class=WebRoute, include_in_schema=False)
PAGE = 20
STATUSES = ("open", "followed_up")
OVERSEERS = (Role.REGION_ADMIN, Role.AUDITOR)
SCALE = range(1, 6)


@router.get("/pembinaan")
async def coaching_plans(
    request: Request, status: str = "", offset: Annotated[int, Query(ge=0)] = 0
) -> Response:
    """The plans I coach or follow (the region's for HR), filtered by status, a page at a time."""
    user = require_user(request)
    chosen = status if status in STATUSES else None
    found = await fetch(
        request, "rewards", "/rewards/coaching", status=chosen, offset=offset, limit=PAGE
    )
    return render(
        request,
        "coaching/plans.html",
        plans=found.get("items", []),
        total=int(found.get("total") or 0),
        offset=offset,
        limit=PAGE,
        chosen_status=chosen or "",
        statuses=STATUSES,
        overview=any(user.has(role) for role in OVERSEERS),
    )


def _plan_path(plan_id: str) -> str:
    return f"/rewards/coaching/{segment(plan_id)}"


async def _listed(request: Request, plan: dict[str, Any]) -> dict[str, Any]:
    """The plan as the coachee's list shows it: only lists name the coachee and the coach."""
    answer = await call(
        request, "rewards", "GET", "/rewards/coaching", params={"nip": plan["nip"], "limit": 100}
    )
    items = answer.body.get("items", []) if answer.ok else []
    return next((item for item in items if item.get("plan_id") == plan["plan_id"]), {})


async def _plan_page(
    request: Request, plan_id: str, forms: dict[str, Form] | None = None, status: int = 200
) -> Response:
    user = require_user(request)
    t = Translator(language(request))
    plan = await fetch(request, "rewards", _plan_path(plan_id))
    return render(
        request,
        "coaching/plan.html",
        status=status,
        plan=plan,
        listed=await _listed(request, plan),
        is_coach=user.nip == plan.get("coach_nip"),
        is_coachee=user.nip == plan.get("nip"),
        sessions_to_rate=[
            (item["session_id"], f"{item['held_on']} · {t('coaching_kind.' + item['kind'])}")
            for item in awaiting_feedback(plan)
        ],
        scale=[(str(score), f"{score} · {t(f'scale5.{score}')}") for score in SCALE],
        feedback=feedback_by_session(plan),
        kinds=[track["kind"] for track in plan.get("tracks", [])],
        check_rows=range(CHECK_ROWS),
        today=datetime.now(UTC).date().isoformat(),
        forms=forms or {},
    )


@router.get("/pembinaan/{plan_id}")
async def coaching_plan(request: Request, plan_id: str) -> Response:
    """A plan: goals, sessions with feedback, checks, the follow-up date and the next result."""
    require_user(request)
    return await _plan_page(request, plan_id)


def _as_sent(answer: Answer) -> Answer:
    return answer


async def _record(
    request: Request,
    plan_id: str,
    step: str,
    body: dict[str, object],
    form: Form,
    name: str,
    shown: Callable[[Answer], Answer] = _as_sent,
) -> Response:
    """Send one step of the plan; on success back to the plan, else the form with its errors."""
    answer = await call(request, "rewards", "POST", f"{_plan_path(plan_id)}/{step}", json_body=body)
    if answer.ok:
        return RedirectResponse(
            f"/pembinaan/{segment(plan_id)}?done={name}#{name}", status_code=303
        )
    form.refuse(shown(answer), Translator(language(request)))
    return await _plan_page(request, plan_id, {name: form}, answer.status)


@router.post("/pembinaan/{plan_id}/sesi", dependencies=[Depends(verify)])
async def add_session(request: Request, plan_id: str) -> Response:
    """The coach records a session held, its kind and notes."""
    require_user(request)
    form = await read_form(request)
    body = present(
        held_on=form.value("held_on"), kind=form.value("kind"), notes=form.value("notes")
    )
    return await _record(request, plan_id, "sessions", body, form, "session")


@router.post("/pembinaan/{plan_id}/umpan-balik", dependencies=[Depends(verify)])
async def add_feedback(request: Request, plan_id: str) -> Response:
    """The coachee says how helpful a session was (1-5), with a comment."""
    require_user(request)
    form = await read_form(request)
    body = present(
        session_id=form.value("session_id"),
        helpful=whole(form.value("helpful")),
        comment=form.value("comment"),
    )
    return await _record(request, plan_id, "feedback", body, form, "feedback")


@router.post("/pembinaan/{plan_id}/pemeriksaan", dependencies=[Depends(verify)])
async def add_check(request: Request, plan_id: str) -> Response:
    """The coach records a competency check: a few competencies, each 1-5."""
    require_user(request)
    form = await read_form(request)
    check = check_body(form)
    return await _record(request, plan_id, "checks", check.body, form, "check", check.shown)
