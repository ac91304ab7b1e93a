"""Citizen feedback tokens: signed (HS256) claims binding one unit, one service and a time window.

The signature makes a token unforgeable and the window makes it expire. Single use is the
store's job, not the token's: a survey (and a citizen complaint) is stored under the token's
``jti`` as ``_id``, so a second use is a duplicate key and can never be counted twice.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any
from uuid import uuid4

import jwt
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from contracts.vocabulary import Identifier, Region
from kit.problems import DomainProblem

ISSUER = "kinerja-feedback"
# Not the staff audience ("kinerja"): a login token is never a citizen token, nor the reverse.
AUDIENCE = "kinerja-citizen"
ALGORITHM = "HS256"
TOKEN_PATTERN = r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$"  # noqa: S105 - a shape
CitizenToken = Annotated[str, StringConstraints(pattern=TOKEN_PATTERN, max_length=2048)]
"""A token as it appears in a URL path: three base64url parts, nothing that could escape a path."""


class _Claims(BaseModel):
    """The claims a valid token carries (anything else in a signed token is ignored)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    region: Region
    unit_id: Identifier
    service_id: Identifier
    bid: Identifier
    jti: Identifier
    nbf: int
    exp: int


@dataclass(frozen=True)
class TokenClaims:
    """What a verified token says: where the citizen was served, and its single-use id."""

    region: str
    unit_id: str
    service_id: str
    batch_id: str
    jti: str
    valid_from: datetime
    valid_until: datetime


def invalid_token(detail: str) -> DomainProblem:
    """401: the token was not issued by this service (forged, altered or garbled)."""
    return DomainProblem(
        401,
        field="token",
        reason_id="Token umpan balik tidak sah",
        reason_en=f"Invalid feedback token ({detail})",
    )


def token_used() -> DomainProblem:
    """409: the token already served its purpose."""
    return DomainProblem(
        409,
        field="token",
        reason_id="Token sudah dipakai",
        reason_en="The token has been used already",
    )


def _timestamp(moment: datetime) -> int:
    return int(moment.timestamp())


class CitizenTokens:
    """Issues and verifies tokens with the service's dedicated secret (never the login secret)."""

    def __init__(self, secret: str, regions: frozenset[str] = frozenset()) -> None:
        if not secret:
            raise ValueError("a citizen token secret is required")
        self._secret = secret
        self._regions = regions

    def issue(
        self,
        *,
        region: str,
        unit_id: str,
        service_id: str,
        batch_id: str,
        valid_from: datetime,
        valid_until: datetime,
    ) -> tuple[str, str]:
        """A fresh ``(jti, token)`` valid in ``[valid_from, valid_until)``."""
        jti = uuid4().hex
        claims: dict[str, Any] = {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "region": region,
            "unit_id": unit_id,
            "service_id": service_id,
            "bid": batch_id,
            "jti": jti,
            "nbf": _timestamp(valid_from),
            "exp": _timestamp(valid_until),
        }
        return jti, jwt.encode(claims, self._secret, algorithm=ALGORITHM)

    def verify(self, token: str, now: datetime | None) -> TokenClaims:
        """The claims of a genuine token valid at ``now``; 401 forged, 403 early, 410 expired.

        ``now`` None checks the signature only (a complainant following up after the window).
        """
        try:
            raw = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                audience=AUDIENCE,
                issuer=ISSUER,
                # The window is checked below against the app's clock (injectable in tests).
                options={
                    "require": ["iss", "aud", "jti", "nbf", "exp"],
                    "verify_exp": False,
                    "verify_nbf": False,
                },
            )
            claims = _Claims.model_validate(raw)
        except jwt.PyJWTError as error:
            raise invalid_token(type(error).__name__) from error
        except ValidationError as error:
            raise invalid_token("claims") from error
        if self._regions and claims.region not in self._regions:
            raise DomainProblem(
                403,
                field="token",
                reason_id="Layanan ini tidak melayani wilayah token ini",
                reason_en="This deployment does not serve the token's region",
            )
        valid_from = datetime.fromtimestamp(claims.nbf, UTC)
        valid_until = datetime.fromtimestamp(claims.exp, UTC)
        if now is not None and now < valid_from:
            raise DomainProblem(
                403,
                field="token",
                reason_id=f"Token belum berlaku (mulai {valid_from:%Y-%m-%d %H:%M} UTC)",
                reason_en=f"The token is not valid yet (from {valid_from:%Y-%m-%d %H:%M} UTC)",
            )
        if now is not None and now >= valid_until:
            raise DomainProblem(
                410,
                field="token",
                reason_id="Token sudah kedaluwarsa",
                reason_en="The token has expired",
            )
        return TokenClaims(
            region=claims.region,
            unit_id=claims.unit_id,
            service_id=claims.service_id,
            batch_id=claims.bid,
            jti=claims.jti,
            valid_from=valid_from,
            valid_until=valid_until,
        )
