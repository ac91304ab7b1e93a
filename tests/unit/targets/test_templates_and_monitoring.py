"""Sector templates are valid indicators; monitoring's achievement uses each IKI's latest report."""

import pytest

from contracts.targets import Iki
from targets import service
from targets.templates import TEMPLATES, Sector, templates_for


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.code)
def test_every_template_becomes_a_valid_indicator_once_a_target_is_set(template: object) -> None:
    fields = template.model_dump(include={"name", "aspek", "unit", "direction"})  # type: ignore[attr-defined]
    Iki(iki_id="iki-1", target=95, **fields)


def test_each_sector_users_asked_for_has_templates_and_codes_are_unique() -> None:
    assert all(templates_for(sector) for sector in Sector)
    assert len({template.code for template in TEMPLATES}) == len(TEMPLATES)
    assert templates_for(None) == list(TEMPLATES)


def test_time_indicators_such_as_complaint_response_are_lower_is_better() -> None:
    by_code = {template.code: template for template in TEMPLATES}
    assert by_code["kes-pengaduan"].direction == "lower_is_better"
    assert by_code["kes-pasien"].direction == "higher_is_better"


def test_monitoring_averages_each_indicator_at_its_latest_period() -> None:
    reports = [
        {"rhk_id": "r", "iki_id": "a", "period": "2026-01", "achievement_pct": 40.0},
        {"rhk_id": "r", "iki_id": "a", "period": "2026-03", "achievement_pct": 80.0},
        {"rhk_id": "r", "iki_id": "b", "period": "2026-02", "achievement_pct": 120.0},
    ]
    assert service.latest_mean_achievement(reports) == 100.0
    assert service.latest_mean_achievement([]) is None
