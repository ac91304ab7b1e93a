"""Scoring service settings (environment prefix ``SCORING_``)."""

from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class ScoringSettings(ServiceSettings):
    """Settings of the scoring service."""

    model_config = SettingsConfigDict(env_prefix="SCORING_", extra="ignore")

    service_name: str = "scoring"
    http_port: int = 8003
