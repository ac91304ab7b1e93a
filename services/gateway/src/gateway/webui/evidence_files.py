"""An evidence file chosen in the progress form, stored by the targets service for the report.

The file travels as the API's upload does (raw bytes with the part's own content type); the
service answers a ``file:<id>`` reference that the report cites like a link.
"""

from fastapi import Request

from gateway.webui.calls import Answer, call
from gateway.webui.file_fields import chosen_file
from gateway.webui.forms import Form
from gateway.webui.i18n import Translator

EVIDENCE_INPUT = "evidence_file"
# Browsers that send no type for a part: the service refuses it with its list of accepted ones.
UNKNOWN_TYPE = "application/octet-stream"


async def store_evidence(request: Request) -> Answer | None:
    """Upload the chosen file (None when none was chosen); the answer carries its reference."""
    chosen = await chosen_file(request, EVIDENCE_INPUT)
    if chosen is None:
        return None
    return await call(
        request,
        "targets",
        "POST",
        "/evidence",
        params={"filename": chosen.filename},
        content=await chosen.read(),
        content_type=chosen.content_type or UNKNOWN_TYPE,
    )


def refuse_evidence(form: Form, answer: Answer, t: Translator) -> Form:
    """Place a refused file (too large, wrong type, empty) on the file input, whatever its field."""
    problem = answer.body if isinstance(answer.body, dict) else {}
    generic = t("error.generic")
    errors = problem.get("errors") or [
        {
            "reason": problem.get("detail") or generic,
            "reason_en": problem.get("detail_en") or generic,
        }
    ]
    on_input = [item | {"field": EVIDENCE_INPUT} for item in errors]
    return form.refuse(Answer(answer.status, problem | {"errors": on_input}), t, {EVIDENCE_INPUT})
