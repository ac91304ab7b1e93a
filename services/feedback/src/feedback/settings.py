"""Feedback service settings (environment prefix ``FEEDBACK_``)."""

from datetime import date

from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class FeedbackSettings(ServiceSettings):
    """Settings of the feedback service."""

    model_config = SettingsConfigDict(env_prefix="FEEDBACK_", extra="ignore")

    service_name: str = "feedback"
    http_port: int = 8002
    # Joint leave (cuti bersama) and regional days off: not in the national holiday list.
    extra_days_off: frozenset[date] = frozenset()
