"""Web routes turn the ways a page can fail into pages: sign in, refused form, service down."""

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute

from gateway.webui.calls import PageProblem
from gateway.webui.csrf import CsrfRejected
from gateway.webui.i18n import Translator, language
from gateway.webui.rendering import render
from gateway.webui.session import LoginRequired, login_url
from kit.problems import DomainProblem

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class WebRoute(APIRoute):
    """An HTML route: failures are shown to a person, never as problem+json."""

    def get_route_handler(self) -> Handler:
        """Wrap FastAPI's handler (dependencies included) with the page-level answers."""
        handle = super().get_route_handler()

        async def handler(request: Request) -> Response:
            try:
                return await handle(request)
            except LoginRequired as missing:
                return RedirectResponse(login_url(missing.next_path), status_code=303)
            except CsrfRejected:
                return render(request, "error.html", status=403, reason_key="error.csrf")
            except PageProblem as problem:
                return _problem_page(request, problem.answer.status, problem.answer.body)
            except DomainProblem as problem:
                body = {"detail": problem.reason_id, "detail_en": problem.reason_en}
                return _problem_page(request, problem.status, body)

        return handler


def _problem_page(request: Request, status: int, body: Any) -> Response:
    t = Translator(language(request))
    problem = body if isinstance(body, dict) else {}
    reason = t.pick(problem.get("detail"), problem.get("detail_en"))
    return render(request, "error.html", status=status, reason=reason, error_status=status)
