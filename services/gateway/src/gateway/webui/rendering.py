"""Pages from Jinja2 templates with what every page needs: language, person, CSRF, menu."""

from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import ChainableUndefined, Environment, FileSystemLoader, select_autoescape

from gateway.webui.csrf import CSRF_COOKIE, MAX_AGE_SECONDS, browser_nonce, issue_token
from gateway.webui.forms import Form
from gateway.webui.i18n import Translator, language
from gateway.webui.navigation import menu
from gateway.webui.session import here, optional_user
from gateway.webui.settings import web_config
from gateway.webui.years import period_name

TEMPLATES = Path(__file__).parent / "templates"
environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html", "svg"]),
    undefined=ChainableUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _decimal(value: float | int | None, digits: int = 1, lang: str = "id") -> str:
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    # Indonesian writes 1.234,5 where English writes 1,234.5.
    return text.translate(str.maketrans(",.", ".,")) if lang == "id" else text


def _day(value: str | date | datetime | None) -> str:
    if not value:
        return "–"
    text = value.isoformat() if isinstance(value, date | datetime) else str(value)
    return text[:10]


def _signed(value: float | int | None, digits: int = 1, lang: str = "id") -> str:
    # A change reads better with its sign: +7,9 or -2,0.
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + _decimal(value, digits, lang)


def _pairs(items: list[dict[str, Any]], value: str, label: str) -> list[tuple[str, str]]:
    return [(str(item[value]), str(item[label])) for item in items]


def _labelled(values: list[str], t: Translator, prefix: str) -> list[tuple[str, str]]:
    return [(value, t(prefix + value)) for value in values]


def _as_options(values: list[Any]) -> list[tuple[str, str]]:
    return [(str(value), str(value)) for value in values]


environment.filters["decimal"] = _decimal
environment.filters["as_options"] = _as_options
environment.globals["empty_form"] = Form()
environment.filters["labelled"] = _labelled
environment.filters["pairs"] = _pairs
environment.filters["day"] = _day
environment.filters["signed"] = _signed
environment.filters["period_name"] = period_name


def render(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    """One page in the person's language; sets the CSRF cookie on a browser's first visit."""
    t = Translator(language(request))
    user = optional_user(request)
    page = environment.get_template(template).render(
        request=request,
        t=t,
        lang=t.lang,
        user=user,
        menu=menu(user) if user else [],
        current_path=request.url.path,
        here=here(request),
        csrf_token=issue_token(request),
        demo_login=web_config(request).demo_login,
        **context,
    )
    response = HTMLResponse(page, status_code=status)
    if CSRF_COOKIE not in request.cookies:
        response.set_cookie(
            CSRF_COOKIE,
            browser_nonce(request),
            max_age=MAX_AGE_SECONDS,
            httponly=True,
            samesite="lax",
            secure=web_config(request).gateway.secure_cookies,
        )
    return response
