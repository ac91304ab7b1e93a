"""How scoring state absorbs each event and which score it implies; no I/O here."""

from datetime import datetime
from typing import Any

from contracts import (
    AppealDecided,
    AssessmentSubmitted,
    Event,
    ProgressReported,
    ScoreComputed,
    SkpApproved,
)
from contracts.vocabulary import Rating, RhkKind
from scoring import rules

State = dict[str, Any]
PRODUCER = "scoring"


def new_state(region: str, nip: str, year: int) -> State:
    """Empty state of one employee and year."""
    return {
        "region": region,
        "nip": nip,
        "year": year,
        "revision": 0,
        "plan": [],
        "progress": [],
        "assessment": None,
        "appeal": None,
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
        {"rhk_id": rhk.rhk_id, "iki_id": iki.iki_id, "kind": rhk.kind.value}
        for rhk in event.rhk
        for iki in rhk.iki
    ]
    return state | {"plan": plan, "plan_stamp": _stamp_fields(event)}


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


def achievements(state: State) -> list[rules.Achievement]:
    """Latest period's achievement per IKI; IKI not (yet) in a known plan count as ``utama``."""
    kinds = {(item["rhk_id"], item["iki_id"]): RhkKind(item["kind"]) for item in state["plan"]}
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for item in state["progress"]:
        key = (item["rhk_id"], item["iki_id"])
        if key not in latest or item["period"] > latest[key]["period"]:
            latest[key] = item
    return [
        rules.Achievement(kinds.get(key, RhkKind.UTAMA), item["pct"])
        for key, item in sorted(latest.items())
    ]


def score_period(state: State) -> str:
    """The period a score speaks for: the assessed one, else the latest reported, else the year."""
    official = deciding_appeal(state) or state.get("assessment")
    if official:
        return str(official["period"])
    periods = [item["period"] for item in state["progress"]]
    return max(periods) if periods else str(state["year"])


def score_of(state: State) -> rules.Score:
    """The score the current state implies (an appeal decision replaces the PPK's ratings)."""
    appeal = deciding_appeal(state)
    raw = appeal or state.get("assessment")
    assessment = (
        rules.Assessment(
            Rating(raw["hasil_kerja"]),
            Rating(raw["perilaku"]),
            appeal is not None or raw["final"],
            raw["occurred_at"],
        )
        if raw
        else None
    )
    return rules.compute(
        achievements(state), assessment, appeal_decision=appeal["decision"] if appeal else None
    )


def score_event(state: State, score: rules.Score) -> ScoreComputed:
    """The ``score.computed`` event announcing ``score`` for the state's employee."""
    return ScoreComputed(
        region=state["region"],
        producer=PRODUCER,
        nip=state["nip"],
        year=state["year"],
        period=score_period(state),
        predikat=score.predikat,
        provisional=score.provisional,
        rating_hasil_kerja=score.rating_hasil_kerja,
        rating_perilaku=score.rating_perilaku,
        achievement_pct=score.achievement_pct,
        composite=score.composite,
        formula_version=rules.FORMULA_VERSION,
        explanation=score.explanation,
    )


def result_document(event: ScoreComputed) -> dict[str, Any]:
    """What is stored as the current result: the event's payload, minus its envelope."""
    return event.model_dump(
        mode="json", exclude={"event_id", "type", "version", "occurred_at", "producer"}
    )
