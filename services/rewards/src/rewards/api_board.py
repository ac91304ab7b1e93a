"""The public board per region ("ASN Terbaik Bulan Ini"): no sign-in, only what speaks for winners."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from contracts.vocabulary import Period, Region
from kit.deps import from_app_state
from rewards import views
from rewards.award_runner import AwardRunner
from rewards.honours import Honours

router = APIRouter(prefix="/public/rewards", tags=["rewards"])
HonoursDep = Annotated[Honours, Depends(from_app_state("honours"))]
Runner = Annotated[AwardRunner, Depends(from_app_state("runner"))]


@router.get("/board/{region}", operation_id="rewards_board")
async def public_board(
    region: Region,
    honours: HonoursDep,
    runner: Runner,
    period: Annotated[Period | None, Query()] = None,
) -> dict[str, Any]:
    """A period's winners (default: the latest month that ran); empty when nothing ran yet."""
    chosen = period or await runner.latest_period(region)
    if chosen is None:
        return {"region": region, "period": None, "entries": []}
    return views.board(await honours.board(region, chosen))
