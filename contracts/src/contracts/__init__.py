"""Kinerja event contracts: the only language services share."""

from contracts.attendance import AttendanceRecorded
from contracts.directory import EmployeeUpserted, UnitUpserted
from contracts.envelope import Event, dead_letter_topic, topic_name, utc_now
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
from contracts.registry import COMPACTED_TOPICS, EVENTS, event_class_for_topic
from contracts.rewards import (
    CoachingPlanChanged,
    RewardGranted,
    RewardRevoked,
    TalentPoolChanged,
)
from contracts.scoring import (
    DistributionChecked,
    ExplanationLine,
    FairnessFlagChanged,
    ScoreComputed,
    ScoreReceipt,
)
from contracts.targets import (
    BehaviourExpectation,
    DelegationSet,
    Iki,
    PeriodClosed,
    PeriodOpened,
    ProgressReported,
    Rhk,
    SkpApproved,
    SkpStatusChanged,
    UnitPredicateSet,
)

__all__ = [
    "COMPACTED_TOPICS",
    "EVENTS",
    "AppealDecided",
    "AppealFiled",
    "AssessmentSubmitted",
    "AttendanceRecorded",
    "BehaviourExpectation",
    "CoachingPlanChanged",
    "ComplaintFiled",
    "ComplaintStatusChanged",
    "DelegationSet",
    "DistributionChecked",
    "EmployeeUpserted",
    "Event",
    "ExplanationLine",
    "FairnessFlagChanged",
    "FeedbackSubmitted",
    "Iki",
    "PeriodClosed",
    "PeriodOpened",
    "ProgressReported",
    "RewardGranted",
    "RewardRevoked",
    "Rhk",
    "ScoreComputed",
    "ScoreReceipt",
    "SkpApproved",
    "SkpStatusChanged",
    "SupervisorFeedbackRecorded",
    "SurveySubmitted",
    "TalentPoolChanged",
    "UnitPredicateSet",
    "UnitUpserted",
    "dead_letter_topic",
    "event_class_for_topic",
    "topic_name",
    "utc_now",
]
