"""Rate limits per client address on the routes anyone may call: citizens' and sign-in."""

import math
import time
from enum import StrEnum

import limits
from fastapi import Request
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from kit.problems import DomainProblem


class Audience(StrEnum):
    """Who a limited route serves; each has its own limit and its own counters."""

    CITIZEN = "citizen"
    LOGIN = "login"


class RateLimits:
    """Moving windows kept in this process's memory (each gateway replica counts alone)."""

    def __init__(self, per_audience: dict[Audience, str]) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._items = {audience: limits.parse(rate) for audience, rate in per_audience.items()}

    def hit(self, audience: Audience, client: str) -> None:
        """Count one request of ``client``; 429 with ``Retry-After`` once over the limit."""
        item = self._items[audience]
        if self._limiter.hit(item, audience, client):
            return
        reset_at = self._limiter.get_window_stats(item, audience, client).reset_time
        retry_after = max(1, math.ceil(reset_at - time.time()))
        raise DomainProblem(
            429,
            reason_id=f"Terlalu banyak permintaan; coba lagi dalam {retry_after} detik",
            reason_en=f"Too many requests; try again in {retry_after} seconds",
            headers={"Retry-After": str(retry_after)},
        )


class RateLimited:
    """Route dependency: count the request against its audience's limit before the route runs."""

    def __init__(self, audience: Audience) -> None:
        self.audience = audience

    async def __call__(self, request: Request) -> None:
        """Count this request; the address is the client's as the ASGI server reports it."""
        # Behind a reverse proxy, uvicorn puts the real client here only for trusted proxies
        # (FORWARDED_ALLOW_IPS); otherwise every citizen would share the proxy's counter.
        client = request.client.host if request.client is not None else "unknown"
        rate_limits: RateLimits = request.app.state.rate_limits
        rate_limits.hit(self.audience, client)


citizen_rate_limit = RateLimited(Audience.CITIZEN)
login_rate_limit = RateLimited(Audience.LOGIN)
