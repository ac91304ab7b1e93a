"""The SKP workflow on the real broker and store: reject, correct, approve, revise, approve again."""

from typing import Any

import httpx

from contracts import SkpStatusChanged
from kit.auth import Role
from tests.factories import employee, nip, rhk, skp_body
from tests.integration.live import eventually, region_events
from tests.integration.targets.conftest import TargetsService


async def test_a_plan_goes_through_rejection_and_revision_and_every_step_is_announced(
    targets: TargetsService,
) -> None:
    client, region, boss, worker = targets.client, targets.region, nip(), nip()
    as_boss, as_worker = targets.bearer(boss, Role.REGION_ADMIN), targets.bearer(worker)
    await targets.project(employee(worker, supervisor=boss, region=region))
    await targets.approved_plan(boss)
    assert (
        await client.post("/periods", json={"year": 2026, "cadence": "monthly"}, headers=as_boss)
    ).status_code == 201
    linked = skp_body(rhk=[rhk(parent_rhk_id="boss-1").model_dump(mode="json")])
    skp_id = (await client.post("/skp", json=linked, headers=as_worker)).json()["skp_id"]

    async def step(
        method: str, path: str, headers: dict[str, str], body: Any = None
    ) -> httpx.Response:
        return await client.request(method, f"/skp/{skp_id}{path}", json=body, headers=headers)

    assert (await step("POST", "/submit", as_worker)).status_code == 200
    assert (
        await step(
            "PUT",
            "",
            as_worker,
            {"rhk": [rhk(target=10, parent_rhk_id="boss-1").model_dump(mode="json")]},
        )
    ).status_code == 409
    no_reason = await step("POST", "/reject", as_boss, {"reason": ""})
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["field"] == "reason"
    assert (
        await step("POST", "/reject", as_worker, {"reason": "Target terlalu rendah."})
    ).status_code == 403
    assert (
        await step("POST", "/reject", as_boss, {"reason": "Target terlalu rendah untuk unit ini."})
    ).status_code == 200

    edited = await step(
        "PUT",
        "",
        as_worker,
        {"rhk": [rhk(target=150, parent_rhk_id="boss-1").model_dump(mode="json")]},
    )
    assert edited.status_code == 200
    assert edited.json()["changes"] == {"added": [], "removed": [], "changed": ["rhk-1"]}
    assert (await step("POST", "/submit", as_worker)).status_code == 200
    assert (await step("POST", "/approve", as_boss)).status_code == 200
    assert (
        await step("POST", "/revise", as_worker, {"reason": "Anggaran dipotong pada bulan Juli."})
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

    async def announced() -> bool:
        bodies = await region_events(SkpStatusChanged.topic(), region)
        steps = [(body["from_status"], body["to_status"]) for body in bodies]
        return steps == [
            ("draft", "submitted"),
            ("submitted", "rejected"),
            ("rejected", "submitted"),
            ("approved", "revising"),
            ("revising", "submitted"),
        ]

    await eventually(announced, seconds=60, what="every workflow step on skp.status_changed.v1")
