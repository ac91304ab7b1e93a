"""What award selection reads about an employee in a period, taken from their score receipt."""

from collections.abc import Iterable
from dataclasses import astuple, dataclass, replace

from contracts.scoring import Discipline, ScoreComputed, ScoreReceipt
from contracts.vocabulary import FlagKind, PositionType, Predikat
from rewards.periods import contains, parse_period

BEHAVIOUR_SOURCE = "behaviour"  # receipt inputs of this source are one line per feedback source


@dataclass(frozen=True)
class Candidate:
    """One employee's latest score of a period, with the facts eligibility and tie-breaks need."""

    nip: str
    unit_id: str
    position_type: PositionType
    predikat: Predikat
    composite: float
    provisional: bool = False
    feedback_sources: int = 0
    discipline_sanction: str | None = None
    open_flags: frozenset[FlagKind] = frozenset()
    consecutive_wins: int = 0  # periods in a row, just before this one, the employee won
    achievement_pct: float | None = None
    unexcused_days: int = 0
    score_event_id: str = "-"


def feedback_sources(receipt: ScoreReceipt | None) -> int:
    """How many kinds of feedback (supervisor, peers, citizens...) the score rests on."""
    if receipt is None:
        return 0
    return len({item.code for item in receipt.inputs if item.source == BEHAVIOUR_SOURCE})


def discipline_of(score: ScoreComputed) -> Discipline | None:
    """The PP 94/2021 summary of the score's receipt, if scoring attached one."""
    return score.receipt.discipline if score.receipt is not None else None


def candidate_from_score(
    score: ScoreComputed,
    *,
    unit_id: str,
    position_type: PositionType,
    consecutive_wins: int = 0,
) -> Candidate:
    """A candidate from ``score.computed``; the directory supplies unit and position type."""
    receipt, discipline = score.receipt, discipline_of(score)
    return Candidate(
        nip=score.nip,
        unit_id=unit_id,
        position_type=position_type,
        predikat=score.predikat,
        composite=score.composite,
        provisional=score.provisional,
        feedback_sources=feedback_sources(receipt),
        discipline_sanction=discipline.sanction if discipline is not None else None,
        open_flags=frozenset(flag.kind for flag in receipt.flags) if receipt else frozenset(),
        consecutive_wins=consecutive_wins,
        achievement_pct=score.achievement_pct,
        unexcused_days=discipline.unexcused_days if discipline is not None else 0,
        score_event_id=str(score.event_id),
    )


def award_facts(score: ScoreComputed) -> tuple[object, ...]:
    """What selection reads from a score: a new score with the same facts changes no award."""
    candidate = candidate_from_score(score, unit_id="", position_type=PositionType.PELAKSANA)
    return astuple(replace(candidate, score_event_id="-"))


def scores_for_period(scores: Iterable[ScoreComputed], period: str) -> dict[str, ScoreComputed]:
    """Each employee's score that speaks for ``period``: its own, else the latest inside it.

    A month is judged by the month's score; a quarter or a year without a score of its own by
    the score of its latest month (scoring re-scores the whole year as the months go by).
    """
    chosen: dict[str, ScoreComputed] = {}
    for score in scores:
        if contains(period, score.period):
            held = chosen.get(score.nip)
            if held is None or _standing(score, period) > _standing(held, period):
                chosen[score.nip] = score
    return chosen


def _standing(score: ScoreComputed, period: str) -> tuple[object, ...]:
    end = parse_period(score.period).end()
    return (score.period == period, end, score.occurred_at, str(score.event_id))
