"""The server-rendered web application (ADR 020): Jinja2 pages over the public API's services."""

from fastapi import APIRouter

from gateway.webui import static_files
from gateway.webui.pages import (
    awards,
    board,
    citizen,
    coaching,
    feedback,
    home,
    insights,
    periods,
    plan,
    progress,
    reward_rules,
    score,
    signin,
    team,
    unit,
)

router = APIRouter(include_in_schema=False)
PAGES = (
    signin,
    home,
    citizen,
    board,
    plan,
    progress,
    score,
    coaching,
    feedback,
    team,
    insights,
    unit,
    periods,
    awards,
    reward_rules,
)
for module in (static_files, *PAGES):
    router.include_router(module.router)
# Pages whose forms carry a file: the body limit gives them the upload size.
UPLOAD_PATHS = progress.UPLOAD_PATHS
