"""A region's public "ASN Terbaik" board, read on the server (it needs no sign-in)."""

from fastapi import Request

from gateway.upstream import segment
from gateway.webui.award_views import UnitNames, unit_names_from_board
from gateway.webui.calls import Answer, call


async def public_board(request: Request, region: str, period: str | None) -> Answer:
    """The board of ``period`` (None: the newest month that ran), as anyone may see it."""
    path = f"/public/rewards/board/{segment(region)}"
    return await call(request, "rewards", "GET", path, params={"period": period}, public=True)


async def unit_names(request: Request, region: str, period: str) -> UnitNames:
    """Names of the units with a winner in the period (run answers carry unit ids only)."""
    answer = await public_board(request, region, period)
    return unit_names_from_board(answer.body if answer.ok else None)
