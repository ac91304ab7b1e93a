"""What every citizen-facing route shares: the clock, rate limits, client hashes, unit stewards."""

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated

import limits
from fastapi import Depends, Request
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from feedback.settings import FeedbackSettings
from feedback.tokens import CitizenTokens
from kit.auth import Principal, Role
from kit.calendar import WorkingDays
from kit.deps import from_app_state
from kit.directory import EmployeeDirectory
from kit.problems import DomainProblem

Now = Callable[[], datetime]
Clock = Annotated[Now, Depends(from_app_state("clock"))]
"""Route parameter: the app's clock (``contracts.utc_now`` in production, fixed in tests)."""


class CitizenLimits:
    """Moving-window rate limits per client and per unit, kept in process memory.

    Memory storage is correct only because the feedback service runs as a single replica
    (FerretDB has no shared counter we could trust); a second replica would double the limits.
    """

    def __init__(self, per_client: str, per_unit: str) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._per_client = limits.parse(per_client)
        self._per_unit = limits.parse(per_unit)

    def hit_client(self, client_key: str) -> None:
        """Count one submission from a client (hashed address); 429 over the limit."""
        if not self._limiter.hit(self._per_client, "client", client_key):
            raise DomainProblem(
                429,
                field="client",
                reason_id="Terlalu banyak kiriman dari perangkat ini; coba lagi nanti",
                reason_en="Too many submissions from this device; try again later",
            )

    def hit_unit(self, region: str, unit_id: str) -> None:
        """Count one submission for a unit; 429 over the limit (a flood aimed at one unit)."""
        if not self._limiter.hit(self._per_unit, "unit", region, unit_id):
            raise DomainProblem(
                429,
                field="unit_id",
                reason_id="Terlalu banyak kiriman untuk unit ini; coba lagi nanti",
                reason_en="Too many submissions for this unit; try again later",
            )


@dataclass(frozen=True)
class CitizenDesk:
    """The citizen channel's wiring: tokens, limits, keyed hashes and the settings routes need."""

    tokens: CitizenTokens
    limits: CitizenLimits
    hash_key: bytes
    public_base_url: str
    max_token_hours: int
    duplicate_window: timedelta
    utc_offset: timedelta
    response_working_days: int
    working_days: WorkingDays

    def keyed_hash(self, *parts: str) -> str:
        """A salted (HMAC) hash: comparable within this deployment, useless to anyone else."""
        message = "\x1f".join(parts).encode()
        return hmac.new(self.hash_key, message, hashlib.sha256).hexdigest()

    def local(self, moment: datetime) -> datetime:
        """The region's wall-clock time of a UTC moment (naive; for months and dates only)."""
        return (moment + self.utc_offset).replace(tzinfo=None)

    def survey_url(self, token: str) -> str:
        """Where a printed QR code sends the citizen."""
        return f"{self.public_base_url.rstrip('/')}/survei/{token}"


def citizen_desk(settings: FeedbackSettings) -> CitizenDesk:
    """The citizen channel of one process, from its settings."""
    secret = settings.citizen_token_secret
    return CitizenDesk(
        tokens=CitizenTokens(secret, settings.regions),
        limits=CitizenLimits(settings.citizen_rate_per_ip, settings.citizen_rate_per_unit),
        # Domain-separated from the signing use of the same secret.
        hash_key=hmac.new(secret.encode(), b"kinerja-citizen-hash", hashlib.sha256).digest(),
        public_base_url=settings.public_base_url,
        max_token_hours=settings.citizen_token_max_hours,
        duplicate_window=timedelta(minutes=settings.citizen_duplicate_minutes),
        utc_offset=timedelta(hours=settings.local_utc_offset_hours),
        response_working_days=settings.complaint_response_working_days,
        working_days=WorkingDays(settings.extra_days_off),
    )


Desk = Annotated[CitizenDesk, Depends(from_app_state("citizens"))]
"""Route parameter: the app's citizen channel wiring."""


def client_address(request: Request) -> str:
    """The citizen's address: the gateway's ``X-Forwarded-For`` (services are not public)."""
    forwarded = request.headers.get("x-forwarded-for", "")
    first = forwarded.split(",", 1)[0].strip()
    if first:
        return first
    return request.client.host if request.client is not None else "unknown"


def only_own_unit() -> DomainProblem:
    """403 for a unit admin reaching for another unit."""
    return DomainProblem(
        403, field="unit_id", reason_id="Hanya unit Anda sendiri", reason_en="Only your own unit"
    )


async def is_unit_admin_of(caller: Principal, unit_id: str, directory: EmployeeDirectory) -> bool:
    """Whether the caller is a unit admin whose own directory unit is ``unit_id``."""
    if not caller.has(Role.UNIT_ADMIN):
        return False
    own = await directory.get(caller.region, caller.nip)
    return own is not None and own.get("unit_id") == unit_id


async def require_unit_steward(
    caller: Principal, unit_id: str, directory: EmployeeDirectory
) -> dict[str, object]:
    """The unit (422 unknown in the region); only region HR or the unit's own admin (403)."""
    unit = await directory.unit(caller.region, unit_id)
    if unit is None:
        raise DomainProblem(
            422,
            field="unit_id",
            reason_id="Unit tidak dikenal di wilayah ini",
            reason_en="Unknown unit in this region",
        )
    if not caller.has(Role.REGION_ADMIN) and not await is_unit_admin_of(caller, unit_id, directory):
        raise only_own_unit()
    return unit


async def steward_unit_filter(
    caller: Principal, unit_id: str | None, directory: EmployeeDirectory
) -> str | None:
    """The unit a list is about: HR may ask for the whole region (None); a unit admin their unit."""
    if unit_id is not None:
        await require_unit_steward(caller, unit_id, directory)
        return unit_id
    if caller.has(Role.REGION_ADMIN):
        return None
    own = await directory.get(caller.region, caller.nip) if caller.has(Role.UNIT_ADMIN) else None
    if own is None:
        raise DomainProblem(
            403,
            reason_id="Hanya untuk admin unit atau admin wilayah",
            reason_en="Only for unit admins or region HR",
        )
    return str(own["unit_id"])


def officer_reference(desk: CitizenDesk, region: str, nip: str) -> str:
    """The public form's stable, opaque reference of one officer."""
    return desk.keyed_hash("officer", region, nip)[:20]


async def unit_officers(
    directory: EmployeeDirectory, desk: CitizenDesk, region: str, unit_id: str
) -> list[dict[str, str]]:
    """The unit's active staff: name, NIP and an opaque ``ref`` for the public form.

    A NIP encodes birth date and sex, so the public form shows only the name and ``ref``, a
    keyed hash that only this deployment can map back.
    """
    return [
        {
            "ref": officer_reference(desk, region, member["nip"]),
            "name": member["name"],
            "nip": member["nip"],
        }
        for member in await directory.members(region, unit_id)
    ]


def not_an_officer_of_the_unit(field: str) -> DomainProblem:
    """422: only the unit's own active staff can be rated or complained about."""
    return DomainProblem(
        422,
        field=field,
        reason_id="Petugas bukan pegawai aktif unit layanan ini",
        reason_en="The officer is not an active member of this service unit",
    )


async def resolve_officer(
    directory: EmployeeDirectory,
    desk: CitizenDesk,
    region: str,
    unit_id: str,
    *,
    officer_ref: str | None,
    officer_nip: str | None,
) -> str | None:
    """The NIP of the officer named by ``ref`` or NIP, who must be active staff of the unit."""
    if officer_ref is None and officer_nip is None:
        return None
    officers = await unit_officers(directory, desk, region, unit_id)
    if officer_ref is not None:
        by_ref = {officer["ref"]: officer["nip"] for officer in officers}
        if officer_ref not in by_ref:
            raise not_an_officer_of_the_unit("officer_ref")
        return by_ref[officer_ref]
    if officer_nip not in {officer["nip"] for officer in officers}:
        raise not_an_officer_of_the_unit("officer_nip")
    return officer_nip
