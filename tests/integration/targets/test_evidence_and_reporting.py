"""Evidence files and "not reported" monitoring on the real store and broker."""

import hashlib
from typing import Any

from kit.auth import Role
from tests.factories import bearer, employee, nip, rhk
from tests.integration.targets.conftest import TargetsService

PDF = b"%PDF-1.4\n% laporan bulanan\n"


async def open_year(targets: TargetsService) -> None:
    """Region HR opens 2026 with a monthly cadence."""
    as_hr = targets.bearer(nip(), Role.REGION_ADMIN)
    answer = await targets.client.post(
        "/periods", json={"year": 2026, "cadence": "monthly"}, headers=as_hr
    )
    assert answer.status_code == 201


async def upload(
    targets: TargetsService, headers: dict[str, str], data: bytes, content_type: str
) -> Any:
    """``POST /evidence`` with a raw body."""
    return await targets.client.post(
        "/evidence?filename=laporan maret.pdf",
        content=data,
        headers=headers | {"content-type": content_type},
    )


async def stored_progress(targets: TargetsService, progress_id: str) -> dict[str, Any] | None:
    """What the service holds for one progress report."""
    found: dict[str, Any] | None = await targets.app.state.runtime.db["progress"].find_one(
        {"_id": progress_id}
    )
    return found


async def test_evidence_files_are_private_and_reports_cite_only_the_owners_own(
    targets: TargetsService,
) -> None:
    client, region = targets.client, targets.region
    boss, owner, peer = nip(), nip(), nip()
    await targets.project(
        employee(boss, region=region, unit_id="u1"),
        employee(owner, region=region, unit_id="u1", supervisor=boss),
        employee(peer, region=region, unit_id="u1", supervisor=boss),
    )
    await open_year(targets)
    skp_id = await targets.approved_plan(owner, rhk())
    as_owner, as_peer = targets.bearer(owner), targets.bearer(peer)

    uploaded = await upload(targets, as_owner, PDF, "application/pdf")
    assert uploaded.status_code == 201
    body = uploaded.json()
    assert body["reference"].startswith("file:")
    assert (body["filename"], body["size"], body["content_type"]) == (
        "laporan maret.pdf",
        len(PDF),
        "application/pdf",
    )
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest()
    path = f"/evidence/{body['reference'].removeprefix('file:')}"

    for reader in (
        as_owner,
        targets.bearer(boss, Role.PPK),
        targets.bearer(nip(), Role.REGION_ADMIN),
    ):
        answer = await client.get(path, headers=reader)
        assert answer.status_code == 200
        assert answer.content == PDF
        assert answer.headers["content-type"] == "application/pdf"
        assert answer.headers["content-disposition"].startswith("attachment;")
    assert (await client.get(path, headers=as_peer)).status_code == 403
    elsewhere = bearer(targets.settings, owner, Role.REGION_ADMIN, region=targets.other_region)
    assert (await client.get(path, headers=elsewhere)).status_code == 404
    assert (await client.get("/evidence/tidakada", headers=as_owner)).status_code == 404

    too_big = await upload(targets, as_owner, b"x" * (2 * 1024 * 1024 + 1), "application/pdf")
    assert too_big.status_code == 413
    wrong_type = await upload(targets, as_owner, b"<html></html>", "text/html")
    assert wrong_type.status_code == 415
    assert wrong_type.json()["errors"][0]["field"] == "content-type"
    assert (await upload(targets, as_owner, b"", "application/pdf")).status_code == 422

    peers_file = (await upload(targets, as_peer, PDF, "application/pdf")).json()["reference"]
    report = {"period": "2026-03", "rhk_id": "rhk-1", "iki_id": "iki-1", "realisation": 90}
    progress_id = f"{skp_id}-rhk-1-iki-1-2026-03"
    for cited in ("file:tidakada", peers_file):
        refused = await client.post(
            f"/skp/{skp_id}/progress", json=report | {"evidence": [cited]}, headers=as_owner
        )
        assert refused.status_code == 422
        assert refused.json()["errors"][0]["field"] == "evidence"
        assert cited in refused.json()["errors"][0]["reason_en"]
        assert await stored_progress(targets, progress_id) is None

    own = [body["reference"], "https://example.org/foto.jpg"]
    accepted = await client.post(
        f"/skp/{skp_id}/progress", json=report | {"evidence": own}, headers=as_owner
    )
    assert accepted.status_code == 201
    stored = await stored_progress(targets, progress_id)
    assert stored is not None
    assert stored["evidence"] == own


async def test_monitoring_lists_who_has_not_reported_which_iki_for_a_month(
    targets: TargetsService,
) -> None:
    client, region = targets.client, targets.region
    boss, admin, two, done, none, other = (nip() for _ in range(6))
    await targets.project(
        employee(boss, region=region, name="A Kepala", unit_id="u1"),
        employee(admin, region=region, name="B Admin", unit_id="u1", supervisor=boss),
        employee(two, region=region, name="C Dua", unit_id="u1", supervisor=boss),
        employee(done, region=region, name="D Lapor", unit_id="u1", supervisor=boss),
        employee(none, region=region, name="E Tanpa", unit_id="u1", supervisor=boss),
        employee(other, region=region, name="F Lain", unit_id="u2"),
    )
    await open_year(targets)
    two_iki = (rhk(), rhk("tambahan", rhk_id="rhk-2", iki_id="iki-2"))
    skp_two = await targets.approved_plan(two, *two_iki)
    skp_done = await targets.approved_plan(done, rhk())
    await targets.approved_plan(other, rhk())

    async def report(skp_id: str, owner: str, rhk_id: str, iki_id: str) -> None:
        body = {"period": "2026-03", "rhk_id": rhk_id, "iki_id": iki_id, "realisation": 50}
        answer = await client.post(
            f"/skp/{skp_id}/progress", json=body, headers=targets.bearer(owner)
        )
        assert answer.status_code == 201

    await report(skp_done, done, "rhk-1", "iki-1")
    as_hr = targets.bearer(boss, Role.PPK, Role.REGION_ADMIN)
    march = "/monitoring/unreported?year=2026&period=2026-03"

    region_wide = (await client.get(march, headers=as_hr)).json()
    assert region_wide["total"] == 2
    assert region_wide["without_approved_plan"] == 3  # A, B and E: listed by /unplanned instead
    assert region_wide["by_unit"] == {"u1": 1, "u2": 1}
    first, second = region_wide["items"]
    assert (first["name"], first["skp_id"], first["iki_total"], first["iki_reported"]) == (
        "C Dua",
        skp_two,
        2,
        0,
    )
    assert first["missing"] == [
        {"rhk_id": "rhk-1", "iki_id": "iki-1"},
        {"rhk_id": "rhk-2", "iki_id": "iki-2"},
    ]
    assert (second["name"], second["unit_id"]) == ("F Lain", "u2")
    paged = (await client.get(f"{march}&offset=1&limit=1", headers=as_hr)).json()
    assert [row["name"] for row in paged["items"]] == ["F Lain"]
    assert paged["total"] == 2

    await report(skp_two, two, "rhk-1", "iki-1")
    after_one = (await client.get(f"{march}&unit_id=u1", headers=as_hr)).json()
    assert [(row["name"], row["iki_reported"]) for row in after_one["items"]] == [("C Dua", 1)]
    assert after_one["items"][0]["missing"] == [{"rhk_id": "rhk-2", "iki_id": "iki-2"}]
    await report(skp_two, two, "rhk-2", "iki-2")
    after_all = (await client.get(f"{march}&unit_id=u1", headers=as_hr)).json()
    assert after_all["items"] == []
    april = (
        await client.get("/monitoring/unreported?year=2026&period=2026-04", headers=as_hr)
    ).json()
    assert [row["name"] for row in april["items"]] == ["C Dua", "D Lapor", "F Lain"]

    as_admin = targets.bearer(admin, Role.UNIT_ADMIN)
    own_unit = (
        await client.get("/monitoring/unreported?year=2026&period=2026-04", headers=as_admin)
    ).json()
    assert {row["unit_id"] for row in own_unit["items"]} == {"u1"}
    other_unit = await client.get(
        "/monitoring/unreported?year=2026&period=2026-04&unit_id=u2", headers=as_admin
    )
    assert other_unit.status_code == 403
    as_ppk = targets.bearer(boss, Role.PPK)
    team = (
        await client.get("/monitoring/unreported?year=2026&period=2026-04", headers=as_ppk)
    ).json()
    assert [row["name"] for row in team["items"]] == ["C Dua", "D Lapor"]  # own reports only
    wrong_year = await client.get("/monitoring/unreported?year=2026&period=2025-04", headers=as_hr)
    assert wrong_year.status_code == 422
