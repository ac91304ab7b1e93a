"""Service settings from the environment, one prefix per service (``TARGETS_KAFKA_BOOTSTRAP``)."""

from datetime import date
from typing import Literal, Self

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEMO_JWT_SECRET = "kinerja-demo-secret-change-me-0123456789"  # noqa: S105 - refused outside development


class ServiceSettings(BaseSettings):
    """What every service needs; subclasses set ``env_prefix`` and add their own fields."""

    model_config = SettingsConfigDict(env_prefix="KINERJA_", extra="ignore")

    service_name: str = "kinerja"
    environment: Literal["development", "test", "production"] = "development"
    http_host: str = "127.0.0.1"
    http_port: int = 8000

    kafka_bootstrap: str = "127.0.0.1:19092"
    kafka_partitions: int = Field(default=3, ge=1)
    kafka_replication: int = Field(default=1, ge=1)
    mongo_url: str = "mongodb://127.0.0.1:27117/?directConnection=true"
    mongo_database: str = ""
    # One stack serves one region in production (data stays in the region); empty = any region.
    # Consumers skip other regions' events and tokens of other regions are refused.
    regions: frozenset[str] = frozenset()

    # Joint leave (cuti bersama) and regional days off, not in the national holiday list: for
    # working-day deadlines (feedback) and consecutive days of absence (scoring).
    extra_days_off: frozenset[date] = frozenset()

    consumer_attempts: int = Field(default=3, ge=1, le=20)
    # Records per polled batch: one offset commit (and, for batch handlers, one write) each.
    consumer_batch_records: int = Field(default=200, ge=1, le=20000)
    outbox_poll_seconds: float = Field(default=1.0, gt=0)

    auth_issuer: str = "kinerja-demo"
    auth_audience: str = "kinerja"
    auth_jwks_url: str = ""
    auth_hs256_secret: str = ""

    @model_validator(mode="after")
    def _defaults_and_safety(self) -> Self:
        if not self.mongo_database:
            self.mongo_database = f"kinerja_{self.service_name}"
        if self.environment == "production":
            if self.auth_hs256_secret:
                raise ValueError("auth_hs256_secret is for development only; set auth_jwks_url")
            if not self.auth_jwks_url:
                raise ValueError("auth_jwks_url is required in production")
        elif not self.auth_jwks_url and not self.auth_hs256_secret:
            self.auth_hs256_secret = DEMO_JWT_SECRET
        return self
