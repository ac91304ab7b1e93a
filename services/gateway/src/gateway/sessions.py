"""Browser sessions: the bearer token in a ``Secure`` (behind HTTPS), HTTP-only cookie."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from gateway.settings import GatewaySettings
from kit.auth import SESSION_COOKIE
from kit.deps import from_app_state

SESSION_SECONDS = 8 * 3600

Settings = Annotated[GatewaySettings, Depends(from_app_state("settings"))]

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


def start_session(response: Response, token: str, settings: GatewaySettings) -> None:
    """Hand the browser its session; scripts cannot read it, other sites cannot send it."""
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
    )


def end_session(response: Response, settings: GatewaySettings) -> None:
    """Tell the browser to forget its session cookie."""
    response.delete_cookie(
        SESSION_COOKIE, httponly=True, samesite="lax", secure=settings.secure_cookies
    )


@router.post("/logout", status_code=204, operation_id="auth_logout")
async def logout(settings: Settings) -> Response:
    """Sign out of the browser session; needs no valid token, so an expired one can leave too."""
    response = Response(status_code=204)
    end_session(response, settings)
    return response
