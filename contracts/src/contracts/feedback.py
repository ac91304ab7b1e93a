"""Events of the feedback service: PPK assessments and multi-source (360) feedback."""

from typing import Annotated, Literal

from pydantic import Field

from contracts.envelope import Event
from contracts.vocabulary import (
    BerakhlakValue,
    FeedbackSource,
    Identifier,
    Nip,
    Period,
    Rating,
    Year,
)


class AssessmentSubmitted(Event):
    """Fires when the PPK (or, after the deadline, the atasan PPK) rates results and behaviour."""

    type: Literal["assessment.submitted"] = "assessment.submitted"
    version: Literal[1] = 1

    assessment_id: Identifier
    nip: Nip
    year: Year
    period: Period
    rater_nip: Nip
    rating_hasil_kerja: Rating
    rating_perilaku: Rating
    justification: str = Field(min_length=1, max_length=4000)
    final: bool = False


class FeedbackSubmitted(Event):
    """Fires when someone gives scored feedback (1-5 per BerAKHLAK value) about an employee.

    The rater appears only as ``rater_ref``, a pseudonym stable per region, so scoring can
    estimate rater leniency without any consumer learning who said what.
    """

    type: Literal["feedback.submitted"] = "feedback.submitted"
    version: Literal[1] = 1

    feedback_id: Identifier
    nip: Nip
    year: Year
    period: Period
    source: FeedbackSource
    rater_ref: Identifier
    scores: dict[BerakhlakValue, Annotated[int, Field(ge=1, le=5)]] = Field(min_length=1)
