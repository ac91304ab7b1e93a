"""Scoring service settings (environment prefix ``SCORING_``)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class ScoringSettings(ServiceSettings):
    """Settings of the scoring service."""

    model_config = SettingsConfigDict(env_prefix="SCORING_", extra="ignore")

    service_name: str = "scoring"
    http_port: int = 8003
    # Big polls: the engine appends once per batch, so throughput grows with the batch.
    consumer_batch_records: int = Field(default=2000, ge=1, le=20000)
    # Region sweeps (rater effects, flags, distribution) run when the consumer has been idle this
    # long, and at the latest this long after the first unswept change.
    sweep_idle_seconds: float = Field(default=0.5, gt=0)
    sweep_max_delay_seconds: float = Field(default=10.0, gt=0)
    # Changed results are rescored and announced at most this often (longer after long passes).
    announce_every_seconds: float = Field(default=0.2, gt=0)
    # While more than a poll's worth of records waits (a replay, a burst), sweeps and
    # announcements wait for the consumer to catch up, but never longer than this.
    hold_while_behind_seconds: float = Field(default=30.0, ge=0)
