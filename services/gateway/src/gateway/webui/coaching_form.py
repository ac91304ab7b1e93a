"""The coaching plan's forms: a competency check as rows, feedback on sessions not yet rated.

A check is typed as rows (``competency.0`` and ``score.0`` ...) but sent as one mapping
``scores {competency: 1-5}``; the service's error paths (``scores.Komunikasi``) are mapped
back to the row that showed them.
"""

from dataclasses import dataclass, field
from typing import Any

from gateway.webui.calls import Answer
from gateway.webui.forms import Form, present, whole

CHECK_ROWS = 3


@dataclass
class CheckBody:
    """The check to send, and which input each of its paths came from."""

    body: dict[str, Any]
    inputs: dict[str, str] = field(default_factory=dict)

    def shown(self, answer: Answer) -> Answer:
        """The refusal with its error paths renamed to the inputs the person sees."""
        problem = answer.body if isinstance(answer.body, dict) else {}
        errors = [
            item | {"field": self.inputs.get(str(item.get("field")), item.get("field"))}
            for item in problem.get("errors") or []
        ]
        return Answer(answer.status, problem | {"errors": errors})


def check_body(form: Form) -> CheckBody:
    """The competency check as typed; rows without a competency are not sent."""
    scores: dict[str, Any] = {}
    inputs = {"scores": "competency.0"}
    for row in range(CHECK_ROWS):
        competency = form.value(f"competency.{row}")
        if competency:
            scores[competency] = whole(form.value(f"score.{row}"))
            inputs[f"scores.{competency}"] = f"score.{row}"
    body = present(checked_on=form.value("checked_on")) | {"scores": scores}
    return CheckBody(body, inputs)


def awaiting_feedback(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """The plan's sessions the coachee has not yet said anything about, oldest first."""
    rated = {item["session_id"] for item in plan.get("feedback") or []}
    return [item for item in plan.get("sessions") or [] if item["session_id"] not in rated]


def feedback_by_session(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The coachee's feedback keyed by the session it is about."""
    return {item["session_id"]: item for item in plan.get("feedback") or []}
