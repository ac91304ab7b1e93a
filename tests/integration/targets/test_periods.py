"""Periods on the real broker and store: HR opens and closes a year; a closed year is frozen."""

from contracts import PeriodClosed, PeriodOpened
from kit.auth import Role
from tests.factories import employee, nip, skp_body
from tests.integration.live import eventually, region_events
from tests.integration.targets.conftest import TargetsService


async def test_region_hr_opens_and_closes_a_year_and_a_closed_year_is_frozen(
    targets: TargetsService,
) -> None:
    client, region = targets.client, targets.region
    worker = nip()
    as_hr, as_worker, as_late = (
        targets.bearer(nip(), Role.REGION_ADMIN),
        targets.bearer(worker),
        targets.bearer(nip()),
    )
    await targets.project(employee(worker, region=targets.region))
    before = await client.post("/skp", json=skp_body(), headers=as_worker)
    assert before.status_code == 409
    assert before.json()["errors"][0]["field"] == "year"

    year = {"year": 2026, "cadence": "quarterly"}
    assert (await client.post("/periods", json=year, headers=as_worker)).status_code == 403
    assert (await client.post("/periods", json=year, headers=as_hr)).status_code == 201
    assert (await client.post("/periods", json=year, headers=as_hr)).status_code == 409

    created = await client.post("/skp", json=skp_body(), headers=as_worker)
    assert created.status_code == 201
    assert (await client.post("/periods/2026/close", headers=as_hr)).status_code == 200

    refused = await client.post("/skp", json=skp_body(), headers=as_late)
    assert refused.status_code == 409
    assert "ditutup" in refused.json()["detail"]
    submit = await client.post(f"/skp/{created.json()['skp_id']}/submit", headers=as_worker)
    assert submit.status_code == 409
    assert (await client.post("/periods/2026/close", headers=as_hr)).status_code == 409
    listed = (await client.get("/periods", headers=as_worker)).json()["items"]
    assert [(item["year"], item["status"], item["cadence"]) for item in listed] == [
        (2026, "closed", "quarterly")
    ]

    async def both_events_published() -> bool:
        types = set()
        for topic in (PeriodOpened.topic(), PeriodClosed.topic()):
            types |= {body["type"] for body in await region_events(topic, region)}
        return types == {"period.opened", "period.closed"}

    await eventually(
        both_events_published, seconds=60, what="period.opened and period.closed on Kafka"
    )
