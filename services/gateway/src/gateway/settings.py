"""Gateway settings (environment prefix ``GATEWAY_``)."""

from pathlib import Path
from typing import Self

import limits
from pydantic import Field, field_validator, model_validator
from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class GatewaySettings(ServiceSettings):
    """Where the services are, the public entry's limits, and the demo identities."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    service_name: str = "gateway"
    http_port: int = 8000
    targets_url: str = "http://127.0.0.1:8001"
    feedback_url: str = "http://127.0.0.1:8002"
    scoring_url: str = "http://127.0.0.1:8003"
    rewards_url: str = "http://127.0.0.1:8004"
    upstream_timeout_seconds: float = Field(default=10.0, gt=0)
    upstream_attempts: int = Field(default=3, ge=1, le=10)
    # One JSON file per demo region (development and test deployments only).
    demo_users_files: list[Path] = Field(default_factory=list)
    # Served over HTTPS: cookies get ``Secure`` and responses HSTS. Always on in production.
    secure_cookies: bool = False
    # Request bodies above these sizes are refused with 413 before they are read to the end;
    # uploads (evidence files) get their own, larger limit.
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    max_upload_bytes: int = Field(default=3 * 1024 * 1024, ge=1024)
    # Moving windows per client address (``limits`` notation, e.g. "30/minute"), in memory:
    # each gateway replica counts on its own.
    citizen_rate_limit: str = "30/minute"
    login_rate_limit: str = "30/minute"
    # Signs the CSRF tokens of the web forms (``GATEWAY_WEB_CSRF_SECRET``). Required in
    # production; development and test fall back to the development token secret.
    web_csrf_secret: str = ""

    @field_validator("citizen_rate_limit", "login_rate_limit")
    @classmethod
    def _rate_limit_notation(cls, value: str) -> str:
        limits.parse(value)  # raises ValueError on a malformed limit
        return value

    @model_validator(mode="after")
    def _secure_in_production(self) -> Self:
        if self.environment == "production":
            if "secure_cookies" in self.model_fields_set and not self.secure_cookies:
                raise ValueError("secure_cookies cannot be turned off in production")
            self.secure_cookies = True
            if not self.web_csrf_secret:
                raise ValueError("web_csrf_secret is required in production (forms are signed)")
        return self
