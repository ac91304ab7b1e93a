"""Talent-pool membership from a sequence of period predikats: who enters, who leaves, and why."""

from collections.abc import Mapping
from dataclasses import dataclass

from contracts.vocabulary import Predikat
from rewards.award_runs import award_id
from rewards.bilingual import Text
from rewards.periods import PeriodRef, parse_period
from rewards.rulebook import TalentPoolRule, rank_of

TALENT_POOL_KIND = "talent_pool"


@dataclass(frozen=True)
class TalentPoolChange:
    """An employee entering (``entered``) or leaving the talent pool at the end of a period."""

    nip: str
    period: str
    entered: bool
    reason: Text


def talent_pool_changes(
    nip: str, history: Mapping[str, Predikat], rule: TalentPoolRule
) -> tuple[TalentPoolChange, ...]:
    """Walk the rule's cadence in time order; a gap breaks an entry streak but never forces exit."""
    periods = sorted(
        (ref, predikat)
        for ref, predikat in ((parse_period(text), value) for text, value in history.items())
        if ref.cadence is rule.cadence
    )
    changes: list[TalentPoolChange] = []
    member, streak, before = False, 0, None
    for ref, predikat in periods:
        contiguous = before is not None and before == ref.previous()
        if member:
            if rank_of(predikat) > rank_of(rule.keep_at_least):
                member, streak = False, 0
                changes.append(TalentPoolChange(nip, ref.text, False, _left(ref, predikat, rule)))
        else:
            good = rank_of(predikat) <= rank_of(rule.predikat)
            streak = (streak + 1 if contiguous else 1) if good else 0
            if streak >= rule.consecutive_periods:
                member = True
                changes.append(TalentPoolChange(nip, ref.text, True, _entered(ref, streak, rule)))
        before = ref
    return tuple(changes)


def in_talent_pool(changes: tuple[TalentPoolChange, ...]) -> bool:
    """Membership after the last change (no change: not a member)."""
    return bool(changes) and changes[-1].entered


def change_id(region: str, change: TalentPoolChange, rule_version: str) -> str:
    """A replay-proof id for an entry or exit, built like an award's."""
    kind = f"{TALENT_POOL_KIND}_{'entered' if change.entered else 'left'}"
    return award_id(
        region=region,
        period=change.period,
        kind=kind,
        scope_key=region,
        nip=change.nip,
        rule_version=rule_version,
    )


def _entered(ref: PeriodRef, streak: int, rule: TalentPoolRule) -> Text:
    label = ref.label()
    return Text(
        "talent_pool.entered",
        f"Masuk kelompok rencana suksesi (talent pool): predikat {rule.predikat} atau lebih"
        f" baik {streak} periode berturut-turut sampai {label.id}.",
        f"Entered the talent pool: predikat {rule.predikat} or better in {streak} consecutive"
        f" periods up to {label.en}.",
    )


def _left(ref: PeriodRef, predikat: Predikat, rule: TalentPoolRule) -> Text:
    label = ref.label()
    return Text(
        "talent_pool.left",
        f"Keluar dari talent pool: predikat {predikat} pada {label.id}, di bawah batas"
        f" {rule.keep_at_least}.",
        f"Left the talent pool: predikat {predikat} in {label.en}, below the required"
        f" {rule.keep_at_least}.",
    )
