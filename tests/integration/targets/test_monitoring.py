"""Monitoring views on the real store: a PPK's team and who has not planned yet."""

from kit.auth import Role
from tests.factories import employee, nip, rhk, skp_body
from tests.integration.targets.conftest import TargetsService


async def test_a_ppk_sees_the_team_and_hr_sees_who_has_not_planned(targets: TargetsService) -> None:
    client, region = targets.client, targets.region
    boss, admin, done, drafting, idle, elsewhere = (nip() for _ in range(6))
    as_boss = targets.bearer(boss, Role.PPK, Role.REGION_ADMIN)
    as_admin = targets.bearer(admin, Role.UNIT_ADMIN)
    people = [
        employee(boss, region=region, name="A Kepala", unit_id="u1"),
        employee(admin, region=region, name="B Admin", unit_id="u1", supervisor=boss),
        employee(done, region=region, name="C Selesai", unit_id="u1", supervisor=boss),
        employee(drafting, region=region, name="D Draf", unit_id="u1", supervisor=boss),
        employee(idle, region=region, name="E Belum", unit_id="u1", supervisor=boss),
        employee(elsewhere, region=region, name="F Lain", unit_id="u2"),
    ]
    await targets.project(*people)
    await targets.approved_plan(boss)
    assert (
        await client.post("/periods", json={"year": 2026, "cadence": "monthly"}, headers=as_boss)
    ).status_code == 201
    as_done, as_drafting = targets.bearer(done), targets.bearer(drafting)
    linked = skp_body(rhk=[rhk(parent_rhk_id="boss-1").model_dump(mode="json")])
    skp_id = (await client.post("/skp", json=linked, headers=as_done)).json()["skp_id"]
    assert (await client.post(f"/skp/{skp_id}/submit", headers=as_done)).status_code == 200
    assert (await client.post(f"/skp/{skp_id}/approve", headers=as_boss)).status_code == 200
    report = {"period": "2026-11", "rhk_id": "rhk-1", "iki_id": "iki-1", "realisation": 80}
    assert (
        await client.post(f"/skp/{skp_id}/progress", json=report, headers=as_done)
    ).status_code == 201
    assert (await client.post("/skp", json=skp_body(), headers=as_drafting)).status_code == 201

    team = (await client.get("/monitoring/team?year=2026", headers=as_boss)).json()
    assert [(row["name"], row["skp_status"], row["achievement_pct"]) for row in team["items"]] == [
        ("B Admin", "belum_ada", None),
        ("C Selesai", "approved", 80.0),
        ("D Draf", "draft", None),
        ("E Belum", "belum_ada", None),
    ]

    region_wide = (
        await client.get("/monitoring/unplanned?year=2026&limit=2", headers=as_boss)
    ).json()
    assert region_wide["total"] == 4  # everyone but A and C, across both units
    assert [row["name"] for row in region_wide["items"]] == ["B Admin", "D Draf"]
    assert region_wide["by_status"] == {"belum_ada": 3, "draft": 1}

    own_unit = (await client.get("/monitoring/unplanned?year=2026", headers=as_admin)).json()
    assert {row["unit_id"] for row in own_unit["items"]} == {"u1"}
    other_unit = await client.get("/monitoring/unplanned?year=2026&unit_id=u2", headers=as_admin)
    assert other_unit.status_code == 403

    health = (await client.get("/templates?sector=kesehatan", headers=as_done)).json()["items"]
    assert "kes-imunisasi" in {item["code"] for item in health}
    assert (await client.get("/templates?sector=pertanian", headers=as_done)).status_code == 422
