"""Refusals of the domain core as HTTP problems, in both languages."""

from kit.problems import DomainProblem
from rewards.bilingual import Refusal
from rewards.rule_loading import RulesRefused


def refused(refusal: Refusal, *, status: int = 409, field: str | None = None) -> DomainProblem:
    """A rule of the domain said no: the request conflicts with the state it meets."""
    return DomainProblem(status, field=field, reason_id=refusal.text.id, reason_en=refusal.text.en)


def rules_refused(outcome: RulesRefused) -> DomainProblem:
    """A rule file that does not validate: every problem with its dotted path (422)."""
    message = outcome.message()
    return DomainProblem(
        422,
        reason_id=message.id,
        reason_en=message.en,
        errors=[
            {"field": item.path, "reason": item.id, "reason_en": item.en}
            for item in outcome.problems
        ],
    )
