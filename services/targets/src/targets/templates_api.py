"""HTTP API offering sector IKI templates while planning."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from kit.auth import Caller
from targets.templates import Sector, templates_for

router = APIRouter(prefix="/templates", tags=["templates"])


@router.get("", operation_id="templates_list")
async def list_templates(
    caller: Caller, sector: Annotated[Sector | None, Query()] = None
) -> dict[str, Any]:
    """Ready indicators for a sector (or all); the planner sets the target."""
    return {"items": [template.model_dump(mode="json") for template in templates_for(sector)]}
