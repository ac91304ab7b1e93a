"""Request bodies and collections of the feedback service."""

from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from contracts.vocabulary import BerakhlakValue, FeedbackSource, Nip, Period, Rating, Year

ASSESSMENTS = "assessments"
SUPERVISOR_NOTES = "supervisor_notes"
# 360 submissions; ``_id`` is a keyed hash, so no raw rater NIP is stored (ADR 010).
PEER_FEEDBACK = "peer_feedback"
NOMINATIONS = "nominations"

# Sources a colleague gives through ``POST /feedback``; the supervisor rates through
# assessments and notes, citizens through surveys.
COLLEAGUE_SOURCES = frozenset(
    {FeedbackSource.PEER, FeedbackSource.SUBORDINATE, FeedbackSource.SELF, FeedbackSource.TEAM}
)

Note = Annotated[str, Field(min_length=1, max_length=2000)]
Score = Annotated[int, Field(ge=1, le=5)]


class AssessmentForm(BaseModel):
    """What a PPK (or delegate, or the atasan PPK after the deadline) sends to rate a period."""

    model_config = ConfigDict(extra="forbid")

    nip: Nip
    year: Year
    period: Period
    rating_hasil_kerja: Rating
    rating_perilaku: Rating
    justification: str = Field(min_length=10, max_length=4000)
    behaviour_notes: dict[BerakhlakValue, Note] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _period_in_year(self) -> Self:
        if not self.period.startswith(str(self.year)):
            raise ValueError(f"period {self.period} is not in year {self.year}")
        return self


class SupervisorNoteForm(BaseModel):
    """A scheduled or incidental feedback entry of the PPK (continuous feedback)."""

    model_config = ConfigDict(extra="forbid")

    nip: Nip
    period: Period
    scheduled: bool
    positive: bool | None = None  # None: a neutral note without a verdict
    note: str = Field(min_length=1, max_length=4000)


class FeedbackForm(BaseModel):
    """A colleague's 360 answer: 1-5 per BerAKHLAK value (some or all) and optional comments."""

    model_config = ConfigDict(extra="forbid")

    nip: Nip
    period: Period
    source: FeedbackSource
    scores: dict[BerakhlakValue, Score] = Field(min_length=1)
    strengths: str = Field(default="", max_length=2000)
    improve: str = Field(default="", max_length=2000)

    @field_validator("source")
    @classmethod
    def _colleague_source(cls, source: FeedbackSource) -> FeedbackSource:
        if source not in COLLEAGUE_SOURCES:
            raise ValueError("source must be peer, subordinate, self or team")
        return source


class NominationForm(BaseModel):
    """An employee asks a colleague (e.g. from another unit they work with) for peer feedback."""

    model_config = ConfigDict(extra="forbid")

    rater_nip: Nip
    period: Period


class NominationDecision(BaseModel):
    """The PPK's optional reason when approving or rejecting a nomination."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(default="", max_length=2000)


def year_of(period: str) -> int:
    """The year a period belongs to (``2026-Q1`` -> 2026)."""
    return int(period[:4])
