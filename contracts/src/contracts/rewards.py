"""Events of the rewards service: rewards granted and revoked, the talent pool, coaching."""

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from contracts.envelope import Event
from contracts.vocabulary import (
    CoachingKind,
    CoachingOutcome,
    CoachingStep,
    Identifier,
    Nip,
    Period,
    Predikat,
    Year,
)

Reason = Annotated[str, Field(min_length=1, max_length=1000)]


class _RewardEvent(Event):
    """What a grant and a revocation of one reward both say: which reward, whose, and why."""

    reward_id: Identifier
    nip: Nip
    year: Year
    period: Period
    kind: Identifier
    reason_id: Reason
    reason_en: Reason


class RewardGranted(_RewardEvent):
    """Fires once when an employee earns a reward under the region's rules."""

    type: Literal["reward.granted"] = "reward.granted"
    version: Literal[1] = 1

    score_event_id: Identifier


class RewardRevoked(_RewardEvent):
    """Fires once when a granted reward no longer holds (an appeal changed the result)."""

    type: Literal["reward.revoked"] = "reward.revoked"
    version: Literal[1] = 1


class TalentPoolChanged(Event):
    """Fires when an employee enters (``entered``) or leaves a region's talent pool."""

    type: Literal["talent_pool.changed"] = "talent_pool.changed"
    version: Literal[1] = 1

    change_id: Identifier
    nip: Nip
    year: Year
    period: Period
    entered: bool
    reason_id: Reason
    reason_en: Reason


class CoachingPlanChanged(Event):
    """Fires at each step of a coaching plan (pembinaan), from its opening to the next result."""

    type: Literal["coaching.plan_changed"] = "coaching.plan_changed"
    version: Literal[1] = 1

    plan_id: Identifier
    nip: Nip
    coach_nip: Nip
    year: Year
    period: Period
    predikat: Predikat
    kinds: tuple[CoachingKind, ...] = Field(min_length=1)
    step: CoachingStep
    sessions: int = Field(ge=0)
    follow_up_on: date
    outcome: CoachingOutcome | None = None
