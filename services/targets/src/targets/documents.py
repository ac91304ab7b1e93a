"""Request bodies and stored document shapes of the targets service."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, FiniteFloat, StringConstraints

from contracts.targets import Rhk
from contracts.vocabulary import Cadence, OrgPredikat, Period, Year

SKPS = "skps"
PROGRESS = "progress"
PERIODS = "periods"
UNIT_PREDICATES = "unit_predicates"
DELEGATIONS = "delegations"

EvidenceLink = Annotated[str, StringConstraints(pattern=r"^(https?://|file:)\S+$", max_length=2000)]


class SkpDraft(BaseModel):
    """What an employee sends to plan a year."""

    model_config = ConfigDict(extra="forbid")

    year: Year
    rhk: list[Rhk] = Field(min_length=1, max_length=50)


class SkpEdit(BaseModel):
    """The owner's new version of the plan's RHK (the year never changes)."""

    model_config = ConfigDict(extra="forbid")

    rhk: list[Rhk] = Field(min_length=1, max_length=50)


class ProgressReport(BaseModel):
    """What an employee sends to report the realisation of one IKI."""

    model_config = ConfigDict(extra="forbid")

    period: Period
    rhk_id: str = Field(min_length=1, max_length=80)
    iki_id: str = Field(min_length=1, max_length=80)
    realisation: FiniteFloat = Field(ge=0)
    evidence: list[EvidenceLink] = Field(default_factory=list, max_length=20)
    note: str = Field(default="", max_length=2000)


class PeriodForm(BaseModel):
    """What region HR sends to open a performance year."""

    model_config = ConfigDict(extra="forbid")

    year: Year
    cadence: Cadence


class UnitPredicateForm(BaseModel):
    """What region HR sends to rate a unit for a period."""

    model_config = ConfigDict(extra="forbid")

    period: Period
    predikat: OrgPredikat
    note: str = Field(default="", max_length=2000)
