"""Administrative actions leave one structured JSON line in the ``gateway.audit`` log."""

import json
import logging
from datetime import datetime
from typing import Any

import httpx
import pytest

from kit.auth import Role
from tests.factories import bearer
from tests.unit.gateway.conftest import REGION, RINA, SITI, FakeServices, Gateway, open_gateway


def audit_lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    return [
        json.loads(record.getMessage())
        for record in caplog.records
        if record.name == "gateway.audit"
    ]


@pytest.fixture(autouse=True)
def capture(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="gateway.audit")


async def test_change_by_a_region_admin_is_logged_with_who_what_and_outcome(
    gateway: Gateway, caplog: pytest.LogCaptureFixture
) -> None:
    as_hr = bearer(gateway.settings, RINA, Role.PEGAWAI, Role.REGION_ADMIN)

    await gateway.client.put("/api/v1/units/pkm-1/goals/2026", json={"goals": []}, headers=as_hr)

    [line] = audit_lines(caplog)
    assert datetime.fromisoformat(line.pop("time")).tzinfo is not None
    assert line == {
        "event": "admin_action",
        "nip": RINA,
        "region": REGION,
        "roles": ["pegawai", "region_admin"],
        "method": "PUT",
        "path": "/api/v1/units/pkm-1/goals/2026",
        "operation_id": "unit_goals_set",
        "status": 200,
    }


async def test_refused_change_by_a_unit_admin_is_logged_with_the_refusal(
    caplog: pytest.LogCaptureFixture,
) -> None:
    services = FakeServices(lambda _: httpx.Response(403, json={"status": 403}))
    async with open_gateway(services=services) as gateway:
        as_unit_admin = bearer(gateway.settings, SITI, Role.UNIT_ADMIN)
        await gateway.client.post(
            "/api/v1/complaints/c-1/status", json={"status": "resolved"}, headers=as_unit_admin
        )

    [line] = audit_lines(caplog)
    assert (line["nip"], line["method"], line["status"]) == (SITI, "POST", 403)


async def test_opening_and_closing_a_year_is_logged_whoever_asks(
    gateway: Gateway, caplog: pytest.LogCaptureFixture
) -> None:
    as_staff = bearer(gateway.settings, SITI)

    await gateway.client.post("/api/v1/periods", json={"year": 2026}, headers=as_staff)
    await gateway.client.post("/api/v1/periods/2026/close", headers=as_staff)

    assert [line["operation_id"] for line in audit_lines(caplog)] == ["period_open", "period_close"]


async def test_reads_staff_changes_and_anonymous_calls_are_not_logged(
    gateway: Gateway, caplog: pytest.LogCaptureFixture
) -> None:
    as_hr = bearer(gateway.settings, RINA, Role.REGION_ADMIN)

    await gateway.client.get("/api/v1/complaints", headers=as_hr)
    await gateway.client.post("/api/v1/skp", json={}, headers=bearer(gateway.settings, SITI))
    await gateway.client.post("/api/v1/periods", json={"year": 2026})

    assert audit_lines(caplog) == []
