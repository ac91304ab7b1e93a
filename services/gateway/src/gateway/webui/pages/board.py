"""The public "ASN Terbaik" board of a region (no sign-in), and printing a winner's certificate.

The board is what the region publishes: names, units, award titles and strengths. It is
rate-limited like the citizens' pages. The certificate needs a session: the rewards service
lets the winner, their PPK and region HR print it.
"""

import re
from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from gateway.rate_limits import citizen_rate_limit
from gateway.upstream import segment
from gateway.webui.award_views import by_scope, unit_names_from_board
from gateway.webui.boards import public_board
from gateway.webui.calls import fetch_file
from gateway.webui.forms import Form
from gateway.webui.i18n import Translator, language
from gateway.webui.people import own_and_team
from gateway.webui.rendering import render
from gateway.webui.routing import WebRoute
from gateway.webui.session import optional_user, require_user
from kit.auth import Role

router = APIRouter(route_class=WebRoute, include_in_schema=False)
REGION_SHAPE = re.compile(r"^[a-z][a-z0-9-]{1,39}$")


async def _printable(request: Request, region: str, board: dict[str, Any]) -> set[str]:
    """Awards whose certificate the reader may print: their own, their team's, all for HR.

    Only decides which links to show; the rewards service checks again when one is followed.
    """
    user = optional_user(request)
    entries = board.get("entries") or []
    if user is None or user.region != region:
        return set()
    if user.has(Role.REGION_ADMIN):
        return {entry["award_id"] for entry in entries}
    mine = await own_and_team(request, user, str(board["period"])[:4])
    return {entry["award_id"] for entry in entries if entry["nip"] in mine}


@router.get("/papan/{region}", dependencies=[Depends(citizen_rate_limit)])
async def board_page(request: Request, region: str, period: str = "") -> Response:
    """Region winners, then each unit's, with their strengths; a period picker; no sign-in."""
    t = Translator(language(request))
    if not REGION_SHAPE.match(region):
        return render(request, "error.html", status=404, reason=t("board.unknown"))
    form = Form(values={"period": period})
    answer = await public_board(request, region, period or None)
    if not answer.ok:
        form.refuse(answer, t)
        return render(request, "rewards/board.html", status=answer.status, region=region, form=form)
    board = answer.body
    return render(
        request,
        "rewards/board.html",
        region=region,
        form=Form(values={"period": board.get("period") or ""}),
        board=board,
        groups=by_scope(board.get("entries") or [], unit_names_from_board(board)),
        printable=await _printable(request, region, board),
    )


@router.get("/piagam/{award_id}")
async def certificate(request: Request, award_id: str) -> Response:
    """The award's certificate as a PDF to print; a revoked award or a stranger is told why not."""
    require_user(request)
    path = f"/rewards/awards/{segment(award_id)}/certificate.pdf"
    return await fetch_file(request, "rewards", path)
