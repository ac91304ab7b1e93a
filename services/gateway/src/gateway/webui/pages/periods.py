"""Region HR opens and closes performance years."""

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse

from gateway.webui.calls import call
from gateway.webui.csrf import verify
from gateway.webui.forms import Form, read_form, whole
from gateway.webui.i18n import Translator, language
from gateway.webui.rendering import render
from gateway.webui.routing import WebRoute
from gateway.webui.session import require_user
from gateway.webui.years import periods
from kit.auth import Role

router = APIRouter(route_class=WebRoute, include_in_schema=False)
CADENCES = ("monthly", "quarterly")


async def _page(request: Request, form: Form | None = None, status: int = 200) -> Response:
    return render(
        request,
        "periods.html",
        status=status,
        periods=await periods(request),
        cadences=CADENCES,
        form=form or Form(),
    )


@router.get("/periode")
async def list_periods(request: Request) -> Response:
    """The region's years with their status, and the form to open the next one."""
    require_user(request, Role.REGION_ADMIN)
    return await _page(request)


@router.post("/periode", dependencies=[Depends(verify)])
async def open_period(request: Request) -> Response:
    """Open a year with its evaluation cadence."""
    require_user(request, Role.REGION_ADMIN)
    form = await read_form(request)
    body = {"year": whole(form.value("year")), "cadence": form.value("cadence")}
    answer = await call(request, "targets", "POST", "/periods", json_body=body)
    if answer.ok:
        return RedirectResponse("/periode?opened=1", status_code=303)
    form.refuse(answer, Translator(language(request)))
    return await _page(request, form, answer.status)


@router.post("/periode/{year}/tutup", dependencies=[Depends(verify)])
async def close_period(request: Request, year: int) -> Response:
    """Close a year: its plans and reports no longer change."""
    require_user(request, Role.REGION_ADMIN)
    answer = await call(request, "targets", "POST", f"/periods/{year}/close")
    if not answer.ok:
        form = Form()
        form.refuse(answer, Translator(language(request)))
        return await _page(request, form, answer.status)
    return RedirectResponse("/periode?closed=1", status_code=303)
