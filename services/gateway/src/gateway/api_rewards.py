"""Public API ``/api/v1`` of the rewards service: awards, runs, rules, coaching, exports, board."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from contracts.vocabulary import Nip, Period, Region, Year
from gateway.api import JsonBody
from gateway.rate_limits import citizen_rate_limit
from gateway.upstream import Upstreams, segment
from kit.auth import Caller
from kit.deps import from_app_state

router = APIRouter(prefix="/api/v1", tags=["rewards"])
Upstream = Annotated[Upstreams, Depends(from_app_state("upstreams"))]
PlanId = Annotated[str, Path(min_length=1, max_length=80)]


@router.get("/rewards", operation_id="rewards_list")
async def list_rewards(
    caller: Caller,
    request: Request,
    upstream: Upstream,
    nip: Annotated[Nip | None, Query()] = None,
    year: Annotated[Year | None, Query()] = None,
) -> Response:
    """Awards of an employee (default: me), granted and revoked."""
    params = {"nip": nip, "year": year}
    return await upstream.forward("rewards", "GET", "/rewards", request, params=params)


@router.get("/rewards/awards/{award_id}/certificate.pdf", operation_id="reward_certificate")
async def reward_certificate(
    award_id: Annotated[str, Path(min_length=1, max_length=80)],
    caller: Caller,
    request: Request,
    upstream: Upstream,
) -> Response:
    """The printable certificate (PDF) of a standing award: the winner, their PPK, region HR."""
    path = f"/rewards/awards/{segment(award_id)}/certificate.pdf"
    return await upstream.forward("rewards", "GET", path, request)


@router.post("/rewards/runs", operation_id="rewards_run")
async def run_rewards(
    body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Compute a closed period's awards (region HR); running it again grants nothing twice."""
    return await upstream.forward("rewards", "POST", "/rewards/runs", request, json=body)


@router.get("/rewards/runs", operation_id="rewards_runs_list")
async def list_reward_runs(
    caller: Caller,
    request: Request,
    upstream: Upstream,
    year: Annotated[Year | None, Query()] = None,
) -> Response:
    """The region's award runs, newest period first (region HR, auditors)."""
    return await upstream.forward("rewards", "GET", "/rewards/runs", request, params={"year": year})


@router.get("/rewards/runs/{period}", operation_id="rewards_run_get")
async def get_reward_run(
    period: Period, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """One period's last run and its awards, granted and revoked (region HR, auditors)."""
    return await upstream.forward("rewards", "GET", f"/rewards/runs/{period}", request)


@router.get("/rewards/rules", operation_id="rewards_rules_get")
async def reward_rules(caller: Caller, request: Request, upstream: Upstream) -> Response:
    """The region's active reward rules and earlier versions (region HR, auditors)."""
    return await upstream.forward("rewards", "GET", "/rewards/rules", request)


@router.post("/rewards/rules/preview", operation_id="rewards_rules_preview")
async def preview_reward_rules(
    body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Who would win a period under a rule file versus the active version (region HR)."""
    return await upstream.forward("rewards", "POST", "/rewards/rules/preview", request, json=body)


@router.post("/rewards/rules", status_code=201, operation_id="rewards_rules_publish")
async def publish_reward_rules(
    body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Publish a rule file as the active version; a refused file changes nothing (region HR)."""
    return await upstream.forward("rewards", "POST", "/rewards/rules", request, json=body)


@router.get("/rewards/talent-pool", operation_id="rewards_talent_pool")
async def talent_pool(caller: Caller, request: Request, upstream: Upstream) -> Response:
    """The region's talent pool now (region HR, auditors)."""
    return await upstream.forward("rewards", "GET", "/rewards/talent-pool", request)


@router.get("/rewards/exports/allowance", operation_id="rewards_allowance_export")
async def allowance_export(
    caller: Caller,
    request: Request,
    upstream: Upstream,
    period: Annotated[Period, Query()],
    format: Annotated[str, Query(pattern="^(csv|xlsx)$")] = "csv",
) -> Response:
    """A month's TPP split and angka kredit per employee as CSV or XLSX (region HR)."""
    params = {"period": period, "format": format}
    return await upstream.forward(
        "rewards", "GET", "/rewards/exports/allowance", request, params=params
    )


@router.post("/rewards/tpp-bases", operation_id="rewards_tpp_bases_upload")
async def upload_tpp_bases(
    body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Payroll's base TPP per employee as CSV text (region HR); a bad line refuses the file."""
    return await upstream.forward("rewards", "POST", "/rewards/tpp-bases", request, json=body)


@router.get("/rewards/coaching", operation_id="coaching_list", tags=["coaching"])
async def list_coaching_plans(caller: Caller, request: Request, upstream: Upstream) -> Response:
    """Coaching plans I coach or follow; region HR sees the overview (filters: status, nip)."""
    params = dict(request.query_params)
    return await upstream.forward("rewards", "GET", "/rewards/coaching", request, params=params)


@router.get("/rewards/coaching/{plan_id}", operation_id="coaching_get", tags=["coaching"])
async def get_coaching_plan(
    plan_id: PlanId, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """A coaching plan with goals, sessions, feedback, checks and the next result."""
    return await upstream.forward(
        "rewards", "GET", f"/rewards/coaching/{segment(plan_id)}", request
    )


@router.post(
    "/rewards/coaching/{plan_id}/{step}",
    status_code=201,
    operation_id="coaching_step_add",
    tags=["coaching"],
)
async def add_coaching_step(
    plan_id: PlanId,
    step: Annotated[str, Path(pattern="^(sessions|feedback|checks)$")],
    body: JsonBody,
    caller: Caller,
    request: Request,
    upstream: Upstream,
) -> Response:
    """Record a session or check (the coach) or feedback on a session (the coachee)."""
    path = f"/rewards/coaching/{segment(plan_id)}/{step}"
    return await upstream.forward("rewards", "POST", path, request, json=body)


@router.get(
    "/public/rewards/board/{region}",
    operation_id="rewards_board",
    dependencies=[Depends(citizen_rate_limit)],
)
async def rewards_board(
    region: Region,
    request: Request,
    upstream: Upstream,
    period: Annotated[Period | None, Query()] = None,
) -> Response:
    """The region's public "ASN Terbaik" board (no login): winners and their strengths."""
    path = f"/public/rewards/board/{region}"
    return await upstream.forward(
        "rewards", "GET", path, request, params={"period": period}, public=True
    )
