"""PPK delegates on the real broker and store: named, acting for the PPK, withdrawn, announced."""

from dataclasses import dataclass
from typing import Any

from contracts import DelegationSet
from kit.auth import Role
from tests.factories import employee, nip, rhk
from tests.integration.live import eventually, region_events
from tests.integration.targets.conftest import TargetsService

YEAR = 2026


@dataclass
class Team:
    """A PPK with two reports, someone from another team, and region HR."""

    ppk: str
    worker: str
    peer: str
    outsider: str
    hr: str


async def team_in_open_year(targets: TargetsService) -> Team:
    """Project the team into the directory and open the year."""
    team = Team(ppk=nip(), worker=nip(), peer=nip(), outsider=nip(), hr=nip())
    region = targets.region
    await targets.project(
        employee(team.ppk, region=region),
        employee(team.worker, supervisor=team.ppk, region=region),
        employee(team.peer, supervisor=team.ppk, region=region),
        employee(team.outsider, supervisor=team.hr, region=region),
        employee(team.hr, region=region),
    )
    opened = await targets.client.post(
        "/periods",
        json={"year": YEAR, "cadence": "monthly"},
        headers=targets.bearer(team.hr, Role.REGION_ADMIN),
    )
    assert opened.status_code == 201
    return team


async def submitted_plan(targets: TargetsService, owner: str) -> str:
    """A submitted SKP written straight into the store (the submit rules are tested elsewhere)."""
    skp_id = f"{targets.region}-{owner}-{YEAR}"
    await targets.app.state.repository.insert_skp(
        {
            "_id": skp_id,
            "region": targets.region,
            "nip": owner,
            "year": YEAR,
            "status": "submitted",
            "rhk": [rhk().model_dump(mode="json")],
            "history": [],
            "outbox": [],
        }
    )
    return skp_id


async def history_of(targets: TargetsService, skp_id: str, owner: str) -> list[dict[str, Any]]:
    """The SKP's audit entries, as its owner sees them."""
    answer = await targets.client.get(f"/skp/{skp_id}", headers=targets.bearer(owner))
    history: list[dict[str, Any]] = answer.json()["history"]
    return history


async def test_a_named_delegate_approves_for_the_ppk_until_the_delegation_is_withdrawn(
    targets: TargetsService,
) -> None:
    client, team = targets.client, await team_in_open_year(targets)
    as_ppk, as_delegate = targets.bearer(team.ppk), targets.bearer(team.outsider)
    first, second = (
        await submitted_plan(targets, team.worker),
        await submitted_plan(targets, team.peer),
    )

    refused = await client.post(f"/skp/{first}/approve", headers=as_delegate)
    assert refused.status_code == 403
    assert refused.json()["detail_en"] == "Only this employee's PPK or their delegate"

    named = await client.put(
        f"/delegations/{YEAR}",
        json={"delegate_nip": team.outsider, "reason": "Cuti besar tiga bulan."},
        headers=as_ppk,
    )
    assert named.status_code == 200
    assert named.json()["delegate_nip"] == team.outsider
    for viewer in (as_ppk, as_delegate):
        listed = await client.get("/delegations", params={"year": YEAR}, headers=viewer)
        assert [(item["ppk_nip"], item["delegate_nip"]) for item in listed.json()["items"]] == [
            (team.ppk, team.outsider)
        ]
    assert (
        await client.get("/delegations", params={"year": YEAR}, headers=targets.bearer(team.peer))
    ).json()["items"] == []

    assert (await client.post(f"/skp/{first}/approve", headers=as_delegate)).status_code == 200
    approved = (await history_of(targets, first, team.worker))[-1]
    assert approved["action"] == "approved"
    assert approved["by"] == team.outsider
    assert approved["on_behalf_of"] == team.ppk

    withdrawn = await client.delete(f"/delegations/{YEAR}", headers=as_ppk)
    assert withdrawn.status_code == 200
    assert withdrawn.json()["delegate_nip"] is None
    assert (await client.post(f"/skp/{second}/approve", headers=as_delegate)).status_code == 403
    assert (await client.delete(f"/delegations/{YEAR}", headers=as_ppk)).status_code == 404
    assert (await client.post(f"/skp/{second}/approve", headers=as_ppk)).status_code == 200
    assert "on_behalf_of" not in (await history_of(targets, second, team.peer))[-1]

    async def announced() -> bool:
        bodies = await region_events(DelegationSet.topic(), targets.region)
        changes = [(body["ppk_nip"], body["delegate_nip"], body["set_by"]) for body in bodies]
        return changes == [(team.ppk, team.outsider, team.ppk), (team.ppk, None, team.ppk)]

    await eventually(announced, seconds=60, what="both changes on delegation.set.v1")


async def test_region_hr_names_a_delegate_from_the_team_who_never_judges_their_own_plan(
    targets: TargetsService,
) -> None:
    client, team = targets.client, await team_in_open_year(targets)
    as_hr, as_delegate = targets.bearer(team.hr, Role.REGION_ADMIN), targets.bearer(team.peer)
    own, colleague = (
        await submitted_plan(targets, team.peer),
        await submitted_plan(targets, team.worker),
    )

    named = await client.put(
        f"/delegations/{YEAR}",
        json={"delegate_nip": team.peer, "ppk_nip": team.ppk, "reason": "PPK sakit."},
        headers=as_hr,
    )
    assert named.status_code == 200
    assert named.json()["set_by"] == team.hr
    listed = (await client.get("/delegations", params={"year": YEAR}, headers=as_hr)).json()
    assert [item["delegate_nip"] for item in listed["items"]] == [team.peer]
    assert listed["items"][0]["history"][-1]["on_behalf_of"] == team.ppk

    assert (await client.post(f"/skp/{own}/approve", headers=as_delegate)).status_code == 403
    rejected = await client.post(
        f"/skp/{colleague}/reject",
        json={"reason": "Target belum terukur dengan jelas."},
        headers=as_delegate,
    )
    assert rejected.status_code == 200
    entry = (await history_of(targets, colleague, team.worker))[-1]
    assert (entry["action"], entry["by"], entry["on_behalf_of"]) == (
        "rejected",
        team.peer,
        team.ppk,
    )

    withdrawn = await client.delete(
        f"/delegations/{YEAR}", params={"ppk_nip": team.ppk}, headers=as_hr
    )
    assert withdrawn.status_code == 200
    assert (await client.get("/delegations", params={"year": YEAR}, headers=as_hr)).json()[
        "items"
    ] == []


async def test_delegations_refuse_strangers_unknown_delegates_and_closed_years(
    targets: TargetsService,
) -> None:
    client, team = targets.client, await team_in_open_year(targets)
    as_ppk = targets.bearer(team.ppk)
    departed = nip()
    await targets.project(employee(departed, region=targets.region, active=False))

    def naming(delegate: str, **extra: str) -> dict[str, str]:
        return {"delegate_nip": delegate, **extra}

    for delegate in (nip(), departed, team.ppk):
        unknown = await client.put(f"/delegations/{YEAR}", json=naming(delegate), headers=as_ppk)
        assert unknown.status_code == 422, delegate
        assert unknown.json()["errors"][0]["field"] == "delegate_nip"

    no_reports = await client.put(
        f"/delegations/{YEAR}", json=naming(team.peer), headers=targets.bearer(team.worker)
    )
    assert no_reports.status_code == 403
    for_someone_else = await client.put(
        f"/delegations/{YEAR}",
        json=naming(team.worker, ppk_nip=team.hr),
        headers=targets.bearer(team.ppk),
    )
    assert for_someone_else.status_code == 403
    not_a_ppk = await client.put(
        f"/delegations/{YEAR}",
        json=naming(team.ppk, ppk_nip=team.worker),
        headers=targets.bearer(team.hr, Role.REGION_ADMIN),
    )
    assert not_a_ppk.status_code == 422
    assert not_a_ppk.json()["errors"][0]["field"] == "ppk_nip"

    not_open = await client.put(f"/delegations/{YEAR + 1}", json=naming(team.hr), headers=as_ppk)
    assert not_open.status_code == 409
