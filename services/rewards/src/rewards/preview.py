"""Before a rules version is published: who would win under it versus the current version."""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rewards.award_runs import Award, AwardRun, select_awards
from rewards.candidates import Candidate
from rewards.rulebook import RewardRules


@dataclass(frozen=True)
class SpreadRow:
    """How many awards one unit (or position type) gets under each version."""

    key: str
    current: int
    candidate: int

    @property
    def change(self) -> int:
        """Awards gained (positive) or lost (negative) under the candidate version."""
        return self.candidate - self.current


@dataclass(frozen=True)
class RulePreview:
    """Both runs side by side, who enters and who leaves, and the spread of awards."""

    current: AwardRun
    candidate: AwardRun
    entering: tuple[Award, ...]  # awards only the candidate version gives
    leaving: tuple[Award, ...]  # awards only the current version gives
    by_unit: tuple[SpreadRow, ...]
    by_position_type: tuple[SpreadRow, ...]


def preview(
    current: RewardRules,
    candidate: RewardRules,
    *,
    region: str,
    period: str,
    candidates: Sequence[Candidate],
) -> RulePreview:
    """Run both versions on the same candidates; open periods are fine, nothing is granted."""
    before = select_awards(current, region=region, period=period, candidates=candidates)
    after = select_awards(candidate, region=region, period=period, candidates=candidates)
    before_keys = {item.key for item in before.awards}
    after_keys = {item.key for item in after.awards}
    return RulePreview(
        current=before,
        candidate=after,
        entering=tuple(item for item in after.awards if item.key not in before_keys),
        leaving=tuple(item for item in before.awards if item.key not in after_keys),
        by_unit=_spread(before, after, lambda award: award.unit_id),
        by_position_type=_spread(before, after, lambda award: award.position_type.value),
    )


def _spread(
    before: AwardRun, after: AwardRun, key: Callable[[Award], str]
) -> tuple[SpreadRow, ...]:
    counts_before = Counter(key(item) for item in before.awards)
    counts_after = Counter(key(item) for item in after.awards)
    return tuple(
        SpreadRow(name, counts_before[name], counts_after[name])
        for name in sorted(counts_before.keys() | counts_after.keys())
    )
