"""Request bodies and collections of the feedback service."""

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from contracts.vocabulary import Nip, Period, Rating, Year

ASSESSMENTS = "assessments"


class AssessmentForm(BaseModel):
    """What a PPK sends to rate one employee for one period."""

    model_config = ConfigDict(extra="forbid")

    nip: Nip
    year: Year
    period: Period
    rating_hasil_kerja: Rating
    rating_perilaku: Rating
    justification: str = Field(min_length=10, max_length=4000)

    @model_validator(mode="after")
    def _period_in_year(self) -> Self:
        if not self.period.startswith(str(self.year)):
            raise ValueError(f"period {self.period} is not in year {self.year}")
        return self
