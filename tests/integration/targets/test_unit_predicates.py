"""Organisation predicates on the real broker and store: set by region HR, kept with history."""

import json

import httpx
from asgi_lifespan import LifespanManager

from contracts import UnitPredicateSet, UnitUpserted
from kit.auth import Role
from kit.publishing import publish_event
from targets.app import create_app
from targets.settings import TargetsSettings
from tests.factories import bearer, nip
from tests.integration.live import eventually, read_topic, settings_for, unique


async def test_region_hr_sets_a_units_predicate_and_scoring_is_told() -> None:
    settings = settings_for(TargetsSettings)
    region, hr, staff = unique("r"), nip(), nip()
    as_hr, as_staff = (
        bearer(settings, hr, Role.REGION_ADMIN, region=region),
        bearer(settings, staff, region=region),
    )
    app = create_app(settings)
    async with (
        LifespanManager(app, startup_timeout=60, shutdown_timeout=60),
        httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://targets") as client,
    ):
        unit = UnitUpserted(region=region, producer="tests", unit_id="pkm-1", name="Puskesmas Satu")
        await publish_event(app.state.runtime.broker, unit)

        async def projected() -> bool:
            return await app.state.directory.unit(region, "pkm-1") is not None

        await eventually(projected, seconds=120, what="the unit projection")
        rating = {
            "period": "2026-Q4",
            "predikat": "BAIK",
            "note": "Capaian IKU unit sesuai target.",
        }
        assert (
            await client.put("/units/pkm-1/predicate", json=rating, headers=as_hr)
        ).status_code == 409  # not open
        assert (
            await client.post(
                "/periods", json={"year": 2026, "cadence": "quarterly"}, headers=as_hr
            )
        ).status_code == 201

        assert (
            await client.put("/units/pkm-1/predicate", json=rating, headers=as_staff)
        ).status_code == 403
        unknown = await client.put("/units/nowhere/predicate", json=rating, headers=as_hr)
        assert unknown.status_code == 422
        assert unknown.json()["errors"][0]["field"] == "unit_id"
        assert (
            await client.put("/units/pkm-1/predicate", json=rating, headers=as_hr)
        ).status_code == 200
        corrected = rating | {"predikat": "ISTIMEWA"}
        assert (
            await client.put("/units/pkm-1/predicate", json=corrected, headers=as_hr)
        ).status_code == 200

        stored = (
            await client.get("/units/pkm-1/predicate?period=2026-Q4", headers=as_staff)
        ).json()
        assert stored["predikat"] == "ISTIMEWA"
        assert [entry["predikat"] for entry in stored["history"]] == ["BAIK", "ISTIMEWA"]
        assert (
            await client.get("/units/pkm-1/predicate?period=2026-Q3", headers=as_staff)
        ).status_code == 404

        # Still running: the relay publishes what the last requests queued.
        async def announced() -> bool:
            ratings = [
                body["predikat"]
                for record in await read_topic(UnitPredicateSet.topic(), 10_000, seconds=10)
                if (body := json.loads(record.value))["region"] == region
            ]
            return ratings == ["BAIK", "ISTIMEWA"]

        await eventually(
            announced, seconds=60, what="both ratings on org_performance.predicate_set.v1"
        )
