"""Organisation predicates on the real broker and store: set by region HR or the unit's admin."""

from contracts import UnitPredicateSet, UnitUpserted
from kit.auth import Role
from tests.factories import employee, nip
from tests.integration.live import eventually, region_events
from tests.integration.targets.conftest import TargetsService


async def test_region_hr_sets_a_units_predicate_and_scoring_is_told(
    targets: TargetsService,
) -> None:
    client, region = targets.client, targets.region
    as_hr, as_staff = targets.bearer(nip(), Role.REGION_ADMIN), targets.bearer(nip())
    await targets.project(
        UnitUpserted(region=region, producer="tests", unit_id="pkm-1", name="Puskesmas Satu")
    )
    rating = {
        "period": "2026-Q4",
        "predikat": "BAIK",
        "note": "Capaian IKU unit sesuai target.",
    }
    assert (
        await client.put("/units/pkm-1/predicate", json=rating, headers=as_hr)
    ).status_code == 409  # not open
    assert (
        await client.post("/periods", json={"year": 2026, "cadence": "quarterly"}, headers=as_hr)
    ).status_code == 201

    assert (
        await client.put("/units/pkm-1/predicate", json=rating, headers=as_staff)
    ).status_code == 403
    # A unit admin enters their own unit's predicate, never another unit's.
    own_admin, other_admin = nip(), nip()
    await targets.project(
        UnitUpserted(region=region, producer="tests", unit_id="pkm-2", name="Puskesmas Dua"),
        employee(own_admin, region=region, unit_id="pkm-1"),
        employee(other_admin, region=region, unit_id="pkm-2"),
    )
    as_other_admin = targets.bearer(other_admin, Role.UNIT_ADMIN)
    refused = await client.put("/units/pkm-1/predicate", json=rating, headers=as_other_admin)
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["field"] == "unit_id"
    as_own_admin = targets.bearer(own_admin, Role.UNIT_ADMIN)
    assert (
        await client.put("/units/pkm-1/predicate", json=rating, headers=as_own_admin)
    ).status_code == 200
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

    stored = (await client.get("/units/pkm-1/predicate?period=2026-Q4", headers=as_staff)).json()
    assert stored["predikat"] == "ISTIMEWA"
    assert [entry["predikat"] for entry in stored["history"]] == ["BAIK", "BAIK", "ISTIMEWA"]
    assert (
        await client.get("/units/pkm-1/predicate?period=2026-Q3", headers=as_staff)
    ).status_code == 404

    async def announced() -> bool:
        ratings = [
            body["predikat"] for body in await region_events(UnitPredicateSet.topic(), region)
        ]
        return ratings == ["BAIK", "BAIK", "ISTIMEWA"]

    await eventually(announced, seconds=60, what="both ratings on org_performance.predicate_set.v1")
