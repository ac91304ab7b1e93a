"""Feedback service settings (environment prefix ``FEEDBACK_``)."""

from typing import Self

import limits
from pydantic import Field, model_validator
from pydantic_settings import SettingsConfigDict

from kit.settings import DEMO_JWT_SECRET, ServiceSettings

# Signs citizen feedback tokens outside production only; never the staff login secret.
DEMO_CITIZEN_TOKEN_SECRET = "kinerja-demo-citizen-token-secret-change-me"  # noqa: S105


class FeedbackSettings(ServiceSettings):
    """Settings of the feedback service."""

    model_config = SettingsConfigDict(env_prefix="FEEDBACK_", extra="ignore")

    service_name: str = "feedback"
    http_port: int = 8002

    # Citizen feedback tokens (IKM survey, complaints), HS256; refused empty in production.
    citizen_token_secret: str = ""
    citizen_token_max_hours: int = Field(default=24 * 90, ge=1, le=24 * 366)
    # Where the printed QR codes point: ``{public_base_url}/survei/{token}`` (the web front).
    public_base_url: str = "http://127.0.0.1:8000"
    # In-memory rate limits (``limits`` notation): valid because the service runs one replica.
    citizen_rate_per_ip: str = "20/hour"
    citizen_rate_per_unit: str = "600/hour"
    # Identical answers and text from the same client within this window are refused (409).
    citizen_duplicate_minutes: int = Field(default=30, ge=1, le=24 * 60)
    # A complaint still open after this many working days is overdue.
    complaint_response_working_days: int = Field(default=5, ge=1, le=60)
    # The region's clock for survey months: WIB 7, WITA 8, WIT 9 (Indonesia has no DST).
    local_utc_offset_hours: int = Field(default=7, ge=7, le=9)
    # Keberatan: filed within this many working days of receiving the evaluation, decided by
    # the atasan PPK within the second number of working days after filing.
    appeal_filing_days: int = Field(default=14, ge=1, le=60)
    appeal_decision_days: int = Field(default=7, ge=1, le=60)

    @model_validator(mode="after")
    def _citizen_token_safety(self) -> Self:
        for rate in (self.citizen_rate_per_ip, self.citizen_rate_per_unit):
            limits.parse(rate)  # raises ValueError on a malformed limit
        if self.environment == "production":
            if len(self.citizen_token_secret) < 32:
                raise ValueError("citizen_token_secret of 32+ characters is required in production")
            if self.citizen_token_secret in (DEMO_CITIZEN_TOKEN_SECRET, DEMO_JWT_SECRET):
                raise ValueError("citizen_token_secret must not be a demo secret in production")
        elif not self.citizen_token_secret:
            self.citizen_token_secret = DEMO_CITIZEN_TOKEN_SECRET
        return self

    # PPK assessments: the PPK has this many working days after the period's end; then the
    # atasan PPK may rate, and that result is final (domain.md section 4).
    assessment_deadline_days: int = Field(default=14, ge=1, le=60)
    # 360 feedback: a peer or subordinate group is shown only with at least k answers.
    anonymity_k: int = Field(default=3, ge=2, le=50)
    # HMAC key of rater pseudonyms and one-per-rater submission ids; refused empty in production.
    pseudonym_secret: str = ""

    @model_validator(mode="after")
    def _pseudonym_safety(self) -> Self:
        if self.environment == "production":
            if len(self.pseudonym_secret) < 32:
                raise ValueError("pseudonym_secret of 32+ characters is required in production")
            if self.pseudonym_secret in (DEMO_PSEUDONYM_SECRET, DEMO_JWT_SECRET):
                raise ValueError("pseudonym_secret must not be a demo secret in production")
            if self.pseudonym_secret == self.citizen_token_secret:
                raise ValueError("pseudonym_secret must differ from citizen_token_secret")
        elif not self.pseudonym_secret:
            self.pseudonym_secret = DEMO_PSEUDONYM_SECRET
        return self


# Keys 360 pseudonyms outside production only (refused there, see ``_pseudonym_safety``).
DEMO_PSEUDONYM_SECRET = "kinerja-demo-pseudonym-secret-change-me"  # noqa: S105
