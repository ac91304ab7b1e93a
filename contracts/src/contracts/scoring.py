"""Events of the scoring service: computed scores with their explanation."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, FiniteFloat

from contracts.envelope import Event
from contracts.vocabulary import Nip, Period, Predikat, Rating, Year


class ExplanationLine(BaseModel):
    """One readable reason behind a score, in Indonesian and English."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    code: str = Field(min_length=1, max_length=80)
    id: str = Field(min_length=1, max_length=1000)
    en: str = Field(min_length=1, max_length=1000)


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
