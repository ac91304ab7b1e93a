"""The schema of a region's reward rule file: awards, eligibility, tie-breakers, talent pool, TPP.

One file per region and version (YAML or JSON). Every section is checked at load, so a rule a
region publishes is always one the service can apply. ``default_rules.yaml`` beside this
module is the shipped starting point (domain.md section 4).
"""

from collections import Counter
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from contracts.vocabulary import FlagKind, Predikat, Region
from rewards.periods import Cadence

PREDIKAT_ORDER: tuple[Predikat, ...] = tuple(Predikat)  # best first, as the enum is declared
Pct = Annotated[Decimal, Field(ge=0, le=100)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
SanctionCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,79}$")]
Version = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z._-]{0,23}$")]


def rank_of(predikat: Predikat) -> int:
    """0 for SANGAT_BAIK up to 4 for SANGAT_KURANG: lower is better."""
    return PREDIKAT_ORDER.index(predikat)


def rule_error(id_text: str, en_text: str) -> PydanticCustomError:
    """A validation error whose reason the loader can show in both languages."""
    return PydanticCustomError("reward_rule", "{en}", {"en": en_text, "id": id_text})


class _Section(BaseModel):
    """Strict, immutable rule data: an unknown key is a typing mistake, not an extension."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class TopN(_Section):
    """How many winners one scope gets."""

    top_n: int = Field(strict=True, ge=1, le=50)


class CadenceAwards(_Section):
    """Awards of one cadence: per unit, per region, or both."""

    unit: TopN | None = None
    region: TopN | None = None


class Eligibility(_Section):
    """Who may win at all; each condition becomes one reason line for or against a candidate."""

    min_predikat: Predikat = Predikat.BAIK
    final_score_only: bool = True  # a provisional score is the evidence's suggestion, not a rating
    min_composite: Decimal | None = Field(default=None, ge=0, le=100)
    min_feedback_sources: int = Field(default=2, strict=True, ge=0, le=6)
    no_discipline_sanction: bool = True
    blocking_flags: tuple[FlagKind, ...] = (FlagKind.FAVOURITISM, FlagKind.DISCIPLINE)
    max_consecutive_wins: int | None = Field(default=None, strict=True, ge=1, le=24)


class TieBreaker(StrEnum):
    """Keys that order candidates with the same rounded composite, in the order a file lists them."""

    PREDIKAT = "predikat"  # the better official predikat first
    ACHIEVEMENT = "achievement_pct"  # the higher results achievement first; none last
    FEEDBACK_SOURCES = "feedback_sources"  # more kinds of feedback first (broader evidence)
    UNEXCUSED_DAYS = "unexcused_days"  # fewer days absent without leave first
    FEWER_CONSECUTIVE_WINS = "fewer_consecutive_wins"  # rotate: the recent winner yields
    DRAW = "draw"  # a seeded draw: digest of period and NIP, fair yet reproducible
    NIP = "nip"  # ascending NIP: always last, so the order is total


class TalentPoolRule(_Section):
    """Entry after ``consecutive_periods`` periods at ``predikat`` or better; exit below ``keep_at_least``."""

    cadence: Cadence = Cadence.YEARLY
    predikat: Predikat = Predikat.SANGAT_BAIK
    consecutive_periods: int = Field(default=2, strict=True, ge=1, le=24)
    keep_at_least: Predikat = Predikat.BAIK

    @field_validator("keep_at_least")
    @classmethod
    def _not_stricter_than_entry(cls, keep: Predikat, info: ValidationInfo) -> Predikat:
        """Staying may not need more than entering, or a new member would leave at once."""
        entry = info.data.get("predikat")
        if entry is not None and rank_of(keep) < rank_of(entry):
            raise rule_error(
                f"tidak boleh lebih tinggi dari predikat masuk {entry}",
                f"may not be higher than the entry predikat {entry}",
            )
        return keep


class TppTable(_Section):
    """The region's TPP split and deductions (its Perkada/Perwali on TPP is the source)."""

    source: Label
    performance_pct: Pct
    discipline_pct: Pct
    performance_paid_pct: dict[Predikat, Pct]  # share of the performance part paid per predikat
    sanction_cut_pct: dict[SanctionCode, Pct] = Field(default_factory=dict)  # of the whole TPP

    @field_validator("discipline_pct")
    @classmethod
    def _split_is_whole(cls, discipline: Decimal, info: ValidationInfo) -> Decimal:
        """The two parts are one TPP: they must add up to 100%."""
        performance = info.data.get("performance_pct")
        if performance is not None and performance + discipline != 100:
            raise rule_error(
                f"performance_pct + discipline_pct harus 100, bukan {performance + discipline}",
                f"performance_pct + discipline_pct must be 100, not {performance + discipline}",
            )
        return discipline

    @field_validator("performance_paid_pct")
    @classmethod
    def _every_predikat(cls, paid: dict[Predikat, Decimal]) -> dict[Predikat, Decimal]:
        """Payroll needs a number for every predikat, never a silent 0."""
        missing = [item.value for item in Predikat if item not in paid]
        if missing:
            raise rule_error(
                f"predikat belum diisi: {', '.join(missing)}",
                f"predikat missing: {', '.join(missing)}",
            )
        return paid


class CoachingRule(_Section):
    """When the follow-up of a coaching plan is due."""

    follow_up_days: int = Field(default=30, strict=True, ge=7, le=365)


class RewardRules(_Section):
    """One version of a region's reward rules, exactly as its file says."""

    version: Version
    region: Region | None = None  # None: a template any region may start from
    composite_places: int = Field(default=1, strict=True, ge=0, le=4)
    eligibility: Eligibility = Eligibility()
    tie_breakers: tuple[TieBreaker, ...]
    monthly: CadenceAwards | None = None
    quarterly: CadenceAwards | None = None
    yearly: CadenceAwards | None = None
    talent_pool: TalentPoolRule | None = None
    tpp: TppTable
    coaching: CoachingRule = CoachingRule()

    @field_validator("tie_breakers")
    @classmethod
    def _total_order(cls, keys: tuple[TieBreaker, ...]) -> tuple[TieBreaker, ...]:
        """Each key once and NIP last, so two candidates are never left tied."""
        twice = sorted(key.value for key, count in Counter(keys).items() if count > 1)
        if twice:
            raise rule_error(
                f"kunci disebut dua kali: {', '.join(twice)}",
                f"key given twice: {', '.join(twice)}",
            )
        if not keys or keys[-1] is not TieBreaker.NIP:
            raise rule_error(
                "harus diakhiri dengan nip agar urutan selalu tuntas",
                "must end with nip so that the order is always total",
            )
        return keys

    def awards_for(self, cadence: Cadence) -> CadenceAwards | None:
        """The award section of a cadence, if the region runs awards for it."""
        return {
            Cadence.MONTHLY: self.monthly,
            Cadence.QUARTERLY: self.quarterly,
            Cadence.YEARLY: self.yearly,
        }[cadence]
