"""Forms that carry a whole file (reward rules, payroll's CSV): chosen as a file or pasted.

The file is read here, on the server, and sent as the API's ``text``. A refused file keeps
its text in the textarea, and every problem inside it is listed with where it is
(``monthly.unit.top_n``, ``baris 3.nip``), since those places are not inputs of the form.
"""

from dataclasses import dataclass

from fastapi import Request
from starlette.datastructures import UploadFile

from gateway.webui.calls import Answer
from gateway.webui.forms import Form
from gateway.webui.i18n import Translator


@dataclass(frozen=True)
class Upload:
    """A chosen file: its name and its text."""

    name: str
    text: str


@dataclass(frozen=True)
class FileProblem:
    """One problem inside a file: where (a path or line) and why, in the person's language."""

    where: str
    message: str


async def chosen_file(request: Request, name: str) -> UploadFile | None:
    """The file chosen in input ``name`` (None when none was: browsers send an empty part)."""
    chosen = (await request.form()).get(name)
    return chosen if isinstance(chosen, UploadFile) and chosen.filename else None


async def uploaded(request: Request, name: str) -> Upload | None:
    """The file chosen in input ``name`` as text (None when no file was chosen)."""
    chosen = await chosen_file(request, name)
    if chosen is None:
        return None
    data = await chosen.read()
    # Spreadsheet programs often save UTF-8 with a byte-order mark.
    return Upload(str(chosen.filename), data.decode("utf-8-sig", errors="replace"))


def refuse_file(
    form: Form,
    answer: Answer,
    t: Translator,
    *,
    text_input: str,
    message_key: str | None = None,
    **params: object,
) -> list[FileProblem]:
    """Place a refusal: errors about the form's own inputs next to them, the file's in a list.

    When the file itself has problems, ``text_input`` says so: the catalogue's
    ``message_key`` (given ``count`` and ``params``), else the service's own detail.
    """
    problem = answer.body if isinstance(answer.body, dict) else {}
    errors = problem.get("errors") or []
    inside = [item for item in errors if item.get("field") and item["field"] not in form.values]
    if not inside:
        form.refuse(answer, t)
        return []
    own = [item for item in errors if item not in inside]
    if own:
        form.refuse(Answer(answer.status, {"errors": own}), t)
    problems = [
        FileProblem(str(item["field"]), t.pick(item.get("reason"), item.get("reason_en")))
        for item in inside
    ]
    message = (
        t(message_key, count=len(problems), **params)
        if message_key
        else t.pick(problem.get("detail"), problem.get("detail_en"))
    )
    form.errors.setdefault(text_input, message)
    return problems
