"""The SKP workflow: which steps exist, when a plan may change, what an edit changed."""

import pytest

from kit.problems import DomainProblem
from targets import service
from tests import factories

STEPS = [
    (service.DRAFT, service.SUBMITTED),
    (service.SUBMITTED, service.APPROVED),
    (service.SUBMITTED, service.REJECTED),
    (service.REJECTED, service.SUBMITTED),
    (service.APPROVED, service.REVISING),
    (service.REVISING, service.SUBMITTED),
]


@pytest.mark.parametrize(("current", "wanted"), STEPS)
def test_the_workflow_steps_are_allowed(current: str, wanted: str) -> None:
    service.check_transition(current, wanted)


@pytest.mark.parametrize(
    ("current", "wanted"),
    [
        (service.DRAFT, service.REJECTED),
        (service.APPROVED, service.REJECTED),
        (service.REJECTED, service.APPROVED),
        (service.DRAFT, service.REVISING),
        (service.REVISING, service.APPROVED),
    ],
)
def test_shortcuts_through_the_workflow_are_conflicts(current: str, wanted: str) -> None:
    with pytest.raises(DomainProblem) as refused:
        service.check_transition(current, wanted)
    assert refused.value.status == 409


@pytest.mark.parametrize("status", [service.DRAFT, service.REJECTED, service.REVISING])
def test_a_plan_changes_as_draft_after_rejection_or_in_revision(status: str) -> None:
    service.check_editable(status)


@pytest.mark.parametrize("status", [service.SUBMITTED, service.APPROVED])
def test_a_submitted_or_approved_plan_does_not_change_without_a_revision(status: str) -> None:
    with pytest.raises(DomainProblem) as refused:
        service.check_editable(status)
    assert refused.value.status == 409
    assert "revisi" in refused.value.reason_id


def test_an_edit_is_summarised_by_rhk_added_removed_and_changed() -> None:
    before = [factories.rhk(rhk_id="a"), factories.rhk(rhk_id="b"), factories.rhk(rhk_id="c")]
    after = [
        factories.rhk(rhk_id="a"),
        factories.rhk(rhk_id="b", target=250),
        factories.rhk(rhk_id="d"),
    ]
    assert service.plan_changes(before, after) == {
        "added": ["d"],
        "removed": ["c"],
        "changed": ["b"],
    }
