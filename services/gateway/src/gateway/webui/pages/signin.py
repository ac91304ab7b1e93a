"""Sign in (demo: pick a person), sign out, and the language switch."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import RedirectResponse

from gateway.rate_limits import login_rate_limit
from gateway.sessions import SESSION_SECONDS, end_session, start_session
from gateway.webui.csrf import verify
from gateway.webui.forms import Form, read_form
from gateway.webui.i18n import CATALOGUES, DEFAULT_LANGUAGE, LANG_COOKIE, Translator, language
from gateway.webui.rendering import render
from gateway.webui.routing import WebRoute
from gateway.webui.session import optional_user, safe_next
from gateway.webui.settings import web_config
from kit.auth import SESSION_COOKIE, issue_development_token

router = APIRouter(route_class=WebRoute, include_in_schema=False)
Next = Annotated[str | None, Query(alias="next")]


def _login_page(request: Request, next_path: str, form: Form, status: int = 200) -> Response:
    people = sorted(
        web_config(request).demo_people.values(), key=lambda person: (person.region, person.name)
    )
    expired = SESSION_COOKIE in request.cookies and optional_user(request) is None
    return render(
        request,
        "login.html",
        status=status,
        form=form,
        people=people,
        next_path=next_path,
        expired=expired,
    )


@router.get("/masuk")
async def login_form(request: Request, next_path: Next = None) -> Response:
    """The sign-in page; in production it names the region's identity provider."""
    return _login_page(request, safe_next(next_path), Form())


@router.post("/masuk", dependencies=[Depends(login_rate_limit), Depends(verify)])
async def login(request: Request) -> Response:
    """Demo sign-in: a session cookie for the chosen person, then back where they were going."""
    form = await read_form(request)
    next_path = safe_next(form.value("next"))
    config = web_config(request)
    person = config.demo_people.get(form.value("nip"))
    if person is None:
        form.errors["nip"] = Translator(language(request))("login.choose_person")
        return _login_page(request, next_path, form, status=422)
    token = issue_development_token(config.gateway, person, ttl_seconds=SESSION_SECONDS)
    response = RedirectResponse(next_path, status_code=303)
    start_session(response, token, config.gateway)
    return response


@router.post("/keluar", dependencies=[Depends(verify)])
async def logout(request: Request) -> Response:
    """End the session: the cookie is removed and the sign-in page shown."""
    response = RedirectResponse("/masuk", status_code=303)
    end_session(response, web_config(request).gateway)
    return response


@router.get("/bahasa")
async def switch_language(
    request: Request, lang: str = DEFAULT_LANGUAGE, next_path: Next = None
) -> Response:
    """Remember the chosen language for a year and return to the page."""
    response = RedirectResponse(safe_next(next_path), status_code=303)
    chosen = lang if lang in CATALOGUES else DEFAULT_LANGUAGE
    response.set_cookie(LANG_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="lax")
    return response
