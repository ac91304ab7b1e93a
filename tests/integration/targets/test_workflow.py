"""The SKP workflow on the real broker and store: reject, correct, approve, revise, approve again."""

import json
from typing import Any

import httpx
from asgi_lifespan import LifespanManager

from contracts import SkpStatusChanged
from kit.auth import Role
from kit.publishing import publish_event
from targets.app import create_app
from targets.settings import TargetsSettings
from tests.factories import bearer, employee, nip, rhk, skp_body
from tests.integration.live import eventually, read_topic, settings_for, unique


async def test_a_plan_goes_through_rejection_and_revision_and_every_step_is_announced() -> None:
    settings = settings_for(TargetsSettings)
    region, boss, worker = unique("r"), nip(), nip()
    as_boss, as_worker = (
        bearer(settings, boss, Role.REGION_ADMIN, region=region),
        bearer(settings, worker, region=region),
    )
    app = create_app(settings)
    async with (
        LifespanManager(app, startup_timeout=60, shutdown_timeout=60),
        httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://targets") as client,
    ):
        await publish_event(
            app.state.runtime.broker, employee(worker, supervisor=boss, region=region)
        )

        async def projected() -> bool:
            return await app.state.directory.get(region, worker) is not None

        await eventually(projected, seconds=120, what="the directory projection")
        assert (
            await client.post(
                "/periods", json={"year": 2026, "cadence": "monthly"}, headers=as_boss
            )
        ).status_code == 201
        skp_id = (await client.post("/skp", json=skp_body(), headers=as_worker)).json()["skp_id"]

        async def step(
            method: str, path: str, headers: dict[str, str], body: Any = None
        ) -> httpx.Response:
            return await client.request(method, f"/skp/{skp_id}{path}", json=body, headers=headers)

        assert (await step("POST", "/submit", as_worker)).status_code == 200
        assert (
            await step("PUT", "", as_worker, {"rhk": [rhk(target=10).model_dump(mode="json")]})
        ).status_code == 409
        no_reason = await step("POST", "/reject", as_boss, {"reason": ""})
        assert no_reason.status_code == 422
        assert no_reason.json()["errors"][0]["field"] == "reason"
        assert (
            await step("POST", "/reject", as_worker, {"reason": "Target terlalu rendah."})
        ).status_code == 403
        assert (
            await step(
                "POST", "/reject", as_boss, {"reason": "Target terlalu rendah untuk unit ini."}
            )
        ).status_code == 200

        edited = await step(
            "PUT", "", as_worker, {"rhk": [rhk(target=150).model_dump(mode="json")]}
        )
        assert edited.status_code == 200
        assert edited.json()["changes"] == {"added": [], "removed": [], "changed": ["rhk-1"]}
        assert (await step("POST", "/submit", as_worker)).status_code == 200
        assert (await step("POST", "/approve", as_boss)).status_code == 200
        assert (
            await step(
                "POST", "/revise", as_worker, {"reason": "Anggaran dipotong pada bulan Juli."}
            )
        ).status_code == 200
        assert (await step("POST", "/submit", as_worker)).status_code == 200
        assert (await step("POST", "/approve", as_boss)).status_code == 200

        history = (await step("GET", "", as_worker)).json()["history"]
        assert [entry["action"] for entry in history] == [
            "created",
            "submitted",
            "rejected",
            "edited",
            "submitted",
            "approved",
            "revising",
            "submitted",
            "approved",
        ]
        assert history[2]["by"] == boss
        assert history[2]["reason"] == "Target terlalu rendah untuk unit ini."

        # Still running: the relay publishes what the last requests queued.
        async def announced() -> bool:
            steps = [
                (body["from_status"], body["to_status"])
                for record in await read_topic(SkpStatusChanged.topic(), 10_000, seconds=10)
                if (body := json.loads(record.value))["region"] == region
            ]
            return steps == [
                ("draft", "submitted"),
                ("submitted", "rejected"),
                ("rejected", "submitted"),
                ("approved", "revising"),
                ("revising", "submitted"),
            ]

        await eventually(announced, seconds=60, what="every workflow step on skp.status_changed.v1")
