"""Every event class in one place: the source for topics, schema snapshots and topic manifests."""

from contracts.attendance import AttendanceRecorded
from contracts.directory import EmployeeUpserted, UnitUpserted
from contracts.envelope import Event
from contracts.feedback import (
    AppealDecided,
    AppealFiled,
    AssessmentSubmitted,
    ComplaintFiled,
    ComplaintStatusChanged,
    FeedbackSubmitted,
    SupervisorFeedbackRecorded,
    SurveySubmitted,
)
from contracts.rewards import (
    CoachingPlanChanged,
    RewardGranted,
    RewardRevoked,
    TalentPoolChanged,
)
from contracts.scoring import DistributionChecked, FairnessFlagChanged, ScoreComputed
from contracts.targets import (
    DelegationSet,
    PeriodClosed,
    PeriodOpened,
    ProgressReported,
    SkpApproved,
    SkpStatusChanged,
    UnitPredicateSet,
)

EVENTS: tuple[type[Event], ...] = (
    EmployeeUpserted,
    UnitUpserted,
    PeriodOpened,
    PeriodClosed,
    SkpApproved,
    SkpStatusChanged,
    ProgressReported,
    UnitPredicateSet,
    DelegationSet,
    AssessmentSubmitted,
    FeedbackSubmitted,
    SupervisorFeedbackRecorded,
    SurveySubmitted,
    ComplaintFiled,
    ComplaintStatusChanged,
    AppealFiled,
    AppealDecided,
    AttendanceRecorded,
    ScoreComputed,
    FairnessFlagChanged,
    DistributionChecked,
    RewardGranted,
    RewardRevoked,
    TalentPoolChanged,
    CoachingPlanChanged,
)

COMPACTED_TOPICS: frozenset[str] = frozenset({EmployeeUpserted.topic(), UnitUpserted.topic()})
"""Reference-data topics keep the latest record per key forever (log compaction)."""


def event_class_for_topic(topic: str) -> type[Event]:
    """The event class published on a topic."""
    for event_class in EVENTS:
        if event_class.topic() == topic:
            return event_class
    raise KeyError(f"no event class publishes on topic {topic!r}")
