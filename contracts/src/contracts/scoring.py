"""Events of the scoring service: computed scores with their explanation."""

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, FiniteFloat

from contracts.envelope import Event
from contracts.vocabulary import (
    FlagKind,
    Identifier,
    Nip,
    OrgPredikat,
    Period,
    Predikat,
    Rating,
    Year,
)


class ExplanationLine(BaseModel):
    """One readable reason behind a score, in Indonesian and English."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    code: str = Field(min_length=1, max_length=200)  # may name an RHK and an IKI id (80 each)
    id: str = Field(min_length=1, max_length=1000)
    en: str = Field(min_length=1, max_length=1000)


class _Part(BaseModel):
    """Tolerant, immutable part of an event payload."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class ReceiptInput(_Part):
    """One input of a score: where it came from, its value, share of the composite and adjustment."""

    code: str = Field(min_length=1, max_length=200)
    source: str = Field(min_length=1, max_length=40)  # results, behaviour, official, discipline
    label_id: str = Field(min_length=1, max_length=500)  # an IKI name may have 300
    label_en: str = Field(min_length=1, max_length=500)
    value: FiniteFloat | None = None
    scale: str = Field(min_length=1, max_length=20)  # "pct", "1-5", "0-100", "days"
    weight: FiniteFloat = Field(ge=0, le=1)  # share of the composite actually used
    adjustment: FiniteFloat = 0.0  # e.g. rater-effect correction or shrinkage, in ``scale`` units
    evidence: str | None = Field(default=None, max_length=2000)  # a link or reference


class WhatIf(_Part):
    """A change that would move the composite, with the points it would add."""

    code: str = Field(min_length=1, max_length=200)
    id: str = Field(min_length=1, max_length=1000)
    en: str = Field(min_length=1, max_length=1000)
    delta: FiniteFloat


class ReceiptFlag(_Part):
    """An open guardrail flag about this score."""

    flag_id: Identifier
    kind: FlagKind
    id: str = Field(min_length=1, max_length=1000)
    en: str = Field(min_length=1, max_length=1000)


class Discipline(_Part):
    """Attendance in the year counted against the PP 94/2021 thresholds."""

    unexcused_days: int = Field(ge=0)
    longest_run: int = Field(ge=0)  # consecutive working days of unexcused absence
    sanction: Identifier | None = None  # e.g. "teguran_lisan"; None: no sanction
    id: str = Field(min_length=1, max_length=1000)
    en: str = Field(min_length=1, max_length=1000)
    deduction_pct: FiniteFloat = Field(default=0.0, ge=0)  # lateness/early-leave, agency table


class AngkaKredit(_Part):
    """Credit points of a functional employee for the scored months, exact as a decimal string."""

    jenjang: str = Field(min_length=1, max_length=60)
    months: int = Field(ge=1, le=12)
    value: str = Field(pattern=r"^[0-9]+(\.[0-9]+)?$")
    confirmed: bool = True  # False when the table marks the coefficient as unconfirmed


class ScoreReceipt(_Part):
    """Everything behind one score, readable by the employee it belongs to."""

    formula_version: str = Field(min_length=1, max_length=40)
    official_predikat: Predikat | None = None  # None until the PPK has rated
    suggested_predikat: Predikat
    suggested_hasil_kerja: Rating
    suggested_perilaku: Rating
    inputs: tuple[ReceiptInput, ...] = ()
    flags: tuple[ReceiptFlag, ...] = ()
    strengths: tuple[ExplanationLine, ...] = ()
    improve: tuple[ExplanationLine, ...] = ()
    what_would_change: tuple[WhatIf, ...] = ()
    discipline: Discipline | None = None
    angka_kredit: AngkaKredit | None = None


class ScoreComputed(Event):
    """Fires whenever an employee's score for a period is (re)computed from new evidence."""

    type: Literal["score.computed"] = "score.computed"
    version: Literal[1] = 1

    nip: Nip
    year: Year
    period: Period
    predikat: Predikat
    provisional: bool
    rating_hasil_kerja: Rating
    rating_perilaku: Rating
    achievement_pct: FiniteFloat | None = None
    composite: FiniteFloat = Field(ge=0, le=100)
    formula_version: str = Field(min_length=1, max_length=40)
    explanation: tuple[ExplanationLine, ...] = ()
    receipt: ScoreReceipt | None = None


class FairnessFlagChanged(Event):
    """Fires when a guardrail raises a flag or the evidence no longer supports it (``open`` False).

    ``subject`` is an employee's NIP, a PPK's NIP or a rater's pseudonym; never a verdict.
    """

    key_field: ClassVar[str] = "subject"

    type: Literal["fairness.flag_changed"] = "fairness.flag_changed"
    version: Literal[1] = 1

    flag_id: Identifier
    kind: FlagKind
    subject: Identifier
    related: Identifier | None = None
    year: Year
    open: bool
    audience: Identifier  # atasan_ppk or region_admin
    message_id: str = Field(min_length=1, max_length=1000)
    message_en: str = Field(min_length=1, max_length=1000)
    numbers: dict[str, FiniteFloat] = Field(default_factory=dict)


class CurveWarning(_Part):
    """One distribution rule a unit breaks, with the numbers."""

    code: str = Field(min_length=1, max_length=80)
    id: str = Field(min_length=1, max_length=1000)
    en: str = Field(min_length=1, max_length=1000)
    count: int = Field(ge=0)
    pct: FiniteFloat = Field(ge=0, le=100)


class DistributionChecked(Event):
    """Fires when a unit's predikat distribution, checked against its organisation predicate, changes."""

    key_field: ClassVar[str] = "unit_id"

    type: Literal["distribution.checked"] = "distribution.checked"
    version: Literal[1] = 1

    unit_id: Identifier
    year: Year
    org_predikat: OrgPredikat | None = None  # None: region HR has not set it; no rules apply
    total: int = Field(ge=0)
    counts: dict[Predikat, int] = Field(default_factory=dict)
    warnings: tuple[CurveWarning, ...] = ()
    needs_justification: bool = False
