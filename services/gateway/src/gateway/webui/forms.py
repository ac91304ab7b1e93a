"""What a person typed and what the service said about it, field by field.

Input names are the API's field paths (``rhk.0.iki.1.target``, ``answers.U3``), so a
problem+json ``errors[].field`` lands next to the input it is about.
"""

from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from gateway.webui.calls import Answer
from gateway.webui.csrf import CSRF_FIELD
from gateway.webui.i18n import Translator


@dataclass
class Form:
    """Values to show again, messages per input, and those that belong to no input."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)

    def value(self, name: str, default: str = "") -> str:
        """What the input shows: the typed value, else ``default``."""
        return self.values.get(name, default)

    def error(self, name: str) -> str:
        """The message about one input (empty when none)."""
        return self.errors.get(name, "")

    @property
    def invalid(self) -> bool:
        """Whether anything needs the person's attention."""
        return bool(self.errors or self.summary)

    def refuse(self, answer: Answer, t: Translator, inputs: set[str] | None = None) -> "Form":
        """Take a refusal's messages: each on its input when the form has it, else in the summary."""
        problem = answer.body if isinstance(answer.body, dict) else {}
        shown = set(self.values) | (inputs or set())
        unplaced: list[tuple[str, str]] = []
        for item in problem.get("errors") or []:
            name = _input_for(str(item.get("field") or ""), shown)
            message = t.pick(item.get("reason"), item.get("reason_en"))
            if name in shown and name not in self.errors:
                self.errors[name] = message
            else:
                unplaced.append((name, message))
        # A list refused because its item was (``rhk.0.iki`` after ``rhk.0.iki.0.target``)
        # adds nothing the person can act on.
        self.summary += [
            message
            for name, message in unplaced
            if not name or not any(placed.startswith(f"{name}.") for placed in self.errors)
        ]
        if not self.summary and not self.errors:
            self.summary.append(
                t.pick(problem.get("detail"), problem.get("detail_en")) or t("error.generic")
            )
        return self


def _input_for(field_path: str, shown: set[str]) -> str:
    """The input a field path is about: itself, or its nearest shown parent (``evidence.2``)."""
    parts = field_path.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in shown:
            return candidate
    return field_path


async def read_form(request: Request) -> Form:
    """The submitted text fields (files and the CSRF token left out)."""
    submitted = await request.form()
    values = {
        name: value.strip()
        for name, value in submitted.items()
        if isinstance(value, str) and name != CSRF_FIELD
    }
    return Form(values=values)


def present(**values: Any) -> dict[str, Any]:
    """A request body without the fields left empty (the service applies its defaults)."""
    return {name: value for name, value in values.items() if value not in ("", None, [], {})}


def number(text: str) -> float | str:
    """A typed number (comma or point as decimal mark); otherwise the text, for the service to refuse."""
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text


def whole(text: str) -> int | str:
    """A typed whole number; otherwise the text, for the service to refuse."""
    try:
        return int(text)
    except ValueError:
        return text
