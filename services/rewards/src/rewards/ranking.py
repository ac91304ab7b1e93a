"""A total, input-order-free ranking: rounded composite first, then the region's tie-breakers."""

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rewards.bilingual import Text
from rewards.candidates import Candidate
from rewards.eligibility import rounded_composite
from rewards.rulebook import TieBreaker, rank_of

_KEYS: Mapping[TieBreaker, Callable[[Candidate, str], Any]] = {
    TieBreaker.PREDIKAT: lambda c, _: rank_of(c.predikat),
    TieBreaker.ACHIEVEMENT: lambda c, _: (
        (0, -c.achievement_pct) if c.achievement_pct is not None else (1, 0.0)
    ),
    TieBreaker.FEEDBACK_SOURCES: lambda c, _: -c.feedback_sources,
    TieBreaker.UNEXCUSED_DAYS: lambda c, _: c.unexcused_days,
    TieBreaker.FEWER_CONSECUTIVE_WINS: lambda c, _: c.consecutive_wins,
    TieBreaker.DRAW: lambda c, period: hashlib.sha256(f"{period}:{c.nip}".encode()).hexdigest(),
    TieBreaker.NIP: lambda c, _: c.nip,
}
TIE_WORDS: Mapping[TieBreaker, tuple[str, str]] = {
    TieBreaker.PREDIKAT: ("predikat yang lebih baik", "the better predikat"),
    TieBreaker.ACHIEVEMENT: ("capaian hasil kerja lebih tinggi", "higher results achievement"),
    TieBreaker.FEEDBACK_SOURCES: ("lebih banyak sumber umpan balik", "more feedback sources"),
    TieBreaker.UNEXCUSED_DAYS: ("lebih sedikit hari tanpa keterangan", "fewer days absent"),
    TieBreaker.FEWER_CONSECUTIVE_WINS: ("lebih jarang menang berturut-turut", "fewer recent wins"),
    TieBreaker.DRAW: ("undian tetap per periode", "the period's fixed draw"),
    TieBreaker.NIP: ("urutan NIP", "NIP order"),
}


@dataclass(frozen=True)
class Ranked:
    """A candidate's place in one scope; ``decided_by`` is what put it ahead of the next one."""

    candidate: Candidate
    rank: int
    composite: Decimal
    decided_by: TieBreaker | None  # None: the composite alone (or nobody below)

    def tie_text(self) -> Text | None:
        """Why this candidate is ahead of an equal composite, in words; None when not a tie."""
        if self.decided_by is None:
            return None
        id_words, en_words = TIE_WORDS[self.decided_by]
        return Text(
            f"tie.{self.decided_by.value}",
            f"Nilai gabungan sama dengan peringkat berikutnya; ditentukan oleh {id_words}.",
            f"Same composite as the next place; decided by {en_words}.",
        )


def sort_key(
    candidate: Candidate, tie_breakers: Iterable[TieBreaker], *, places: int, period: str
) -> tuple[Any, ...]:
    """Higher rounded composite first, then each tie-breaker in the order the rules list them."""
    return (
        -rounded_composite(candidate.composite, places),
        *(_KEYS[key](candidate, period) for key in tie_breakers),
    )


def rank(
    candidates: Iterable[Candidate],
    tie_breakers: tuple[TieBreaker, ...],
    *,
    places: int,
    period: str,
) -> tuple[Ranked, ...]:
    """Every candidate in order, 1 first; the same set gives the same order in any input order."""
    pool = list(candidates)
    refuse_duplicates(item.nip for item in pool)
    keyed = sorted(
        ((sort_key(item, tie_breakers, places=places, period=period), item) for item in pool),
        key=lambda pair: pair[0],
    )
    out = []
    for index, (key, item) in enumerate(keyed):
        below = keyed[index + 1][0] if index + 1 < len(keyed) else None
        out.append(Ranked(item, index + 1, -key[0], _decided_by(key, below, tie_breakers)))
    return tuple(out)


def refuse_duplicates(nips: Iterable[str]) -> None:
    """One score per employee and period: a second one is a caller's bug, not a tie."""
    twice = sorted(nip for nip, count in Counter(nips).items() if count > 1)
    if twice:
        raise ValueError(f"more than one candidate for NIP {', '.join(twice)}")


def _decided_by(
    key: tuple[Any, ...], below: tuple[Any, ...] | None, tie_breakers: tuple[TieBreaker, ...]
) -> TieBreaker | None:
    if below is None:
        return None
    first = next(index for index, (a, b) in enumerate(zip(key, below, strict=True)) if a != b)
    return None if first == 0 else tie_breakers[first - 1]
