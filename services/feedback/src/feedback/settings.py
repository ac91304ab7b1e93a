"""Feedback service settings (environment prefix ``FEEDBACK_``)."""

from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class FeedbackSettings(ServiceSettings):
    """Settings of the feedback service."""

    model_config = SettingsConfigDict(env_prefix="FEEDBACK_", extra="ignore")

    service_name: str = "feedback"
    http_port: int = 8002
