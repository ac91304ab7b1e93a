"""The start page: what Kinerja is for visitors, the person's journeys once signed in."""

from fastapi import APIRouter, Request, Response

from gateway.webui.rendering import render
from gateway.webui.routing import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)


@router.get("/")
async def home(request: Request) -> Response:
    """Landing page, or the signed-in person's tasks by role."""
    return render(request, "home.html")
