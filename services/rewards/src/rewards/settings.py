"""Rewards service settings (environment prefix ``REWARDS_``)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class RewardsSettings(ServiceSettings):
    """Settings of the rewards service."""

    model_config = SettingsConfigDict(env_prefix="REWARDS_", extra="ignore")

    service_name: str = "rewards"
    http_port: int = 8004
    min_composite: float = Field(default=80.0, ge=0, le=100)
