"""Gateway settings (environment prefix ``GATEWAY_``)."""

from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class GatewaySettings(ServiceSettings):
    """Where the services are, and the demo identities for development deployments."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    service_name: str = "gateway"
    http_port: int = 8000
    targets_url: str = "http://127.0.0.1:8001"
    feedback_url: str = "http://127.0.0.1:8002"
    scoring_url: str = "http://127.0.0.1:8003"
    rewards_url: str = "http://127.0.0.1:8004"
    upstream_timeout_seconds: float = Field(default=10.0, gt=0)
    upstream_attempts: int = Field(default=3, ge=1, le=10)
    demo_users_file: Path | None = None
    secure_cookies: bool = False
