"""Public API ``/api/v1``: authenticate, then hand the request to the service that owns it.

The gateway holds no domain rules: services validate bodies and decide relationships;
the gateway proves who is calling and keeps the API stable for web and mobile clients.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request, Response

from contracts.vocabulary import Nip, Year
from gateway.upstream import Upstreams
from kit.auth import Caller
from kit.deps import from_app_state

router = APIRouter(prefix="/api/v1")
Upstream = Annotated[Upstreams, Depends(from_app_state("upstreams"))]
JsonBody = Annotated[dict[str, Any], Body()]


@router.get("/me", operation_id="me_get", tags=["auth"])
async def me(caller: Caller) -> dict[str, Any]:
    """Who the token says the caller is."""
    return caller.model_dump(mode="json")


@router.get("/periods", operation_id="periods_list", tags=["periods"])
async def list_periods(caller: Caller, request: Request, upstream: Upstream) -> Response:
    """Performance years of my region, newest first."""
    return await upstream.forward("targets", "GET", "/periods", request)


@router.post("/periods", status_code=201, operation_id="period_open", tags=["periods"])
async def open_period(
    body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Open a performance year with its evaluation cadence (region HR)."""
    return await upstream.forward("targets", "POST", "/periods", request, json=body)


@router.post("/periods/{year}/close", operation_id="period_close", tags=["periods"])
async def close_period(year: int, caller: Caller, request: Request, upstream: Upstream) -> Response:
    """Close a performance year: its plans and reports no longer change (region HR)."""
    return await upstream.forward("targets", "POST", f"/periods/{year}/close", request)


@router.post("/skp", status_code=201, operation_id="skp_create", tags=["skp"])
async def create_skp(
    body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Start my SKP for a year (draft)."""
    return await upstream.forward("targets", "POST", "/skp", request, json=body)


@router.get("/skp", operation_id="skp_mine", tags=["skp"])
async def my_skp(
    year: Annotated[Year, Query()],
    caller: Caller,
    request: Request,
    upstream: Upstream,
    nip: Nip | None = None,
) -> Response:
    """My SKP for a year (or a report's, with ``nip``) with its progress reports."""
    params = {"year": year, "nip": nip}
    return await upstream.forward("targets", "GET", "/skp", request, params=params)


@router.get("/skp/{skp_id}", operation_id="skp_get", tags=["skp"])
async def get_skp(skp_id: str, caller: Caller, request: Request, upstream: Upstream) -> Response:
    """An SKP, for its owner and their PPK."""
    return await upstream.forward("targets", "GET", f"/skp/{skp_id}", request)


@router.post("/skp/{skp_id}/submit", operation_id="skp_submit", tags=["skp"])
async def submit_skp(skp_id: str, caller: Caller, request: Request, upstream: Upstream) -> Response:
    """Send my draft SKP to my PPK."""
    return await upstream.forward("targets", "POST", f"/skp/{skp_id}/submit", request)


@router.put("/skp/{skp_id}", operation_id="skp_edit", tags=["skp"])
async def edit_skp(
    skp_id: str, body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Change my plan while it is a draft, rejected, or under revision."""
    return await upstream.forward("targets", "PUT", f"/skp/{skp_id}", request, json=body)


@router.post("/skp/{skp_id}/reject", operation_id="skp_reject", tags=["skp"])
async def reject_skp(
    skp_id: str, body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Send a subordinate's submitted plan back with a reason (PPK only)."""
    return await upstream.forward("targets", "POST", f"/skp/{skp_id}/reject", request, json=body)


@router.post("/skp/{skp_id}/revise", operation_id="skp_revise", tags=["skp"])
async def revise_skp(
    skp_id: str, body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Reopen my approved plan mid-year, with a reason; it needs approval again."""
    return await upstream.forward("targets", "POST", f"/skp/{skp_id}/revise", request, json=body)


@router.post("/skp/{skp_id}/approve", operation_id="skp_approve", tags=["skp"])
async def approve_skp(
    skp_id: str, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Approve a subordinate's submitted SKP (PPK only)."""
    return await upstream.forward("targets", "POST", f"/skp/{skp_id}/approve", request)


@router.post(
    "/skp/{skp_id}/progress", status_code=201, operation_id="skp_report_progress", tags=["skp"]
)
async def report_progress(
    skp_id: str, body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Report the realisation of one IKI with evidence."""
    return await upstream.forward("targets", "POST", f"/skp/{skp_id}/progress", request, json=body)


@router.post(
    "/assessments", status_code=201, operation_id="assessment_submit", tags=["assessments"]
)
async def submit_assessment(
    body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Rate a subordinate's results and behaviour (PPK only)."""
    return await upstream.forward("feedback", "POST", "/assessments", request, json=body)


@router.get("/scores/{nip}", operation_id="score_get", tags=["scores"])
async def get_score(
    nip: Nip, year: Annotated[Year, Query()], caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """An employee's score with its explanation."""
    return await upstream.forward(
        "scoring", "GET", f"/scores/{nip}", request, params={"year": year}
    )


@router.get("/rewards", operation_id="rewards_list", tags=["rewards"])
async def list_rewards(
    caller: Caller,
    request: Request,
    upstream: Upstream,
    nip: Annotated[Nip | None, Query()] = None,
    year: Annotated[Year | None, Query()] = None,
) -> Response:
    """Rewards of an employee (default: me)."""
    return await upstream.forward(
        "rewards", "GET", "/rewards", request, params={"nip": nip, "year": year}
    )


@router.get("/templates", operation_id="templates_list", tags=["templates"])
async def list_templates(
    caller: Caller, request: Request, upstream: Upstream, sector: str | None = None
) -> Response:
    """Ready IKI templates for a sector (kesehatan, pendidikan, infrastruktur, pelayanan)."""
    return await upstream.forward(
        "targets", "GET", "/templates", request, params={"sector": sector}
    )


@router.get("/monitoring/team", operation_id="monitoring_team", tags=["monitoring"])
async def my_team(
    year: Annotated[Year, Query()], caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """My direct reports: plan status and current achievement."""
    return await upstream.forward(
        "targets", "GET", "/monitoring/team", request, params={"year": year}
    )


@router.get("/monitoring/unplanned", operation_id="monitoring_unplanned", tags=["monitoring"])
async def not_planned(
    year: Annotated[Year, Query()],
    caller: Caller,
    request: Request,
    upstream: Upstream,
    unit_id: str | None = None,
    offset: int = 0,
    limit: int = 50,
) -> Response:
    """Who has no approved plan for the year yet, paginated."""
    params = {"year": year, "unit_id": unit_id, "offset": offset, "limit": limit}
    return await upstream.forward("targets", "GET", "/monitoring/unplanned", request, params=params)


@router.put("/units/{unit_id}/predicate", operation_id="unit_predicate_set", tags=["units"])
async def set_unit_predicate(
    unit_id: str, body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Set a unit's organisation predicate for a period (region HR)."""
    return await upstream.forward(
        "targets", "PUT", f"/units/{unit_id}/predicate", request, json=body
    )


@router.get("/units/{unit_id}/predicate", operation_id="unit_predicate_get", tags=["units"])
async def get_unit_predicate(
    unit_id: str, period: str, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """A unit's organisation predicate for a period."""
    return await upstream.forward(
        "targets", "GET", f"/units/{unit_id}/predicate", request, params={"period": period}
    )


@router.post(
    "/evidence",
    status_code=201,
    operation_id="evidence_upload",
    tags=["evidence"],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def upload_evidence(
    filename: str, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Upload one evidence file as the raw body; cite the returned reference in a report."""
    return await upstream.forward(
        "targets",
        "POST",
        "/evidence",
        request,
        params={"filename": filename},
        content=await request.body(),
    )


@router.get("/evidence/{file_id}", operation_id="evidence_download", tags=["evidence"])
async def download_evidence(
    file_id: str, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """An evidence file, for its uploader, their PPK and region HR."""
    return await upstream.forward("targets", "GET", f"/evidence/{file_id}", request)


@router.get("/monitoring/unreported", operation_id="monitoring_unreported", tags=["monitoring"])
async def not_reported(
    year: Annotated[Year, Query()],
    period: str,
    caller: Caller,
    request: Request,
    upstream: Upstream,
    unit_id: str | None = None,
    offset: int = 0,
    limit: int = 50,
) -> Response:
    """Who has an approved plan but has not reported every IKI for a period, paginated."""
    params = {"year": year, "period": period, "unit_id": unit_id, "offset": offset, "limit": limit}
    return await upstream.forward(
        "targets", "GET", "/monitoring/unreported", request, params=params
    )


@router.put("/delegations/{year}", operation_id="delegation_set", tags=["delegations"])
async def set_delegation(
    year: int, body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Name a delegate PPK for the year (the PPK, or region HR with ``ppk_nip``)."""
    return await upstream.forward("targets", "PUT", f"/delegations/{year}", request, json=body)


@router.delete("/delegations/{year}", operation_id="delegation_withdraw", tags=["delegations"])
async def withdraw_delegation(
    year: int, caller: Caller, request: Request, upstream: Upstream, ppk_nip: Nip | None = None
) -> Response:
    """End the year's delegation (the PPK, or region HR with ``ppk_nip``)."""
    return await upstream.forward(
        "targets", "DELETE", f"/delegations/{year}", request, params={"ppk_nip": ppk_nip}
    )


@router.get("/delegations", operation_id="delegation_list", tags=["delegations"])
async def list_delegations(
    year: Annotated[Year, Query()], caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """The year's delegations the caller gave or received (region HR: the whole region)."""
    return await upstream.forward("targets", "GET", "/delegations", request, params={"year": year})


@router.get("/planning/{year}/links", operation_id="planning_links", tags=["skp"])
async def planning_links(
    year: int, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """What my RHK may link to this year, or why not yet and who must act."""
    return await upstream.forward("targets", "GET", f"/planning/{year}/links", request)


@router.put("/skp/{skp_id}/expectations", operation_id="skp_expectations_set", tags=["skp"])
async def set_expectations(
    skp_id: str, body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Special BerAKHLAK expectations for a report's plan (PPK or delegate)."""
    return await upstream.forward(
        "targets", "PUT", f"/skp/{skp_id}/expectations", request, json=body
    )


@router.put("/units/{unit_id}/goals/{year}", operation_id="unit_goals_set", tags=["units"])
async def set_unit_goals(
    unit_id: str, year: int, body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Set a unit's goals for a year (region HR or the unit's admin)."""
    return await upstream.forward(
        "targets", "PUT", f"/units/{unit_id}/goals/{year}", request, json=body
    )


@router.get("/units/{unit_id}/goals/{year}", operation_id="unit_goals_get", tags=["units"])
async def get_unit_goals(
    unit_id: str, year: int, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """A unit's goals for a year."""
    return await upstream.forward("targets", "GET", f"/units/{unit_id}/goals/{year}", request)


@router.get("/monitoring/cascade", operation_id="monitoring_cascade", tags=["monitoring"])
async def cascade_tree(
    year: Annotated[Year, Query()],
    caller: Caller,
    request: Request,
    upstream: Upstream,
    unit_id: str | None = None,
) -> Response:
    """The cascade tree of a unit and its sub-units (nodes and edges), with split warnings."""
    params = {"year": year, "unit_id": unit_id}
    return await upstream.forward("targets", "GET", "/monitoring/cascade", request, params=params)
