"""Whose certificates a reader may be offered: their own, and a PPK's direct reports'.

The targets service's team view lists a PPK's reports; the rewards service checks again.
"""

from fastapi import Request

from gateway.webui.calls import call
from kit.auth import Principal, Role


async def own_and_team(request: Request, user: Principal, year: int | str) -> set[str]:
    """The reader's NIP and, for a PPK, their team's of ``year`` (a failed read adds nobody)."""
    nips = {user.nip}
    if user.has(Role.PPK):
        team = await call(request, "targets", "GET", "/monitoring/team", params={"year": year})
        nips |= {member["nip"] for member in (team.body.get("items", []) if team.ok else [])}
    return nips
