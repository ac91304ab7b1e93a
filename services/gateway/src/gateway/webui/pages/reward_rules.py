"""Region HR's reward rules: the active version, a preview of a new file against it, publishing.

A file is chosen or pasted; the rewards service checks it and says what is wrong where. A
refused file changes nothing: the previous version stays active.
"""

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse

from gateway.webui.award_views import UnitNames, rule_sections
from gateway.webui.boards import unit_names
from gateway.webui.calls import call, fetch
from gateway.webui.charts import bar_chart
from gateway.webui.csrf import verify
from gateway.webui.figures import spread_bars
from gateway.webui.file_fields import FileProblem, refuse_file, uploaded
from gateway.webui.forms import Form, read_form
from gateway.webui.i18n import Translator, language
from gateway.webui.rendering import render
from gateway.webui.routing import WebRoute
from gateway.webui.session import require_user
from gateway.webui.years import last_month
from kit.auth import Role

router = APIRouter(route_class=WebRoute, include_in_schema=False)
READERS = (Role.REGION_ADMIN, Role.AUDITOR)
DEFAULT_SOURCE = "aturan.yaml"


def _preview_charts(preview: dict[str, Any], units: UnitNames, t: Translator) -> dict[str, Any]:
    """The spread per unit and per position type, current against candidate, on one scale."""
    by_unit = spread_bars(preview["by_unit"], units.unit, t)
    by_type = spread_bars(preview["by_position_type"], lambda key: t(f"position.{key}"), t)
    most = max([1.0, *(bar.value for bar in by_unit + by_type)])
    return {
        "unit_chart": bar_chart(by_unit, title=t("preview.by_unit"), maximum=most)
        if by_unit
        else None,
        "type_chart": bar_chart(by_type, title=t("preview.by_type"), maximum=most)
        if by_type
        else None,
    }


async def _page(
    request: Request,
    form: Form | None = None,
    *,
    problems: list[FileProblem] | None = None,
    preview: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    user = require_user(request, *READERS)
    t = Translator(language(request))
    rules = await fetch(request, "rewards", "/rewards/rules")
    active = rules.get("active", {})
    runs = (await fetch(request, "rewards", "/rewards/runs")).get("items", [])
    shown = form or Form(values={"period": runs[0]["period"] if runs else last_month()})
    result: dict[str, Any] = {}
    if preview is not None:
        units = await unit_names(request, user.region, preview["period"])
        result = {"units": units, **_preview_charts(preview, units, t)}
    return render(
        request,
        "rewards/rules.html",
        status=status,
        active=active,
        sections=rule_sections(active, t),
        history=rules.get("history", []),
        form=shown,
        problems=problems or [],
        preview=preview,
        **result,
    )


@router.get("/penghargaan/aturan")
async def reward_rules(request: Request) -> Response:
    """The active rules in readable rows, their history, and the form for a new version."""
    require_user(request, *READERS)
    return await _page(request)


@router.post("/penghargaan/aturan", dependencies=[Depends(verify)])
async def try_or_publish(request: Request) -> Response:
    """Preview a rule file against the active version, or publish it as the new one."""
    require_user(request, Role.REGION_ADMIN)
    t = Translator(language(request))
    form = await read_form(request)
    chosen = await uploaded(request, "file")
    if chosen is not None:
        form.values |= {"text": chosen.text, "source": chosen.name}
    body = {"text": form.value("text"), "source": form.value("source") or DEFAULT_SOURCE}
    publishing = form.value("action") == "publish"
    if publishing:
        answer = await call(request, "rewards", "POST", "/rewards/rules", json_body=body)
    else:
        body["period"] = form.value("period")
        answer = await call(request, "rewards", "POST", "/rewards/rules/preview", json_body=body)
    if answer.ok and publishing:
        version = answer.body["active"]["version"]
        return RedirectResponse(f"/penghargaan/aturan?terbit={version}", status_code=303)
    if answer.ok:
        return await _page(request, form, preview=answer.body)
    problems = refuse_file(form, answer, t, text_input="text", message_key="rules.refused")
    return await _page(request, form, problems=problems, status=answer.status)
