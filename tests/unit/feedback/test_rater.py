"""Feedback rules: only an employee's own PPK may rate them."""

from typing import Any

import pytest

from feedback import service
from kit.problems import DomainProblem
from tests import factories


def directory_record(nip: str, supervisor: str | None) -> dict[str, Any]:
    return factories.employee(nip, supervisor=supervisor).model_dump(mode="json")


def test_the_ppk_may_rate_their_subordinate() -> None:
    ppk, staff = factories.nip(), factories.nip()

    service.check_rater(ppk, directory_record(staff, supervisor=ppk))


def test_someone_else_may_not_rate() -> None:
    ppk, staff, stranger = factories.nip(), factories.nip(), factories.nip()

    with pytest.raises(DomainProblem) as raised:
        service.check_rater(stranger, directory_record(staff, supervisor=ppk))

    assert (raised.value.status, raised.value.field) == (403, "nip")
    assert raised.value.reason_id != raised.value.reason_en


def test_employee_without_a_supervisor_cannot_be_rated_by_anyone() -> None:
    with pytest.raises(DomainProblem) as raised:
        service.check_rater(factories.nip(), directory_record(factories.nip(), supervisor=None))

    assert raised.value.status == 403


def test_self_rating_is_refused_even_when_listed_as_own_supervisor() -> None:
    staff = factories.nip()

    with pytest.raises(DomainProblem) as raised:
        service.check_rater(staff, directory_record(staff, supervisor=staff))

    assert (raised.value.status, raised.value.reason_en) == (403, "Cannot rate yourself")


def test_unknown_employee_is_invalid_input_naming_nip() -> None:
    with pytest.raises(DomainProblem) as raised:
        service.check_rater(factories.nip(), None)

    assert (raised.value.status, raised.value.field) == (422, "nip")
    assert raised.value.reason_id != raised.value.reason_en
