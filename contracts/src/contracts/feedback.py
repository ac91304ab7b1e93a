"""Events of the feedback service: assessments, 360 feedback, citizens, complaints, appeals."""

from datetime import date
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from contracts.envelope import Event
from contracts.vocabulary import (
    AppealDecision,
    BerakhlakValue,
    ComplaintStatus,
    FeedbackSource,
    Identifier,
    IkmElement,
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
    # Set when a delegate rated for the PPK, or the atasan PPK took over after the deadline.
    on_behalf_of: Nip | None = None
    behaviour_notes: dict[BerakhlakValue, Annotated[str, Field(max_length=2000)]] = Field(
        default_factory=dict
    )


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


class SupervisorFeedbackRecorded(Event):
    """Fires when a PPK records continuous feedback (scheduled or incidental) for an employee."""

    type: Literal["supervisor_feedback.recorded"] = "supervisor_feedback.recorded"
    version: Literal[1] = 1

    entry_id: Identifier
    nip: Nip
    year: Year
    period: Period
    rater_nip: Nip
    scheduled: bool
    positive: bool | None = None  # None: neutral, a note without a verdict
    note: str = Field(min_length=1, max_length=4000)


class SurveySubmitted(Event):
    """Fires when a citizen answers the IKM survey of a service unit with a valid token.

    Answers are 1-4 per official element (an element may be skipped); the respondent stays
    anonymous: only the optional profile bands the official survey reports on are kept.
    """

    key_field: ClassVar[str] = "unit_id"

    type: Literal["survey.submitted"] = "survey.submitted"
    version: Literal[1] = 1

    survey_id: Identifier
    unit_id: Identifier
    service_id: Identifier
    period: Period
    answers: dict[IkmElement, Annotated[int, Field(ge=1, le=4)]] = Field(min_length=1)
    officer_nip: Nip | None = None
    officer_rating: Annotated[int, Field(ge=1, le=5)] | None = None
    age_band: Identifier | None = None
    sex: Identifier | None = None
    education: Identifier | None = None
    occupation: Identifier | None = None


class ComplaintFiled(Event):
    """Fires when a citizen (with a token) or a staff member files a complaint about a unit."""

    key_field: ClassVar[str] = "unit_id"

    type: Literal["complaint.filed"] = "complaint.filed"
    version: Literal[1] = 1

    complaint_id: Identifier
    unit_id: Identifier
    officer_nip: Nip | None = None
    category: Identifier
    channel: Literal["citizen", "staff"]


class ComplaintStatusChanged(Event):
    """Fires on every step of a complaint; the resolution time feeds service-quality scoring."""

    key_field: ClassVar[str] = "unit_id"

    type: Literal["complaint.status_changed"] = "complaint.status_changed"
    version: Literal[1] = 1

    complaint_id: Identifier
    unit_id: Identifier
    officer_nip: Nip | None = None
    from_status: ComplaintStatus
    to_status: ComplaintStatus
    changed_by: Nip
    hours_open: float = Field(ge=0)  # from filing to this step


class AppealFiled(Event):
    """Fires when an employee files a keberatan against an evaluation, within the deadline."""

    type: Literal["appeal.filed"] = "appeal.filed"
    version: Literal[1] = 1

    appeal_id: Identifier
    nip: Nip
    year: Year
    period: Period
    assessment_id: Identifier
    atasan_nip: Nip | None  # who decides; None: region HR (no atasan PPK in the directory)
    decide_by: date


class AppealDecided(Event):
    """Fires when the atasan PPK decides an appeal; a changed result replaces the PPK's ratings."""

    type: Literal["appeal.decided"] = "appeal.decided"
    version: Literal[1] = 1

    appeal_id: Identifier
    nip: Nip
    year: Year
    period: Period
    assessment_id: Identifier | None = None  # the assessment appealed against
    decision: AppealDecision
    rating_hasil_kerja: Rating
    rating_perilaku: Rating
    decided_by: Nip
    reason: str = Field(min_length=1, max_length=4000)
    late: bool = False  # decided after ``decide_by``
