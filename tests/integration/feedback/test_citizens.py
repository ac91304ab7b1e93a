"""Citizens on the real broker and store: IKM surveys through single-use tokens, and complaints."""

import dataclasses
import random
from datetime import timedelta
from typing import Any

import httpx

from contracts import UnitUpserted, utc_now
from contracts.vocabulary import IkmElement
from feedback.citizen_access import CitizenLimits
from feedback.tokens import CitizenTokens
from kit.auth import Role
from tests import factories
from tests.integration.live import eventually, region_events
from tests.integration.service import LiveService

UNIT, OTHER_UNIT = "puskesmas-pahandut", "dinas-kesehatan"


@dataclasses.dataclass
class Staff:
    admin: str
    officer: str
    clerk: str
    outsider: str  # works in another unit
    hr: str


async def setup_unit(feedback: LiveService) -> Staff:
    """A Puskesmas with its admin and an officer, a clerk, and someone of another unit."""
    staff = Staff(*(factories.nip() for _ in range(5)))
    region = feedback.region
    await feedback.project(
        UnitUpserted(region=region, producer="tests", unit_id=UNIT, name="Puskesmas Pahandut"),
        UnitUpserted(region=region, producer="tests", unit_id=OTHER_UNIT, name="Dinas Kesehatan"),
        factories.employee(staff.admin, region=region, unit_id=UNIT, name="Budi Santoso"),
        factories.employee(staff.officer, region=region, unit_id=UNIT, name="Siti Aminah"),
        factories.employee(staff.clerk, region=region, unit_id=UNIT, name="Andi Pratama"),
        factories.employee(staff.outsider, region=region, unit_id=OTHER_UNIT, name="Rina"),
        factories.employee(staff.hr, region=region, unit_id=OTHER_UNIT, name="HR"),
    )
    return staff


async def issue(
    feedback: LiveService, nip: str, count: int, *, valid_hours: int = 24, **extra: Any
) -> httpx.Response:
    body = {
        "unit_id": UNIT,
        "service_id": "rawat-jalan",
        "count": count,
        "valid_hours": valid_hours,
    }
    return await feedback.client.post(
        "/citizen-tokens", json=body | extra, headers=feedback.bearer(nip, Role.UNIT_ADMIN)
    )


def device(n: int) -> dict[str, str]:
    """The address the gateway reports for citizen ``n``."""
    return {"x-forwarded-for": f"36.66.{n // 250}.{n % 250 + 1}"}


def refused(answer: httpx.Response, status: int, field: str) -> None:
    assert answer.status_code == status, answer.text
    problem = answer.json()
    assert [error["field"] for error in problem["errors"]] == [field]
    assert problem["errors"][0]["reason"] != problem["errors"][0]["reason_en"]


async def test_thirty_citizens_answer_through_tokens_and_a_complaint_is_resolved(
    feedback: LiveService, mongo: Any
) -> None:
    staff = await setup_unit(feedback)
    admin = feedback.bearer(staff.admin, Role.PEGAWAI, Role.UNIT_ADMIN)

    issued = await issue(feedback, staff.admin, 32)
    assert issued.status_code == 201, issued.text
    batch = issued.json()
    tokens = [ticket["token"] for ticket in batch["tokens"]]
    assert batch["tokens"][0]["url"].endswith(f"/survei/{tokens[0]}")
    printed = await feedback.client.get(f"/citizen-tokens/{batch['batch_id']}/print", headers=admin)
    assert printed.status_code == 200
    assert printed.headers["content-type"].startswith("text/html")
    assert printed.text.count("<svg") == 32
    assert "Pindai untuk menilai layanan kami" in printed.text

    form = await feedback.client.get(f"/citizen/survey/{tokens[0]}")
    assert form.status_code == 200, form.text
    definition = form.json()
    assert len(definition["elements"]) == 9
    assert definition["unit"]["name"] == "Puskesmas Pahandut"
    officers = {officer["name"]: officer for officer in definition["officers"]}
    assert set(officers) == {"Budi Santoso", "Siti Aminah", "Andi Pratama"}
    assert "nip" not in officers["Siti Aminah"]  # the public form never shows a NIP
    siti = officers["Siti Aminah"]["ref"]

    rng = random.Random(7)
    sent: list[dict[str, Any]] = []
    for n in range(30):
        body: dict[str, Any] = {
            "answers": {element.value: rng.randint(1, 4) for element in IkmElement},
            "age_band": rng.choice(["20_29", "30_39", "40_49"]),
            "sex": rng.choice(["laki_laki", "perempuan"]),
        }
        if n % 3 == 0:
            body |= {"officer_ref": siti, "officer_rating": 4 + n % 2}
        answer = await feedback.client.post(
            f"/citizen/survey/{tokens[n]}", json=body, headers=device(n)
        )
        assert answer.status_code == 201, answer.text
        sent.append(body)

    reused = await feedback.client.post(
        f"/citizen/survey/{tokens[0]}", json=sent[0], headers=device(99)
    )
    refused(reused, 409, "token")
    refused(await feedback.client.get(f"/citizen/survey/{tokens[5]}"), 409, "token")
    other_secret = CitizenTokens("a-stranger-s-secret-0123456789abcdef")
    _, forged = other_secret.issue(
        region=feedback.region,
        unit_id=UNIT,
        service_id="rawat-jalan",
        batch_id=batch["batch_id"],
        valid_from=utc_now(),
        valid_until=utc_now() + timedelta(hours=1),
    )
    refused(
        await feedback.client.post(f"/citizen/survey/{forged}", json=sent[1], headers=device(98)),
        401,
        "token",
    )

    store = mongo[feedback.settings.mongo_database]
    assert await store["citizen_surveys"].count_documents({}) == 30  # nothing counted twice
    assert await store["citizen_surveys"].count_documents({"text": {"$exists": True}}) == 30

    # A complaint about the officer, filed with another ticket, answered and resolved.
    complaint_token = tokens[30]
    filed = await feedback.client.post(
        f"/citizen/complaints/{complaint_token}",
        json={
            "category": "perilaku_petugas",
            "text": "Petugas tidak menjelaskan jadwal kontrol",
            "officer_ref": siti,
        },
        headers=device(40),
    )
    assert filed.status_code == 201, filed.text
    complaint_id = filed.json()["complaint_id"]
    again = await feedback.client.post(
        f"/citizen/complaints/{complaint_token}",
        json={"category": "lainnya", "text": "Sekali lagi, pengaduan yang sama"},
        headers=device(41),
    )
    refused(again, 409, "token")

    step = f"/complaints/{complaint_id}/status"
    moved = await feedback.client.post(step, json={"status": "in_progress"}, headers=admin)
    assert moved.status_code == 200, moved.text
    resolved = await feedback.client.post(
        step,
        json={"status": "resolved", "note": "Petugas telah dibina; jadwal kini ditempel di loket"},
        headers=admin,
    )
    assert resolved.status_code == 200, resolved.text
    refused(
        await feedback.client.post(step, json={"status": "in_progress"}, headers=admin),
        409,
        "status",
    )
    followed = (await feedback.client.get(f"/citizen/complaints/{complaint_token}")).json()
    assert followed["status"] == "resolved"
    assert [update["status"] for update in followed["updates"]] == ["in_progress", "resolved"]

    listed = await feedback.client.get("/complaints", headers=admin)
    assert listed.status_code == 200, listed.text
    [item] = listed.json()["items"]
    assert (item["status"], item["overdue"], item["channel"]) == ("resolved", False, "citizen")
    assert item["resolution_hours"] is not None

    summary = await feedback.client.get(
        "/surveys/summary",
        params={"unit_id": UNIT, "period": f"{utc_now() + timedelta(hours=7):%Y-%m}"},
        headers=admin,
    )
    assert summary.status_code == 200, summary.text
    counts = summary.json()
    assert counts["responses"] == 30
    u1 = [body["answers"]["U1"] for body in sent]
    assert counts["elements"]["U1"]["distribution"] == {
        str(value): u1.count(value) for value in range(1, 5)
    }
    [rated] = counts["officers"]
    assert (rated["nip"], rated["name"], rated["ratings"]) == (staff.officer, "Siti Aminah", 10)

    # The events, each exactly once.
    async def published() -> bool:
        surveys = await region_events("survey.submitted.v1", feedback.region)
        steps = await region_events("complaint.status_changed.v1", feedback.region)
        return len(surveys) >= 30 and len(steps) >= 2

    await eventually(published, seconds=60, what="the citizen events")
    surveys = await region_events("survey.submitted.v1", feedback.region)
    assert len({event["survey_id"] for event in surveys}) == len(surveys) == 30
    assert {event["unit_id"] for event in surveys} == {UNIT}
    assert {event["service_id"] for event in surveys} == {"rawat-jalan"}
    assert sorted(event["answers"]["U1"] for event in surveys) == sorted(u1)
    assert sum(event["officer_nip"] == staff.officer for event in surveys) == 10
    assert all("text" not in event for event in surveys)
    [filed_event] = await region_events("complaint.filed.v1", feedback.region)
    assert (filed_event["complaint_id"], filed_event["officer_nip"], filed_event["channel"]) == (
        complaint_id,
        staff.officer,
        "citizen",
    )
    steps = await region_events("complaint.status_changed.v1", feedback.region)
    assert [(event["from_status"], event["to_status"]) for event in steps] == [
        ("received", "in_progress"),
        ("in_progress", "resolved"),
    ]
    assert all(event["changed_by"] == staff.admin for event in steps)
    assert steps[0]["hours_open"] <= steps[1]["hours_open"]


async def test_refusals_leave_nothing_behind(feedback: LiveService, mongo: Any) -> None:
    staff = await setup_unit(feedback)
    admin = feedback.bearer(staff.admin, Role.PEGAWAI, Role.UNIT_ADMIN)
    store = mongo[feedback.settings.mongo_database]

    # Who may issue tokens, and how many.
    refused(await issue(feedback, staff.outsider, 5), 403, "unit_id")
    clerk = await feedback.client.post(
        "/citizen-tokens",
        json={"unit_id": UNIT, "service_id": "rawat-jalan", "count": 1, "valid_hours": 1},
        headers=feedback.bearer(staff.clerk, Role.PEGAWAI),
    )
    refused(clerk, 403, "unit_id")
    refused(await issue(feedback, staff.admin, 501), 422, "count")
    refused(await issue(feedback, staff.admin, 1, valid_hours=24 * 400), 422, "valid_hours")
    by_hr = await feedback.client.post(
        "/citizen-tokens",
        json={"unit_id": UNIT, "service_id": "loket-1", "count": 1, "valid_hours": 2},
        headers=feedback.bearer(staff.hr, Role.REGION_ADMIN),
    )
    assert by_hr.status_code == 201, by_hr.text
    not_issuer = await feedback.client.get(
        f"/citizen-tokens/{by_hr.json()['batch_id']}/print", headers=admin
    )
    assert not_issuer.status_code == 403

    # A token's window, on the app's clock.
    start = utc_now()
    tokens = [
        t["token"] for t in (await issue(feedback, staff.admin, 8, valid_hours=2)).json()["tokens"]
    ]
    good = {"answers": {"U1": 4, "U2": 3}}
    feedback.app.state.clock = lambda: start + timedelta(hours=3)
    refused(await feedback.client.post(f"/citizen/survey/{tokens[0]}", json=good), 410, "token")
    feedback.app.state.clock = lambda: start - timedelta(hours=1)
    refused(await feedback.client.get(f"/citizen/survey/{tokens[0]}"), 403, "token")
    feedback.app.state.clock = utc_now

    # Bad answers: the field and a reason in both languages; nothing stored.
    out_of_scale = await feedback.client.post(
        f"/citizen/survey/{tokens[0]}", json={"answers": {"U1": 4, "U3": 5}}, headers=device(1)
    )
    refused(out_of_scale, 422, "answers.U3")
    not_ours = await feedback.client.post(
        f"/citizen/survey/{tokens[0]}",
        json=good | {"officer_nip": staff.outsider, "officer_rating": 1},
        headers=device(1),
    )
    refused(not_ours, 422, "officer_nip")
    garbled = await feedback.client.post("/citizen/survey/not-a-token", json=good)
    refused(garbled, 422, "token")
    assert await store["citizen_surveys"].count_documents({}) == 0

    # The same answers from the same device moments later: a duplicate, even with a new ticket.
    assert (
        await feedback.client.post(f"/citizen/survey/{tokens[0]}", json=good, headers=device(1))
    ).status_code == 201
    duplicate = await feedback.client.post(
        f"/citizen/survey/{tokens[1]}", json=good, headers=device(1)
    )
    refused(duplicate, 409, "answers")
    other_device = await feedback.client.post(
        f"/citizen/survey/{tokens[1]}", json=good, headers=device(2)
    )
    assert other_device.status_code == 201
    assert await store["citizen_surveys"].count_documents({}) == 2
    assert await store["survey_fingerprints"].count_documents({"jti": {"$exists": True}}) == 2

    # Ballot stuffing from one device hits the rate limit.
    desk = feedback.app.state.citizens
    feedback.app.state.citizens = dataclasses.replace(
        desk, limits=CitizenLimits("2/minute", "100/minute")
    )
    for n, token in enumerate(tokens[2:4]):
        answer = await feedback.client.post(
            f"/citizen/survey/{token}", json={"answers": {"U1": n + 1}}, headers=device(3)
        )
        assert answer.status_code == 201, answer.text
    flood = await feedback.client.post(
        f"/citizen/survey/{tokens[4]}", json={"answers": {"U1": 1}}, headers=device(3)
    )
    refused(flood, 429, "client")
    feedback.app.state.citizens = desk
    assert await store["citizen_surveys"].count_documents({}) == 4

    # Staff complaints: anyone may record one; only the unit's admin or HR moves it on.
    staff_complaint = await feedback.client.post(
        "/complaints",
        json={"unit_id": UNIT, "category": "waktu", "text": "Antrean pendaftaran lebih dari 3 jam"},
        headers=feedback.bearer(staff.outsider, Role.PEGAWAI),
    )
    assert staff_complaint.status_code == 201, staff_complaint.text
    complaint_id = staff_complaint.json()["complaint_id"]
    step = f"/complaints/{complaint_id}/status"
    for someone in (staff.clerk, staff.outsider):
        forbidden = await feedback.client.post(
            step, json={"status": "in_progress"}, headers=feedback.bearer(someone, Role.PEGAWAI)
        )
        assert forbidden.status_code == 403
    refused(
        await feedback.client.post(step, json={"status": "resolved"}, headers=admin), 422, "note"
    )
    unknown_unit = await feedback.client.post(
        "/complaints",
        json={"unit_id": "nowhere", "category": "waktu", "text": "Antrean pendaftaran lama"},
        headers=admin,
    )
    refused(unknown_unit, 422, "unit_id")

    # Untouched for ten days, it is overdue in the unit's list and in HR's view of the region.
    feedback.app.state.clock = lambda: utc_now() + timedelta(days=10)
    listed = (
        await feedback.client.get("/complaints", params={"status": "received"}, headers=admin)
    ).json()
    feedback.app.state.clock = utc_now
    assert [(item["complaint_id"], item["overdue"]) for item in listed["items"]] == [
        (complaint_id, True)
    ]
    region_wide = await feedback.client.get(
        "/complaints", headers=feedback.bearer(staff.hr, Role.REGION_ADMIN)
    )
    assert region_wide.json()["total"] == 1
    not_steward = await feedback.client.get(
        "/complaints", headers=feedback.bearer(staff.clerk, Role.PEGAWAI)
    )
    assert not_steward.status_code == 403

    # HR sees the raw counts but not the per-officer ratings.
    summary = await feedback.client.get(
        "/surveys/summary",
        params={"unit_id": UNIT, "period": f"{utc_now() + timedelta(hours=7):%Y}"},
        headers=feedback.bearer(staff.hr, Role.REGION_ADMIN),
    )
    assert summary.json()["responses"] == 4
    assert "officers" not in summary.json()
