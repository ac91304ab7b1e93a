"""Periods on the real broker and store: HR opens and closes a year; a closed year is frozen."""

import json

import httpx
from asgi_lifespan import LifespanManager

from contracts import PeriodClosed, PeriodOpened
from kit.auth import Role
from targets.app import create_app
from targets.settings import TargetsSettings
from tests.factories import bearer, nip, skp_body
from tests.integration.live import eventually, read_topic, settings_for, unique


async def test_region_hr_opens_and_closes_a_year_and_a_closed_year_is_frozen() -> None:
    settings = settings_for(TargetsSettings)
    region, hr, worker, late = unique("r"), nip(), nip(), nip()
    as_hr = bearer(settings, hr, Role.REGION_ADMIN, region=region)
    as_worker, as_late = (
        bearer(settings, worker, region=region),
        bearer(settings, late, region=region),
    )
    app = create_app(settings)
    async with (
        LifespanManager(app, startup_timeout=60, shutdown_timeout=60),
        httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://targets") as client,
    ):
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

        # Still running: the relay publishes what the last requests queued.
        async def both_events_published() -> bool:
            types = set()
            for topic in (PeriodOpened.topic(), PeriodClosed.topic()):
                for record in await read_topic(topic, 1000, seconds=10):
                    body = json.loads(record.value)
                    if body["region"] == region:
                        types.add(body["type"])
            return types == {"period.opened", "period.closed"}

        await eventually(
            both_events_published, seconds=60, what="period.opened and period.closed on Kafka"
        )
