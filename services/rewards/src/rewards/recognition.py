"""The public board per region ("ASN Terbaik Bulan Ini"): winners with reasons from their receipts.

The board is public, so it shows only what speaks for the winner: the receipt's strengths,
never its areas to improve, flags or discipline lines.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from contracts.scoring import ScoreReceipt
from rewards.award_runs import TITLES, Award, Scope
from rewards.bilingual import Text
from rewards.periods import parse_period

MAX_REASONS = 3


@dataclass(frozen=True)
class Profile:
    """How the board names a winner: from the directory."""

    nip: str
    name: str
    unit_name: str


@dataclass(frozen=True)
class BoardEntry:
    """One winner on the board, with up to ``MAX_REASONS`` reasons."""

    award_id: str
    kind: str
    scope: Scope
    scope_key: str
    rank: int
    nip: str
    name: str
    unit_name: str
    reasons: tuple[Text, ...]


@dataclass(frozen=True)
class Board:
    """A region's board for one period: its title, the period's name and the winners."""

    region: str
    period: str
    title: Text
    period_label: Text
    entries: tuple[BoardEntry, ...]


def board(
    *,
    region: str,
    period: str,
    awards: Iterable[Award],
    profiles: Mapping[str, Profile],
    receipts: Mapping[str, ScoreReceipt | None],
    max_reasons: int = MAX_REASONS,
) -> Board:
    """Region winners first by rank, then each unit's winners by unit name and rank."""
    ref = parse_period(period)
    chosen = [item for item in awards if (item.region, item.period) == (region, period)]
    entries = [
        _entry(item, profiles.get(item.nip), receipts.get(item.nip), max_reasons) for item in chosen
    ]
    entries.sort(
        key=lambda e: (
            e.scope is not Scope.REGION,
            e.unit_name.casefold() if e.scope is Scope.UNIT else "",
            e.scope_key,
            e.rank,
            e.nip,
        )
    )
    return Board(region, period, TITLES[ref.cadence], ref.label(), tuple(entries))


def reasons_from(receipt: ScoreReceipt | None, award: Award, limit: int) -> tuple[Text, ...]:
    """The receipt's strengths; the award's ranking line when the receipt names none."""
    strengths = receipt.strengths if receipt is not None else ()
    if strengths:
        return tuple(Text(line.code, line.id, line.en) for line in strengths[:limit])
    return award.reasons[:1]


def _entry(
    award: Award, profile: Profile | None, receipt: ScoreReceipt | None, limit: int
) -> BoardEntry:
    return BoardEntry(
        award_id=award.award_id,
        kind=award.kind,
        scope=award.scope,
        scope_key=award.scope_key,
        rank=award.rank,
        nip=award.nip,
        name=profile.name if profile else award.nip,
        unit_name=profile.unit_name if profile else award.unit_id,
        reasons=reasons_from(receipt, award, limit),
    )
