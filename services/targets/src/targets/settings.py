"""Targets service settings (environment prefix ``TARGETS_``)."""

from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class TargetsSettings(ServiceSettings):
    """Settings of the targets service."""

    model_config = SettingsConfigDict(env_prefix="TARGETS_", extra="ignore")

    service_name: str = "targets"
    http_port: int = 8001
