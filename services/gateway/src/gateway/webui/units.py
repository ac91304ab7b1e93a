"""Which unit a unit page is about: the one asked for, else the person's own."""

from fastapi import Request

from gateway.webui.calls import call
from kit.auth import Principal, Role

# The predicates in the order the curve reads them, best first.
PREDIKATS = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")
ORG_PREDIKATS = ("ISTIMEWA", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")


async def chosen_unit(request: Request, asked: str | None, year: int) -> str | None:
    """``asked``, else the caller's own unit as the targets service knows it (None if none)."""
    if asked:
        return asked
    # The token carries no unit; the cascade view defaults to the caller's own unit.
    answer = await call(request, "targets", "GET", "/monitoring/cascade", params={"year": year})
    unit: str | None = answer.body.get("unit_id") if answer.ok else None
    return unit


async def may_set_predicate(request: Request, user: Principal, unit: str, year: int) -> bool:
    """Whether to offer the predicate form: region HR for any unit, a unit admin for their own.

    Only decides what the page shows; the targets service checks again when it is sent.
    """
    if user.has(Role.REGION_ADMIN):
        return True
    return user.has(Role.UNIT_ADMIN) and unit == await chosen_unit(request, None, year)
