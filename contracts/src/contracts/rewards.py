"""Events of the rewards service: granted rewards."""

from typing import Literal

from pydantic import Field

from contracts.envelope import Event
from contracts.vocabulary import Identifier, Nip, Period, Year


class RewardGranted(Event):
    """Fires once when an employee earns a reward under the region's rules."""

    type: Literal["reward.granted"] = "reward.granted"
    version: Literal[1] = 1

    reward_id: Identifier
    nip: Nip
    year: Year
    period: Period
    kind: Identifier
    reason_id: str = Field(min_length=1, max_length=1000)
    reason_en: str = Field(min_length=1, max_length=1000)
    score_event_id: Identifier
