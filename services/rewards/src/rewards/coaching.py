"""Pembinaan: a coaching plan for a weak predikat, its sessions, feedback, checks and outcome.

Results problems (results DIBAWAH: BUTUH_PERBAIKAN, SANGAT_KURANG) get coaching or mentoring;
behaviour problems (behaviour DIBAWAH: KURANG, SANGAT_KURANG) get counselling (domain.md
sections 3 and 4). The PPK coaches unless someone else is named. Goals come from the score
receipt's areas to improve; the next period's result is linked to show the change.
"""

import hashlib
from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from contracts.scoring import ExplanationLine, ScoreReceipt
from contracts.vocabulary import CoachingKind, CoachingOutcome, Nip, Predikat
from rewards.bilingual import Refusal, Text
from rewards.periods import parse_period
from rewards.rulebook import CoachingRule, rank_of


class Focus(StrEnum):
    """What the plan works on."""

    RESULTS = "hasil_kerja"
    BEHAVIOUR = "perilaku"


# The predikat matrix decides which rating was DIBAWAH, hence what the plan works on.
PLAN_FOCUS: Mapping[Predikat, tuple[Focus, ...]] = {
    Predikat.BUTUH_PERBAIKAN: (Focus.RESULTS,),
    Predikat.KURANG: (Focus.BEHAVIOUR,),
    Predikat.SANGAT_KURANG: (Focus.RESULTS, Focus.BEHAVIOUR),
}
KINDS_FOR: Mapping[Focus, frozenset[CoachingKind]] = {
    Focus.RESULTS: frozenset({CoachingKind.COACHING, CoachingKind.MENTORING}),
    Focus.BEHAVIOUR: frozenset({CoachingKind.COUNSELLING}),
}
_GOAL_PREFIX = {"iki.": Focus.RESULTS, "value.": Focus.BEHAVIOUR}
_FALLBACK_GOALS = {
    Focus.RESULTS: (
        "Sepakati dengan PPK langkah dan sumber daya untuk mencapai target RHK utama.",
        "Agree with the PPK on the steps and resources to reach the main RHK targets.",
    ),
    Focus.BEHAVIOUR: (
        "Sepakati dengan PPK perilaku BerAKHLAK yang akan ditunjukkan dan cara memantaunya.",
        "Agree with the PPK on the BerAKHLAK behaviour to show and how to follow it up.",
    ),
}
Note = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Score = Annotated[int, Field(strict=True, ge=1, le=5)]
Competency = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Track(_Record):
    """One line of work in a plan: its focus and the kind of pembinaan."""

    focus: Focus
    kind: CoachingKind


class Goal(_Record):
    """A goal of the plan; ``from_receipt`` False when the receipt named nothing to improve."""

    code: str
    focus: Focus
    id: str
    en: str
    from_receipt: bool


class Session(_Record):
    """One coaching, mentoring or counselling session with the coach's notes."""

    session_id: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    held_on: date
    kind: CoachingKind
    notes: Note


class SessionFeedback(_Record):
    """The coachee's view of a session: how helpful (1-5) and in their words."""

    session_id: str
    helpful: Score
    comment: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""


class CompetencyCheck(_Record):
    """A competency check on the 1-5 scale, per competency named by the coach."""

    checked_on: date
    scores: dict[Competency, Score] = Field(min_length=1)


class NextResult(_Record):
    """The result of a later period linked to the plan, so the change is visible."""

    period: str
    predikat: Predikat
    composite: float
    outcome: CoachingOutcome
    composite_change: float


class CoachingPlan(_Record):
    """A pembinaan plan and everything recorded in it."""

    plan_id: str
    region: str
    nip: Nip
    period: str
    predikat: Predikat
    composite: float
    coach_nip: Nip
    tracks: tuple[Track, ...]
    goals: tuple[Goal, ...]
    started_on: date
    follow_up_on: date
    sessions: tuple[Session, ...] = ()
    feedback: tuple[SessionFeedback, ...] = ()
    checks: tuple[CompetencyCheck, ...] = ()
    next_result: NextResult | None = None


def needs_coaching(predikat: Predikat) -> bool:
    """BUTUH_PERBAIKAN, KURANG and SANGAT_KURANG start a plan."""
    return predikat in PLAN_FOCUS


def plan_id(region: str, nip: str, period: str) -> str:
    """One plan per employee and period, whatever is replayed."""
    digest = hashlib.sha256(f"{region}\x1f{nip}\x1f{period}".encode()).hexdigest()[:32]
    return f"pembinaan-{digest}"


def goals_from(receipt: ScoreReceipt | None, focuses: tuple[Focus, ...]) -> tuple[Goal, ...]:
    """The receipt's areas to improve that match the plan's focus; a generic goal if none does."""
    lines = receipt.improve if receipt is not None else ()
    goals = [_goal(line, focus) for line in lines if (focus := _focus_of(line)) in focuses]
    for focus in focuses:
        if not any(goal.focus is focus for goal in goals):
            id_text, en_text = _FALLBACK_GOALS[focus]
            goals.append(
                Goal(
                    code=f"general.{focus.value}",
                    focus=focus,
                    id=id_text,
                    en=en_text,
                    from_receipt=False,
                )
            )
    return tuple(goals)


def start_plan(
    *,
    region: str,
    nip: str,
    period: str,
    predikat: Predikat,
    composite: float,
    receipt: ScoreReceipt | None,
    ppk_nip: str | None,
    started_on: date,
    rule: CoachingRule,
    coach_nip: str | None = None,
    results_kind: CoachingKind = CoachingKind.COACHING,
) -> CoachingPlan | None:
    """The plan a predikat calls for (None for BAIK and better), coached by the PPK by default."""
    focuses = PLAN_FOCUS.get(predikat)
    if focuses is None:
        return None
    if results_kind not in KINDS_FOR[Focus.RESULTS]:
        raise _refusal(
            "kind",
            "Hasil kerja dibina dengan coaching atau mentoring.",
            "Results are worked on with coaching or mentoring.",
        )
    coach = coach_nip or ppk_nip
    if coach is None:
        raise _refusal(
            "coach",
            "Belum ada pembina: PPK tidak dikenal dan tidak ada yang ditunjuk.",
            "No coach: the PPK is unknown and nobody was named.",
        )
    if coach == nip:
        raise _refusal(
            "coach_self",
            "Pegawai tidak dapat membina dirinya sendiri.",
            "An employee cannot coach themselves.",
        )
    tracks = tuple(
        Track(
            focus=focus, kind=results_kind if focus is Focus.RESULTS else CoachingKind.COUNSELLING
        )
        for focus in focuses
    )
    return CoachingPlan(
        plan_id=plan_id(region, nip, period),
        region=region,
        nip=nip,
        period=period,
        predikat=predikat,
        composite=composite,
        coach_nip=coach,
        tracks=tracks,
        goals=goals_from(receipt, focuses),
        started_on=started_on,
        follow_up_on=started_on + timedelta(days=rule.follow_up_days),
    )


def record_session(plan: CoachingPlan, session: Session) -> CoachingPlan:
    """Add a session of a kind the plan uses, held on or after the plan's start."""
    if session.held_on < plan.started_on:
        raise _refusal(
            "session_date",
            f"Sesi tidak boleh sebelum rencana dimulai ({plan.started_on}).",
            f"A session cannot precede the plan's start ({plan.started_on}).",
        )
    if session.kind not in {track.kind for track in plan.tracks}:
        raise _refusal(
            "session_kind",
            f"Rencana ini tidak memakai {session.kind}.",
            f"This plan does not use {session.kind}.",
        )
    if any(item.session_id == session.session_id for item in plan.sessions):
        raise _refusal(
            "session_twice",
            f"Sesi {session.session_id} sudah dicatat.",
            f"Session {session.session_id} is already recorded.",
        )
    return plan.model_copy(update={"sessions": (*plan.sessions, session)})


def record_feedback(plan: CoachingPlan, feedback: SessionFeedback) -> CoachingPlan:
    """Add the coachee's feedback on a recorded session, once per session."""
    if not any(item.session_id == feedback.session_id for item in plan.sessions):
        raise _refusal(
            "feedback_session",
            f"Sesi {feedback.session_id} tidak ada dalam rencana ini.",
            f"Session {feedback.session_id} is not in this plan.",
        )
    if any(item.session_id == feedback.session_id for item in plan.feedback):
        raise _refusal(
            "feedback_twice",
            f"Umpan balik untuk sesi {feedback.session_id} sudah ada.",
            f"Feedback on session {feedback.session_id} is already recorded.",
        )
    return plan.model_copy(update={"feedback": (*plan.feedback, feedback)})


def record_check(plan: CoachingPlan, check: CompetencyCheck) -> CoachingPlan:
    """Add a competency check (1-5 per competency) made during the plan."""
    if check.checked_on < plan.started_on:
        raise _refusal(
            "check_date",
            f"Pemeriksaan kompetensi tidak boleh sebelum {plan.started_on}.",
            f"A competency check cannot precede {plan.started_on}.",
        )
    return plan.model_copy(update={"checks": (*plan.checks, check)})


def link_next_result(
    plan: CoachingPlan, *, period: str, predikat: Predikat, composite: float
) -> CoachingPlan:
    """Link a later period's result: a better predikat is improvement, a worse one is not."""
    later, started = parse_period(period), parse_period(plan.period)
    if later.cadence is not started.cadence or later <= started:
        raise _refusal(
            "next_period",
            f"Periode {period} bukan periode sesudah {plan.period}.",
            f"Period {period} is not a period after {plan.period}.",
        )
    before, after = rank_of(plan.predikat), rank_of(predikat)
    outcome = (
        CoachingOutcome.IMPROVED
        if after < before
        else CoachingOutcome.WORSE
        if after > before
        else CoachingOutcome.SAME
    )
    result = NextResult(
        period=period,
        predikat=predikat,
        composite=composite,
        outcome=outcome,
        composite_change=composite - plan.composite,
    )
    return plan.model_copy(update={"next_result": result})


def _focus_of(line: ExplanationLine) -> Focus | None:
    return next(
        (focus for prefix, focus in _GOAL_PREFIX.items() if line.code.startswith(prefix)), None
    )


def _goal(line: ExplanationLine, focus: Focus) -> Goal:
    return Goal(code=line.code, focus=focus, id=line.id, en=line.en, from_receipt=True)


def _refusal(code: str, id_text: str, en_text: str) -> Refusal:
    return Refusal(Text(f"coaching.{code}", id_text, en_text))
