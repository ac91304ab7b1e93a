"""Names a page may show for NIPs: the reader's own, and a PPK's direct reports.

The rewards service answers with NIPs; the targets service's team view names a PPK's reports.
"""

from fastapi import Request

from gateway.webui.award_views import Names
from gateway.webui.calls import call
from kit.auth import Principal, Role


async def known_people(request: Request, user: Principal, year: int | str) -> Names:
    """The reader and, for a PPK, their team of ``year`` (a failed read names nobody more)."""
    people = {user.nip: user.name or user.nip}
    if user.has(Role.PPK):
        team = await call(request, "targets", "GET", "/monitoring/team", params={"year": year})
        items = team.body.get("items", []) if team.ok else []
        people |= {member["nip"]: member.get("name") or member["nip"] for member in items}
    return Names(people=people)
