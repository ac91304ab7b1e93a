"""PPK assessments: who rates in which capacity, the PPK's deadline, and the form's rules."""

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from feedback import service
from feedback.documents import AssessmentForm
from feedback.service import AssessmentTerms
from feedback.settings import FeedbackSettings
from kit.auth import Principal, Role
from kit.calendar import WorkingDays
from kit.problems import DomainProblem
from tests import factories

PPK, ATASAN, DELEGATE, HR = (factories.nip() for _ in range(4))
DEADLINE = date(2026, 12, 18)  # 14 working days after 30 November 2026


def caller(nip: str, *roles: Role) -> Principal:
    return Principal(nip=nip, region="palangkaraya", roles=frozenset(roles or (Role.PEGAWAI,)))


def test_the_ppk_deadline_counts_working_days_after_the_period_end() -> None:
    terms = AssessmentTerms(WorkingDays(), 14)

    assert terms.ppk_deadline("2026-11") == DEADLINE
    # Christmas and New Year are national holidays; weekends never count.
    assert terms.ppk_deadline("2025") == date(2026, 1, 22)
    assert AssessmentTerms(WorkingDays({date(2026, 12, 1)}), 14).ppk_deadline("2026-11") == date(
        2026, 12, 21
    )


def test_the_ppk_rates_in_time_and_a_delegate_rates_for_the_ppk() -> None:
    own = service.as_ppk(PPK, PPK, DEADLINE, date(2026, 12, 18))
    assert (own.final, own.on_behalf_of, own.late) == (False, None, False)

    delegated = service.as_ppk(DELEGATE, PPK, DEADLINE, date(2026, 12, 1))
    assert (delegated.final, delegated.on_behalf_of) == (False, PPK)


def test_a_late_ppk_is_still_accepted_but_marked_late() -> None:
    assert service.as_ppk(PPK, PPK, DEADLINE, date(2026, 12, 19)).late


def test_the_atasan_takes_over_after_the_deadline_with_a_final_result() -> None:
    taken = service.as_atasan(caller(ATASAN), PPK, ATASAN, DEADLINE, date(2026, 12, 19))

    assert (taken.final, taken.on_behalf_of) == (True, PPK)


def test_the_atasan_is_refused_until_the_deadline_passed_and_told_the_date() -> None:
    with pytest.raises(DomainProblem) as raised:
        service.as_atasan(caller(ATASAN), PPK, ATASAN, DEADLINE, DEADLINE)

    assert (raised.value.status, raised.value.field) == (403, "nip")
    assert "2026-12-18" in raised.value.reason_en
    assert "2026-12-18" in raised.value.reason_id


def test_region_hr_takes_over_only_when_the_ppk_has_no_supervisor() -> None:
    hr = caller(HR, Role.REGION_ADMIN)

    assert service.as_atasan(hr, PPK, None, DEADLINE, date(2027, 1, 4)).final
    with pytest.raises(DomainProblem) as raised:
        service.as_atasan(hr, PPK, ATASAN, DEADLINE, date(2027, 1, 4))
    assert raised.value.status == 403


def test_someone_else_is_refused_whatever_the_date() -> None:
    for today in (date(2026, 12, 1), date(2027, 6, 1)):
        with pytest.raises(DomainProblem) as raised:
            service.as_atasan(caller(factories.nip()), PPK, ATASAN, DEADLINE, today)
        assert raised.value.status == 403
        assert "atasan PPK" in raised.value.reason_en


def test_the_form_takes_notes_per_berakhlak_value_only() -> None:
    body = {
        "nip": PPK,
        "year": 2026,
        "period": "2026-11",
        "rating_hasil_kerja": "DIATAS",
        "rating_perilaku": "SESUAI",
        "justification": "Capaian melampaui target.",
    }
    form = AssessmentForm.model_validate(body | {"behaviour_notes": {"loyal": "Teladan."}})
    assert list(form.behaviour_notes) == ["loyal"]

    with pytest.raises(ValidationError):
        AssessmentForm.model_validate(body | {"behaviour_notes": {"rajin": "Bukan nilai."}})
    with pytest.raises(ValidationError):
        AssessmentForm.model_validate(body | {"period": "2025-11"})


def test_settings_refuse_a_missing_or_demo_pseudonym_secret_in_production() -> None:
    production: dict[str, Any] = {
        "environment": "production",
        "auth_jwks_url": "https://id.example/jwks",
        "citizen_token_secret": "c" * 40,
    }
    with pytest.raises(ValidationError, match="pseudonym_secret"):
        FeedbackSettings(**production)
    with pytest.raises(ValidationError, match="pseudonym_secret"):
        FeedbackSettings(**production, pseudonym_secret="c" * 40)
    assert FeedbackSettings(**production, pseudonym_secret="p" * 40).anonymity_k == 3
    assert FeedbackSettings().pseudonym_secret  # development gets the demo key
    assert FeedbackSettings().assessment_deadline_days == 14
