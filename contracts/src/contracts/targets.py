"""Events of the targets service: approved plans (SKP) and progress reports."""

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, FiniteFloat

from contracts.envelope import Event
from contracts.vocabulary import (
    Aspek,
    BerakhlakValue,
    Cadence,
    Cascading,
    Direction,
    Identifier,
    Nip,
    OrgPredikat,
    Period,
    Perspective,
    RhkKind,
    Year,
)


class Iki(BaseModel):
    """A measurable indicator of an RHK with its target."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    iki_id: Identifier
    name: str = Field(min_length=1, max_length=300)
    aspek: Aspek
    target: FiniteFloat = Field(gt=0)
    unit: str = Field(min_length=1, max_length=40)
    direction: Direction = Direction.HIGHER_IS_BETTER
    # Direct cascading by target load: this IKI carries a share of the parent RHK's IKI, and
    # the shares of all subordinates should add up to the parent's target.
    parent_iki_id: Identifier | None = None


class Rhk(BaseModel):
    """One planned result of an SKP, linked to the supervisor's RHK it intervenes."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    rhk_id: Identifier
    title: str = Field(min_length=1, max_length=500)
    kind: RhkKind
    parent_rhk_id: Identifier | None = None
    # Heads of independent units (and those without a supervisor) link to a unit goal instead.
    unit_goal_id: Identifier | None = None
    cascading: Cascading = Cascading.DIRECT
    # Required for top leaders (JPT) and heads of independent units; ``anggaran`` must appear.
    perspective: Perspective | None = None
    iki: tuple[Iki, ...] = Field(min_length=1)


class BehaviourExpectation(BaseModel):
    """A supervisor's special expectation for one BerAKHLAK value, beyond the official guides."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    value: BerakhlakValue
    special: str = Field(min_length=1, max_length=1000)


class SkpApproved(Event):
    """Fires when the PPK approves an employee's yearly plan (SKP)."""

    type: Literal["skp.approved"] = "skp.approved"
    version: Literal[1] = 1

    skp_id: Identifier
    nip: Nip
    year: Year
    approved_by: Nip
    rhk: tuple[Rhk, ...] = Field(min_length=1)
    expectations: tuple[BehaviourExpectation, ...] = ()


class SkpStatusChanged(Event):
    """Fires on every SKP workflow step but approval (which fires ``skp.approved`` with the plan).

    Steps: draft/rejected/revising -> submitted (owner), submitted -> rejected (PPK, with a
    reason), approved -> revising (owner, mid-year revision, with a reason).
    """

    type: Literal["skp.status_changed"] = "skp.status_changed"
    version: Literal[1] = 1

    skp_id: Identifier
    nip: Nip
    year: Year
    from_status: Identifier
    to_status: Identifier
    changed_by: Nip
    reason: str = Field(default="", max_length=2000)


class ProgressReported(Event):
    """Fires when an employee reports (or corrects) the realisation of one IKI for a period."""

    type: Literal["progress.reported"] = "progress.reported"
    version: Literal[1] = 1

    progress_id: Identifier
    skp_id: Identifier
    nip: Nip
    year: Year
    period: Period
    rhk_id: Identifier
    iki_id: Identifier
    realisation: FiniteFloat = Field(ge=0)
    achievement_pct: FiniteFloat = Field(ge=0)
    evidence: tuple[str, ...] = ()
    note: str = Field(default="", max_length=2000)


class PeriodOpened(Event):
    """Fires when region HR opens a performance year; plans and reports are accepted from now."""

    key_field: ClassVar[str] = "region"

    type: Literal["period.opened"] = "period.opened"
    version: Literal[1] = 1

    year: Year
    cadence: Cadence
    opened_by: Nip


class PeriodClosed(Event):
    """Fires when region HR closes a performance year; from now on its data may not change."""

    key_field: ClassVar[str] = "region"

    type: Literal["period.closed"] = "period.closed"
    version: Literal[1] = 1

    year: Year
    closed_by: Nip


class UnitPredicateSet(Event):
    """Fires when region HR sets (or corrects) a unit's organisation predicate for a period."""

    key_field: ClassVar[str] = "unit_id"

    type: Literal["org_performance.predicate_set"] = "org_performance.predicate_set"
    version: Literal[1] = 1

    unit_id: Identifier
    year: Year
    period: Period
    predikat: OrgPredikat
    set_by: Nip
    note: str = Field(default="", max_length=2000)


class DelegationSet(Event):
    """Fires when a PPK (or region HR for them) names or withdraws a delegate for a year.

    The delegate may then act as the PPK for the PPK's reports (approve plans, rate), never on
    their own record. ``delegate_nip`` None means the delegation was withdrawn.
    """

    key_field: ClassVar[str] = "ppk_nip"

    type: Literal["delegation.set"] = "delegation.set"
    version: Literal[1] = 1

    ppk_nip: Nip
    delegate_nip: Nip | None
    year: Year
    set_by: Nip
    reason: str = Field(default="", max_length=2000)
