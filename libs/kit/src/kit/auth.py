"""Who is calling: bearer tokens verified on every request, in the gateway and every service.

Tokens come from the region's OpenID Connect provider (verified against its JWKS). In
development a shared HS256 secret stands in, so ``make run`` works with no identity provider.
"""

import time
from enum import StrEnum
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request
from pydantic import BaseModel, ConfigDict, ValidationError

from contracts.vocabulary import Nip, Region
from kit.problems import DomainProblem
from kit.settings import ServiceSettings

SESSION_COOKIE = "kinerja_session"
"""The browser session: the same bearer token in an HTTP-only cookie."""


class Role(StrEnum):
    """What a caller may do, before relationships (my PPK, my unit) narrow it further."""

    PEGAWAI = "pegawai"
    PPK = "ppk"
    UNIT_ADMIN = "unit_admin"
    REGION_ADMIN = "region_admin"
    AUDITOR = "auditor"


class Principal(BaseModel):
    """The authenticated caller as the claims describe them."""

    model_config = ConfigDict(frozen=True)

    nip: Nip
    region: Region
    roles: frozenset[Role]
    name: str = ""

    def has(self, role: Role) -> bool:
        """Whether the caller holds ``role``."""
        return role in self.roles


class TokenVerifier:
    """Checks signature, issuer, audience and expiry, then reads the Kinerja claims."""

    def __init__(self, settings: ServiceSettings) -> None:
        self._issuer = settings.auth_issuer
        self._audience = settings.auth_audience
        self._secret = settings.auth_hs256_secret
        self._jwks = jwt.PyJWKClient(settings.auth_jwks_url) if settings.auth_jwks_url else None
        self._regions = settings.regions

    def _key(self, token: str) -> Any:
        if self._jwks is not None:
            return self._jwks.get_signing_key_from_jwt(token).key
        return self._secret

    def verify(self, token: str) -> Principal:
        """The principal behind a valid token; ``DomainProblem(401)`` for anything else."""
        algorithms = ["RS256", "ES256"] if self._jwks is not None else ["HS256"]
        try:
            claims = jwt.decode(
                token,
                self._key(token),
                algorithms=algorithms,
                audience=self._audience,
                issuer=self._issuer,
                options={"require": ["exp", "iat", "sub"]},
            )
            principal = Principal(
                nip=claims["nip"],
                region=claims["region"],
                roles=claims.get("roles", []),
                name=claims.get("name", ""),
            )
        except jwt.PyJWKClientConnectionError as error:
            # The identity provider is down: the token may be fine, so do not call it invalid.
            raise DomainProblem(
                503,
                reason_id="Penyedia identitas tidak dapat dihubungi, coba lagi sebentar lagi",
                reason_en="The identity provider cannot be reached, try again shortly",
            ) from error
        except (jwt.PyJWTError, KeyError, ValidationError) as error:
            raise DomainProblem(
                401,
                reason_id="Token tidak sah atau kedaluwarsa",
                reason_en=f"Invalid or expired token: {error}",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            ) from error
        if self._regions and principal.region not in self._regions:
            raise DomainProblem(
                403,
                field="region",
                reason_id="Layanan ini tidak melayani wilayah Anda",
                reason_en="This deployment does not serve your region",
            )
        return principal


def bearer_token(request: Request) -> str:
    """The token from the Authorization header or, for browsers, the session cookie."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        return cookie
    raise DomainProblem(
        401,
        reason_id="Perlu masuk terlebih dahulu",
        reason_en="Authentication required",
        headers={"WWW-Authenticate": "Bearer"},  # RFC 6750: say which scheme is expected
    )


def authenticate(request: Request) -> Principal:
    """FastAPI dependency: every route that takes a ``Caller`` is authenticated.

    The principal is also left on ``request.state.principal`` for middleware that reports
    who did what (the gateway's audit log).
    """
    verifier: TokenVerifier = request.app.state.token_verifier
    principal = verifier.verify(bearer_token(request))
    request.state.principal = principal
    return principal


Caller = Annotated[Principal, Depends(authenticate)]


def require_role(caller: Principal, *roles: Role) -> None:
    """Refuse with 403 unless the caller holds one of ``roles``."""
    if not any(caller.has(role) for role in roles):
        wanted = ", ".join(roles)
        raise DomainProblem(
            403, reason_id=f"Hanya untuk peran: {wanted}", reason_en=f"Only for roles: {wanted}"
        )


def require_region(caller: Principal, region: str) -> None:
    """Refuse with 403 when the data belongs to another region than the caller's."""
    if caller.region != region:
        raise DomainProblem(
            403, reason_id="Data milik wilayah lain", reason_en="The data belongs to another region"
        )


def issue_development_token(
    settings: ServiceSettings, principal: Principal, *, ttl_seconds: int = 8 * 3600
) -> str:
    """Sign a token with the development secret (demo login, tests); refused in production."""
    if not settings.auth_hs256_secret or settings.environment == "production":
        raise RuntimeError("development tokens exist only in development and test deployments")
    now = int(time.time())
    claims = {
        "iss": settings.auth_issuer,
        "aud": settings.auth_audience,
        "sub": principal.nip,
        "iat": now,
        "exp": now + ttl_seconds,
        "nip": principal.nip,
        "region": principal.region,
        "roles": sorted(principal.roles),
        "name": principal.name,
    }
    return jwt.encode(claims, settings.auth_hs256_secret, algorithm="HS256")
