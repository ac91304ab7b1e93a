"""Public API ``/api/v1``: authenticate, then hand the request to the service that owns it.

The gateway holds no domain rules: services validate bodies and decide relationships;
the gateway proves who is calling and keeps the API stable for web and mobile clients.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request, Response

from contracts.vocabulary import Nip, Year
from gateway.rate_limits import citizen_rate_limit
from gateway.security_headers import PRINTABLE_CSP
from gateway.upstream import Upstreams, segment
from kit.auth import Caller
from kit.deps import from_app_state

router = APIRouter(prefix="/api/v1")
Upstream = Annotated[Upstreams, Depends(from_app_state("upstreams"))]
JsonBody = Annotated[dict[str, Any], Body()]
# Routes whose body is a file: they get the larger upload size limit.
UPLOAD_PATHS = frozenset({"/api/v1/evidence"})


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
    return await upstream.forward("targets", "GET", f"/skp/{segment(skp_id)}", request)


@router.post("/skp/{skp_id}/submit", operation_id="skp_submit", tags=["skp"])
async def submit_skp(skp_id: str, caller: Caller, request: Request, upstream: Upstream) -> Response:
    """Send my draft SKP to my PPK."""
    return await upstream.forward("targets", "POST", f"/skp/{segment(skp_id)}/submit", request)


@router.put("/skp/{skp_id}", operation_id="skp_edit", tags=["skp"])
async def edit_skp(
    skp_id: str, body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Change my plan while it is a draft, rejected, or under revision."""
    return await upstream.forward("targets", "PUT", f"/skp/{segment(skp_id)}", request, json=body)


@router.post("/skp/{skp_id}/reject", operation_id="skp_reject", tags=["skp"])
async def reject_skp(
    skp_id: str, body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Send a subordinate's submitted plan back with a reason (PPK only)."""
    return await upstream.forward(
        "targets", "POST", f"/skp/{segment(skp_id)}/reject", request, json=body
    )


@router.post("/skp/{skp_id}/revise", operation_id="skp_revise", tags=["skp"])
async def revise_skp(
    skp_id: str, body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Reopen my approved plan mid-year, with a reason; it needs approval again."""
    return await upstream.forward(
        "targets", "POST", f"/skp/{segment(skp_id)}/revise", request, json=body
    )


@router.post("/skp/{skp_id}/approve", operation_id="skp_approve", tags=["skp"])
async def approve_skp(
    skp_id: str, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Approve a subordinate's submitted SKP (PPK only)."""
    return await upstream.forward("targets", "POST", f"/skp/{segment(skp_id)}/approve", request)


@router.post(
    "/skp/{skp_id}/progress", status_code=201, operation_id="skp_report_progress", tags=["skp"]
)
async def report_progress(
    skp_id: str, body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Report the realisation of one IKI with evidence."""
    return await upstream.forward(
        "targets", "POST", f"/skp/{segment(skp_id)}/progress", request, json=body
    )


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
    """An employee's score with its receipt (``formula_version``: recompute under another)."""
    return await upstream.forward(
        "scoring", "GET", f"/scores/{nip}", request, params=dict(request.query_params)
    )


@router.get("/units/{unit_id}/quality", operation_id="unit_quality_get", tags=["scores"])
async def unit_quality(
    unit_id: str,
    year: Annotated[Year, Query()],
    caller: Caller,
    request: Request,
    upstream: Upstream,
) -> Response:
    """A unit's IKM per element and band, per period, and its complaint signals."""
    return await upstream.forward(
        "scoring", "GET", f"/units/{segment(unit_id)}/quality", request, params={"year": year}
    )


@router.get("/units/{unit_id}/distribution", operation_id="unit_distribution_get", tags=["scores"])
async def unit_distribution(
    unit_id: str,
    year: Annotated[Year, Query()],
    caller: Caller,
    request: Request,
    upstream: Upstream,
) -> Response:
    """A unit's predikat distribution checked against its curve."""
    return await upstream.forward(
        "scoring", "GET", f"/units/{segment(unit_id)}/distribution", request, params={"year": year}
    )


@router.get("/flags", operation_id="flags_list", tags=["scores"])
async def list_flags(caller: Caller, request: Request, upstream: Upstream) -> Response:
    """Open fairness flags (region HR; an atasan PPK sees their PPKs' evidence gaps)."""
    return await upstream.forward(
        "scoring", "GET", "/flags", request, params=dict(request.query_params)
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
        "targets", "PUT", f"/units/{segment(unit_id)}/predicate", request, json=body
    )


@router.get("/units/{unit_id}/predicate", operation_id="unit_predicate_get", tags=["units"])
async def get_unit_predicate(
    unit_id: str, period: str, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """A unit's organisation predicate for a period."""
    return await upstream.forward(
        "targets", "GET", f"/units/{segment(unit_id)}/predicate", request, params={"period": period}
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
    return await upstream.forward("targets", "GET", f"/evidence/{segment(file_id)}", request)


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
        "targets", "PUT", f"/skp/{segment(skp_id)}/expectations", request, json=body
    )


@router.put("/units/{unit_id}/goals/{year}", operation_id="unit_goals_set", tags=["units"])
async def set_unit_goals(
    unit_id: str, year: int, body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Set a unit's goals for a year (region HR or the unit's admin)."""
    return await upstream.forward(
        "targets", "PUT", f"/units/{segment(unit_id)}/goals/{year}", request, json=body
    )


@router.get("/units/{unit_id}/goals/{year}", operation_id="unit_goals_get", tags=["units"])
async def get_unit_goals(
    unit_id: str, year: int, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """A unit's goals for a year."""
    return await upstream.forward(
        "targets", "GET", f"/units/{segment(unit_id)}/goals/{year}", request
    )


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


# Citizens (IKM survey, complaints) and the units serving them. Citizen routes carry no login:
# the signed single-use token in the path is their credential, checked by the feedback service.
# Being open to anyone, they are rate-limited per client address.
CitizenToken = Annotated[
    str, Path(pattern=r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$", max_length=2048)
]
CITIZEN_LIMIT = Depends(citizen_rate_limit)


@router.post(
    "/citizen-tokens", status_code=201, operation_id="citizen_tokens_issue", tags=["citizens"]
)
async def issue_citizen_tokens(
    body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """A batch of single-use survey tokens for a unit's service (unit admin or region HR)."""
    return await upstream.forward("feedback", "POST", "/citizen-tokens", request, json=body)


@router.get(
    "/citizen-tokens/{batch_id}/print", operation_id="citizen_tokens_print", tags=["citizens"]
)
async def print_citizen_tokens(
    batch_id: str, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """The batch as printable tickets with QR codes (HTML), for its issuer."""
    sheet = await upstream.forward(
        "feedback", "GET", f"/citizen-tokens/{segment(batch_id)}/print", request
    )
    sheet.headers["content-security-policy"] = PRINTABLE_CSP
    return sheet


@router.get(
    "/citizen/survey/{token}",
    operation_id="citizen_survey_form",
    tags=["citizens"],
    dependencies=[CITIZEN_LIMIT],
)
async def citizen_survey_form(
    token: CitizenToken, request: Request, upstream: Upstream
) -> Response:
    """The IKM survey form for a valid, unused citizen token (no login)."""
    path = f"/citizen/survey/{token}"
    return await upstream.forward("feedback", "GET", path, request, public=True)


@router.post(
    "/citizen/survey/{token}",
    status_code=201,
    operation_id="citizen_survey_submit",
    tags=["citizens"],
    dependencies=[CITIZEN_LIMIT],
)
async def citizen_survey_submit(
    token: CitizenToken, body: JsonBody, request: Request, upstream: Upstream
) -> Response:
    """A citizen's survey answers, once per token (no login)."""
    path = f"/citizen/survey/{token}"
    return await upstream.forward("feedback", "POST", path, request, json=body, public=True)


@router.post(
    "/citizen/complaints/{token}",
    status_code=201,
    operation_id="citizen_complaint_file",
    tags=["citizens"],
    dependencies=[CITIZEN_LIMIT],
)
async def citizen_complaint_file(
    token: CitizenToken, body: JsonBody, request: Request, upstream: Upstream
) -> Response:
    """A citizen's complaint about the unit that served them, once per token (no login)."""
    path = f"/citizen/complaints/{token}"
    return await upstream.forward("feedback", "POST", path, request, json=body, public=True)


@router.get(
    "/citizen/complaints/{token}",
    operation_id="citizen_complaint_status",
    tags=["citizens"],
    dependencies=[CITIZEN_LIMIT],
)
async def citizen_complaint_status(
    token: CitizenToken, request: Request, upstream: Upstream
) -> Response:
    """The status of the complaint filed with this token, with the unit's answers (no login)."""
    path = f"/citizen/complaints/{token}"
    return await upstream.forward("feedback", "GET", path, request, public=True)


@router.post("/complaints", status_code=201, operation_id="complaint_file", tags=["complaints"])
async def file_complaint(
    body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Record a complaint received by phone, letter or at the desk (staff)."""
    return await upstream.forward("feedback", "POST", "/complaints", request, json=body)


@router.post(
    "/complaints/{complaint_id}/status", operation_id="complaint_status_set", tags=["complaints"]
)
async def set_complaint_status(
    complaint_id: str, body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Move a complaint on: in progress, resolved or rejected (unit admin or region HR)."""
    path = f"/complaints/{segment(complaint_id)}/status"
    return await upstream.forward("feedback", "POST", path, request, json=body)


@router.get("/complaints", operation_id="complaint_list", tags=["complaints"])
async def list_complaints(
    caller: Caller,
    request: Request,
    upstream: Upstream,
    unit_id: str | None = None,
    status: str | None = None,
    offset: int = 0,
    limit: int = 50,
) -> Response:
    """A unit's (HR: the region's) complaints with response times and overdue flags."""
    params = {"unit_id": unit_id, "status": status, "offset": offset, "limit": limit}
    return await upstream.forward("feedback", "GET", "/complaints", request, params=params)


@router.get("/surveys/summary", operation_id="survey_summary", tags=["citizens"])
async def survey_summary(
    unit_id: Annotated[str, Query()],
    period: Annotated[str, Query()],
    caller: Caller,
    request: Request,
    upstream: Upstream,
) -> Response:
    """Raw IKM answer counts of a unit for a period (unit admin or region HR)."""
    params = {"unit_id": unit_id, "period": period}
    return await upstream.forward("feedback", "GET", "/surveys/summary", request, params=params)


# Appeals (keberatan), owned by the feedback service.


@router.post("/appeals", status_code=201, operation_id="appeal_file", tags=["appeals"])
async def file_appeal(
    body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Appeal my latest assessment of a period, within the filing deadline (employee only)."""
    return await upstream.forward("feedback", "POST", "/appeals", request, json=body)


@router.get("/appeals", operation_id="appeal_list", tags=["appeals"])
async def list_appeals(
    caller: Caller,
    request: Request,
    upstream: Upstream,
    status: str | None = None,
    overdue: bool | None = None,
    offset: int | None = None,
    limit: int | None = None,
) -> Response:
    """Appeals I filed, rated or must decide (region HR: all), with days left and overdue."""
    params = {"status": status, "overdue": overdue, "offset": offset, "limit": limit}
    return await upstream.forward("feedback", "GET", "/appeals", request, params=params)


@router.get("/appeals/{appeal_id}", operation_id="appeal_get", tags=["appeals"])
async def get_appeal(
    appeal_id: str, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """One appeal with both sides' explanations, the decision and the history."""
    return await upstream.forward("feedback", "GET", f"/appeals/{segment(appeal_id)}", request)


@router.post(
    "/appeals/{appeal_id}/explanations",
    status_code=201,
    operation_id="appeal_explain",
    tags=["appeals"],
)
async def explain_appeal(
    appeal_id: str, body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Add my side's explanation (the employee, or the PPK who rated)."""
    return await upstream.forward(
        "feedback", "POST", f"/appeals/{segment(appeal_id)}/explanations", request, json=body
    )


@router.post(
    "/appeals/{appeal_id}/request-explanation",
    status_code=201,
    operation_id="appeal_request_explanation",
    tags=["appeals"],
)
async def request_appeal_explanation(
    appeal_id: str, body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Ask the employee or the PPK for an explanation (the deciding atasan PPK)."""
    return await upstream.forward(
        "feedback", "POST", f"/appeals/{segment(appeal_id)}/request-explanation", request, json=body
    )


@router.post("/appeals/{appeal_id}/decision", operation_id="appeal_decide", tags=["appeals"])
async def decide_appeal(
    appeal_id: str, body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Confirm or change the ratings, once (the atasan PPK, or region HR when there is none)."""
    return await upstream.forward(
        "feedback", "POST", f"/appeals/{segment(appeal_id)}/decision", request, json=body
    )


# --- Feedback: PPK assessments (read), supervisor notes, 360 feedback, peer nominations ---


@router.get("/assessments", operation_id="assessment_list", tags=["assessments"])
async def list_assessments(
    nip: Nip, year: Annotated[Year, Query()], caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """An employee's latest rating per period of a year, with history and the PPK's deadline."""
    params = {"nip": nip, "year": year}
    return await upstream.forward("feedback", "GET", "/assessments", request, params=params)


@router.post(
    "/supervisor-notes",
    status_code=201,
    operation_id="supervisor_note_record",
    tags=["supervisor-notes"],
)
async def record_supervisor_note(
    body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Record scheduled or incidental feedback for a report (PPK or delegate)."""
    return await upstream.forward("feedback", "POST", "/supervisor-notes", request, json=body)


@router.get("/supervisor-notes", operation_id="supervisor_note_list", tags=["supervisor-notes"])
async def list_supervisor_notes(
    nip: Nip, year: Annotated[Year, Query()], caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """An employee's supervisor feedback entries of a year."""
    params = {"nip": nip, "year": year}
    return await upstream.forward("feedback", "GET", "/supervisor-notes", request, params=params)


@router.get("/feedback/values", operation_id="feedback_values", tags=["feedback"])
async def feedback_values(caller: Caller, request: Request, upstream: Upstream) -> Response:
    """The 7 BerAKHLAK values with their official guides, as the 360 form asks them."""
    return await upstream.forward("feedback", "GET", "/feedback/values", request)


@router.post("/feedback", status_code=201, operation_id="feedback_submit", tags=["feedback"])
async def submit_feedback(
    body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Give my 360 answer about a colleague for a period (once; edit with PUT)."""
    return await upstream.forward("feedback", "POST", "/feedback", request, json=body)


@router.put("/feedback", operation_id="feedback_edit", tags=["feedback"])
async def edit_feedback(
    body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Change my 360 answer about a colleague while the year is open."""
    return await upstream.forward("feedback", "PUT", "/feedback", request, json=body)


@router.get("/feedback/summary", operation_id="feedback_summary", tags=["feedback"])
async def feedback_summary(
    nip: Nip, period: str, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """What colleagues said about an employee in a period, k-anonymous per group."""
    params = {"nip": nip, "period": period}
    return await upstream.forward("feedback", "GET", "/feedback/summary", request, params=params)


@router.get("/feedback/given", operation_id="feedback_given", tags=["feedback"])
async def feedback_given(
    caller: Caller, request: Request, upstream: Upstream, period: str | None = None
) -> Response:
    """The 360 answers I gave (to edit them while the year is open)."""
    params = {"period": period}
    return await upstream.forward("feedback", "GET", "/feedback/given", request, params=params)


@router.post(
    "/nominations", status_code=201, operation_id="nomination_request", tags=["nominations"]
)
async def request_nomination(
    body: JsonBody, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """Ask a colleague outside my unit to give me peer feedback (my PPK approves)."""
    return await upstream.forward("feedback", "POST", "/nominations", request, json=body)


@router.post(
    "/nominations/{nomination_id}/approve", operation_id="nomination_approve", tags=["nominations"]
)
async def approve_nomination(
    nomination_id: str,
    caller: Caller,
    request: Request,
    upstream: Upstream,
    body: Annotated[dict[str, Any] | None, Body()] = None,
) -> Response:
    """Let a nominated colleague give peer feedback (the employee's PPK or delegate)."""
    path = f"/nominations/{segment(nomination_id)}/approve"
    return await upstream.forward("feedback", "POST", path, request, json=body)


@router.post(
    "/nominations/{nomination_id}/reject", operation_id="nomination_reject", tags=["nominations"]
)
async def reject_nomination(
    nomination_id: str,
    caller: Caller,
    request: Request,
    upstream: Upstream,
    body: Annotated[dict[str, Any] | None, Body()] = None,
) -> Response:
    """Refuse a nomination, optionally with a reason (the employee's PPK or delegate)."""
    path = f"/nominations/{segment(nomination_id)}/reject"
    return await upstream.forward("feedback", "POST", path, request, json=body)


@router.get("/nominations", operation_id="nomination_list", tags=["nominations"])
async def list_nominations(
    period: str, caller: Caller, request: Request, upstream: Upstream
) -> Response:
    """My nomination requests, those I am asked to answer, and those I decide."""
    params = {"period": period}
    return await upstream.forward("feedback", "GET", "/nominations", request, params=params)
