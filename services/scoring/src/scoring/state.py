"""How scoring state absorbs each event; no I/O here.

Every fact is kept under a natural key (an IKI and period, a feedback id, a survey id, a day)
and the newest by ``stamp`` wins, so applying an event twice, or in any order, gives the same
state: consumers need no inbox, and replaying the topics rebuilds the same state.
"""

from datetime import datetime
from typing import Any

from contracts import (
    AppealDecided,
    AssessmentSubmitted,
    AttendanceRecorded,
    ComplaintFiled,
    ComplaintStatusChanged,
    Event,
    FeedbackSubmitted,
    ProgressReported,
    SkpApproved,
    SupervisorFeedbackRecorded,
    SurveySubmitted,
    UnitPredicateSet,
)
from scoring.rater_effects import Tally, add_scores

State = dict[str, Any]


def new_state(region: str, nip: str, year: int) -> State:
    """Empty state of one employee and year."""
    return {
        "region": region,
        "nip": nip,
        "year": year,
        "plan": [],
        "progress": [],
        "assessment": None,
        "appeal": None,
        "feedback": {},
        "notes": {},
        "citizen": {},
        "attendance": {},
    }


def new_unit(region: str, unit_id: str, year: int) -> State:
    """Empty service-quality state of one unit and year."""
    return {
        "region": region,
        "unit_id": unit_id,
        "year": year,
        "surveys": {},
        "complaints": {},
        "org": None,
    }


Stamp = tuple[datetime, str]


def stamp(event: Event) -> Stamp:
    """Total order of events: time as the store keeps it (milliseconds), then event id.

    Never arrival order, so replaying the topics in any interleaving rebuilds the same state.
    """
    at = event.occurred_at
    return at.replace(microsecond=at.microsecond // 1000 * 1000), str(event.event_id)


def _stamp_fields(event: Event) -> dict[str, Any]:
    at, event_id = stamp(event)
    return {"occurred_at": at, "event_id": event_id}


def _stored_stamp(entry: dict[str, Any]) -> Stamp:
    return entry["occurred_at"], entry["event_id"]


def apply_skp(state: State, event: SkpApproved) -> State:
    """The approved plan says which IKI count and whether each belongs to an ``utama`` RHK."""
    current = state.get("plan_stamp")
    if current is not None and _stored_stamp(current) >= stamp(event):
        return state
    plan = [
        {"rhk_id": rhk.rhk_id, "iki_id": iki.iki_id, "kind": rhk.kind.value, "name": iki.name}
        for rhk in event.rhk
        for iki in rhk.iki
    ]
    return state | {"plan": plan, "plan_stamp": _stamp_fields(event), "skp_id": event.skp_id}


def apply_progress(state: State, event: ProgressReported) -> State:
    """Keep the newest report per IKI and period (corrections replace, by time not arrival)."""
    key = (event.rhk_id, event.iki_id, event.period)
    kept = [
        item
        for item in state["progress"]
        if (item["rhk_id"], item["iki_id"], item["period"]) != key
    ]
    current = next(
        (
            item
            for item in state["progress"]
            if (item["rhk_id"], item["iki_id"], item["period"]) == key
        ),
        None,
    )
    if current is not None and _stored_stamp(current) >= stamp(event):
        return state
    entry = {
        "rhk_id": event.rhk_id,
        "iki_id": event.iki_id,
        "period": event.period,
        "pct": event.achievement_pct,
        "evidence": list(event.evidence[:3]),
        **_stamp_fields(event),
    }
    return state | {"progress": [*kept, entry]}


def apply_assessment(state: State, event: AssessmentSubmitted) -> State:
    """A final rating (atasan PPK after the deadline) beats any other; otherwise the newest wins."""
    current = state.get("assessment")
    if current is not None and (current["final"], *_stored_stamp(current)) >= (
        event.final,
        *stamp(event),
    ):
        return state
    assessment = {
        "assessment_id": event.assessment_id,
        "period": event.period,
        "hasil_kerja": event.rating_hasil_kerja.value,
        "perilaku": event.rating_perilaku.value,
        "final": event.final,
        "rater_nip": event.on_behalf_of or event.rater_nip,
        **_stamp_fields(event),
    }
    return state | {"assessment": assessment}


def apply_appeal(state: State, event: AppealDecided) -> State:
    """The atasan PPK's decision on an appeal (keberatan); the newest decision wins."""
    current = state.get("appeal")
    if current is not None and _stored_stamp(current) >= stamp(event):
        return state
    appeal = {
        "assessment_id": event.assessment_id,
        "period": event.period,
        "decision": event.decision.value,
        "hasil_kerja": event.rating_hasil_kerja.value,
        "perilaku": event.rating_perilaku.value,
        **_stamp_fields(event),
    }
    return state | {"appeal": appeal}


def deciding_appeal(state: State) -> dict[str, Any] | None:
    """The appeal decision that replaces the PPK's ratings: one about the current assessment.

    Checked when scoring, not when applying, so the order in which the assessment and the
    decision arrive never matters; a re-rating after the decision makes the decision stale.
    """
    appeal: dict[str, Any] | None = state.get("appeal")
    raw = state.get("assessment")
    if appeal is None:
        return None
    if raw is None or appeal["assessment_id"] in (None, raw.get("assessment_id")):
        return appeal
    return None


def _newer(current: dict[str, Any] | None, event: Event) -> bool:
    return current is None or _stored_stamp(current) < stamp(event)


def _keep(state: State, field: str, key: str, event: Event, entry: dict[str, Any]) -> State:
    """Store ``entry`` under ``state[field][key]`` unless a newer one is there already."""
    facts: dict[str, Any] = state[field]
    if not _newer(facts.get(key), event):
        return state
    return state | {field: facts | {key: entry | _stamp_fields(event)}}


def apply_feedback(state: State, event: FeedbackSubmitted) -> State:
    """360 feedback per feedback id (an edit replaces it); raters stay pseudonymous."""
    entry = {
        "source": event.source,
        "rater_ref": event.rater_ref,
        "period": event.period,
        "scores": dict(event.scores),
    }
    return _keep(state, "feedback", event.feedback_id, event, entry)


def feedback_tally(state: State) -> Tally:
    """The 360 scores summed per (source, rater, value): a snapshot's, else counted now.

    Counted when scoring rather than per event: a backlog edits the same answers many times
    and is scored once.
    """
    kept: Tally | None = state.get("tally")
    if kept is not None:
        return kept
    sums: Tally = {}
    for entry in state["feedback"].values():
        add_scores(sums, entry["source"], entry["rater_ref"], entry["scores"].items())
    return sums


def apply_note(state: State, event: SupervisorFeedbackRecorded) -> State:
    """A supervisor note counts by its verdict (positive, negative or neutral)."""
    return _keep(state, "notes", event.entry_id, event, {"positive": event.positive})


def apply_officer_rating(state: State, event: SurveySubmitted) -> State:
    """A citizen's 1-5 rating of the officer who served them (the survey's optional part)."""
    entry = {"rating": event.officer_rating, "period": event.period}
    return _keep(state, "citizen", event.survey_id, event, entry)


def apply_attendance(state: State, event: AttendanceRecorded) -> State:
    """One attendance day; a corrected record for the same day replaces it."""
    entry = {
        "status": event.status.value,
        "late_code": event.late_code,
        "early_code": event.early_code,
    }
    return _keep(state, "attendance", event.date.isoformat(), event, entry)


def apply_survey(unit: State, event: SurveySubmitted) -> State:
    """A unit's IKM answers, one entry per survey (tokens are single-use)."""
    entry = {
        "period": event.period,
        "answers": {element.value: answer for element, answer in sorted(event.answers.items())},
    }
    return _keep(unit, "surveys", event.survey_id, event, entry)


def apply_complaint_filed(unit: State, event: ComplaintFiled) -> State:
    """A complaint as filed; a later status change (any arrival order) keeps the filing time."""
    complaints: dict[str, Any] = unit["complaints"]
    current = complaints.get(event.complaint_id, {})
    entry = current | {"filed_at": stamp(event)[0], "officer_nip": event.officer_nip}
    entry.setdefault("status", "received")
    return unit | {"complaints": complaints | {event.complaint_id: entry}}


def apply_complaint_status(unit: State, event: ComplaintStatusChanged) -> State:
    """The newest step of a complaint, with the hours it has been open at that step."""
    complaints: dict[str, Any] = unit["complaints"]
    current = complaints.get(event.complaint_id, {})
    step = current.get("step")
    if step is not None and _stored_stamp(step) >= stamp(event):
        return unit
    entry = current | {
        "status": event.to_status.value,
        "hours_open": event.hours_open,
        "officer_nip": event.officer_nip,
        "step": _stamp_fields(event),
    }
    return unit | {"complaints": complaints | {event.complaint_id: entry}}


def apply_org_predicate(unit: State, event: UnitPredicateSet) -> State:
    """The unit's organisation predicate for the year; a correction replaces it."""
    if not _newer(unit["org"], event):
        return unit
    return unit | {"org": {"predikat": event.predikat.value, **_stamp_fields(event)}}
