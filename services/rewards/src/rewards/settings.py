"""Rewards service settings (environment prefix ``REWARDS_``)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class RewardsSettings(ServiceSettings):
    """Settings of the rewards service."""

    model_config = SettingsConfigDict(env_prefix="REWARDS_", extra="ignore")

    service_name: str = "rewards"
    http_port: int = 8004
    # Days after a month's (or quarter's) last day before its awards may run; a closed year
    # may always run. 0: the day after the period ends.
    close_grace_days: int = Field(default=0, ge=0, le=90)
    # Periods nobody ran are run by the service this many days after they end (PPK ratings
    # and appeals are due by then), checked every AUTO_RUN_INTERVAL_SECONDS (0: never).
    auto_run_after_days: int = Field(default=45, ge=1, le=365)
    auto_run_interval_seconds: float = Field(default=3600.0, ge=0)
