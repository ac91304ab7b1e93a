"""Reward rules, pure: which score earns which reward (skeleton: one threshold rule)."""

from contracts import RewardGranted, ScoreComputed
from contracts.vocabulary import Predikat

PRODUCER = "rewards"
GOOD_PERFORMANCE = "kinerja_baik"
ELIGIBLE = frozenset({Predikat.SANGAT_BAIK, Predikat.BAIK})


def reward_id(score: ScoreComputed, kind: str) -> str:
    """One reward of a kind per employee and period, whatever is replayed."""
    return f"{score.region}-{score.nip}-{score.period}-{kind}"


def earned_reward(score: ScoreComputed, *, min_composite: float) -> RewardGranted | None:
    """The reward a final score earns: predikat at least BAIK and composite above the threshold."""
    if score.provisional or score.predikat not in ELIGIBLE or score.composite < min_composite:
        return None
    return RewardGranted(
        region=score.region,
        producer=PRODUCER,
        reward_id=reward_id(score, GOOD_PERFORMANCE),
        nip=score.nip,
        year=score.year,
        period=score.period,
        kind=GOOD_PERFORMANCE,
        reason_id=f"Predikat {score.predikat} dengan nilai gabungan {score.composite:.1f} (minimal {min_composite:.0f}).",
        reason_en=f"Predikat {score.predikat} with composite {score.composite:.1f} (at least {min_composite:.0f}).",
        score_event_id=str(score.event_id),
    )
