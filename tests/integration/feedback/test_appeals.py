"""Appeals (keberatan) on the real broker and store: filed, explained and decided, with refusals."""

from datetime import datetime
from typing import Any

from contracts import AppealDecided, AppealFiled, PeriodClosed
from feedback.appeal_store import APPEALS
from feedback.documents import ASSESSMENTS
from kit.auth import Role
from tests.factories import employee, nip
from tests.integration.live import eventually, region_events
from tests.integration.service import LiveService

REASON = "Capaian saya di atas target dan bukti dukung sudah lengkap diunggah."


def at(day: str, hour: int = 3) -> datetime:
    """A moment of a 2026 day in UTC (03:00 UTC is 10:00 WIB, in office hours)."""
    return datetime.fromisoformat(f"2026-{day}T{hour:02d}:00:00+00:00")


def set_today(feedback: LiveService, day: str) -> None:
    feedback.app.state.appeal_terms.clock = lambda: at(day)


async def rated(
    feedback: LiveService, nip_: str, rater: str, period: str, assessment_id: str, received: str
) -> None:
    """Store the latest assessment as the assessment routes do (history holds every rating)."""
    values: dict[str, Any] = {
        "nip": nip_,
        "year": int(period[:4]),
        "period": period,
        "rating_hasil_kerja": "SESUAI",
        "rating_perilaku": "SESUAI",
        "justification": "Sesuai ekspektasi.",
        "region": feedback.region,
        "rater_nip": rater,
        "assessment_id": assessment_id,
        "at": at(received),
    }
    assessments = feedback.app.state.runtime.db[ASSESSMENTS]
    await assessments.update_one(
        {"_id": f"{feedback.region}-{nip_}-{period}"},
        {"$set": values, "$push": {"history": values}},
        upsert=True,
    )


async def events(feedback: LiveService, topic: str) -> list[dict[str, Any]]:
    """This region's events on a topic, once the outbox has sent everything."""
    appeals = feedback.app.state.runtime.db[APPEALS]

    async def sent() -> bool:
        pending: int = await appeals.count_documents({"outbox.0": {"$exists": True}})
        return pending == 0

    await eventually(sent, seconds=60, what="the appeals outbox to drain")
    return await region_events(topic, feedback.region)


def refused(answer: Any, status: int, field: str) -> dict[str, Any]:
    """Assert a bilingual problem naming ``field``; return its single error."""
    assert answer.status_code == status, answer.text
    errors = answer.json()["errors"]
    assert [error["field"] for error in errors] == [field], errors
    assert errors[0]["reason"]
    assert errors[0]["reason_en"]
    return dict(errors[0])


async def test_an_appeal_is_filed_explained_and_decided_in_time(feedback: LiveService) -> None:
    client, region = feedback.client, feedback.region
    atasan, ppk, staff, other = nip(), nip(), nip(), nip()
    await feedback.project(
        employee(atasan, region=region),
        employee(ppk, supervisor=atasan, region=region),
        employee(staff, supervisor=ppk, region=region),
    )
    await feedback.open_year(2026)
    await rated(feedback, staff, ppk, "2026-01", "asm-1", received="02-02")
    as_staff, as_ppk, as_atasan = (feedback.bearer(n) for n in (staff, ppk, atasan))
    hr = feedback.bearer(other, Role.REGION_ADMIN)
    set_today(feedback, "02-10")
    body = {"period": "2026-01", "assessment_id": "asm-1", "reason": REASON}

    # Only the employee files, with a real reason.
    refused(await client.post("/appeals", json=body | {"nip": staff}, headers=as_ppk), 403, "nip")
    short = await client.post("/appeals", json=body | {"reason": "Tidak setuju."}, headers=as_staff)
    refused(short, 422, "reason")

    filed = await client.post("/appeals", json=body | {"nip": staff}, headers=as_staff)
    assert filed.status_code == 201, filed.text
    appeal = filed.json()
    appeal_id = appeal["appeal_id"]
    assert appeal["atasan_nip"] == atasan
    assert appeal["ppk_nip"] == ppk
    assert appeal["filing_deadline"] == "2026-02-23"  # Lunar New Year (17 Feb) does not count
    assert appeal["decide_by"] == "2026-02-20"
    assert (appeal["days_left"], appeal["overdue"]) == (7, False)
    # A second appeal against the same evaluation, even a retried request: refused.
    again = await client.post("/appeals", json=body, headers=as_staff)
    assert "terbuka" in refused(again, 409, "assessment_id")["reason"]

    # Both sides explain; the atasan asks the PPK on record; nobody speaks for the other side.
    asked = await client.post(
        f"/appeals/{appeal_id}/request-explanation",
        json={"from": "ppk", "note": "Mohon jelaskan dasar rating hasil kerja."},
        headers=as_atasan,
    )
    assert asked.status_code == 201, asked.text
    for who, side, text in (
        (as_staff, "employee", "Bukti terlampir."),
        (as_ppk, "ppk", "Dua IKI."),
    ):
        said = await client.post(
            f"/appeals/{appeal_id}/explanations", json={"from": side, "text": text}, headers=who
        )
        assert said.status_code == 201, said.text
    posing = {"from": "ppk", "text": "Saya PPK."}
    refused(
        await client.post(f"/appeals/{appeal_id}/explanations", json=posing, headers=as_staff),
        403,
        "from",
    )

    # Who sees it: the parties and region HR.
    for who, count in ((as_staff, 1), (as_ppk, 1), (as_atasan, 1), (hr, 1)):
        listed = (await client.get("/appeals", params={"status": "open"}, headers=who)).json()
        assert listed["total"] == count
    stranger = feedback.bearer(nip())
    assert (await client.get("/appeals", headers=stranger)).json()["total"] == 0
    refused(await client.get(f"/appeals/{appeal_id}", headers=stranger), 403, "appeal_id")

    # Only the atasan PPK decides; "changed" needs a different rating.
    decide = f"/appeals/{appeal_id}/decision"
    changed = {"decision": "changed", "reason": "Bukti menunjukkan capaian di atas target."}
    for who in (as_ppk, as_staff, hr):
        refused(await client.post(decide, json=changed, headers=who), 403, "atasan_nip")
    refused(await client.post(decide, json=changed, headers=as_atasan), 422, "rating_hasil_kerja")
    same = changed | {"rating_hasil_kerja": "SESUAI", "rating_perilaku": "SESUAI"}
    refused(await client.post(decide, json=same, headers=as_atasan), 422, "rating_hasil_kerja")

    set_today(feedback, "02-19")
    decided = await client.post(
        decide, json=changed | {"rating_hasil_kerja": "DIATAS"}, headers=as_atasan
    )
    assert decided.status_code == 200, decided.text
    assert decided.json()["late"] is False
    final = {"decision": "confirmed", "reason": "Keputusan kedua tidak boleh."}
    refused(await client.post(decide, json=final, headers=as_atasan), 409, "status")
    after = {"from": "employee", "text": "Terlambat."}
    refused(
        await client.post(f"/appeals/{appeal_id}/explanations", json=after, headers=as_staff),
        409,
        "status",
    )

    record = (await client.get(f"/appeals/{appeal_id}", headers=as_staff)).json()
    assert record["status"] == "decided"
    assert [(e["from"], e["by"]) for e in record["explanations"]] == [
        ("employee", staff),
        ("ppk", ppk),
    ]
    assert all(e["at"] for e in record["explanations"])
    assert [(r["from"], r["by"]) for r in record["requests"]] == [("ppk", atasan)]
    assert [h["action"] for h in record["history"]] == [
        "filed",
        "explanation_requested",
        "explained",
        "explained",
        "decided",
    ]
    assert record["decision"]["rating_hasil_kerja"] == "DIATAS"

    filed_events = await events(feedback, AppealFiled.topic())
    assert len(filed_events) == 1
    assert filed_events[0] | {"event_id": None, "occurred_at": None} == {
        "event_id": None,
        "type": "appeal.filed",
        "version": 1,
        "occurred_at": None,
        "region": region,
        "producer": "feedback",
        "appeal_id": appeal_id,
        "nip": staff,
        "year": 2026,
        "period": "2026-01",
        "assessment_id": "asm-1",
        "atasan_nip": atasan,
        "decide_by": "2026-02-20",
    }
    decided_events = await events(feedback, AppealDecided.topic())
    assert len(decided_events) == 1  # refusals and the second decision published nothing
    assert {k: decided_events[0][k] for k in ("appeal_id", "decision", "decided_by", "late")} == {
        "appeal_id": appeal_id,
        "decision": "changed",
        "decided_by": atasan,
        "late": False,
    }
    assert (decided_events[0]["rating_hasil_kerja"], decided_events[0]["rating_perilaku"]) == (
        "DIATAS",
        "SESUAI",
    )


async def test_deadlines_region_hr_and_a_closed_year(feedback: LiveService) -> None:
    client, region = feedback.client, feedback.region
    head, staff, hr_nip = nip(), nip(), nip()
    # The PPK heads the region's chain: no atasan PPK, so region HR decides.
    await feedback.project(
        employee(head, region=region), employee(staff, supervisor=head, region=region)
    )
    await feedback.open_year(2026)
    as_staff, hr = feedback.bearer(staff), feedback.bearer(hr_nip, Role.REGION_ADMIN)
    await rated(feedback, staff, head, "2026-01", "jan-1", received="02-02")
    await rated(feedback, staff, head, "2026-01", "jan-2", received="02-02")  # re-rated
    body = {"period": "2026-01", "assessment_id": "jan-2", "reason": REASON}

    set_today(feedback, "02-24")
    late = refused(await client.post("/appeals", json=body, headers=as_staff), 422, "assessment_id")
    assert "2026-02-23" in late["reason"]
    assert "2026-02-23" in late["reason_en"]
    set_today(feedback, "02-23")  # the last day
    outdated = body | {"assessment_id": "jan-1"}
    replaced = await client.post("/appeals", json=outdated, headers=as_staff)
    assert "jan-2" in refused(replaced, 409, "assessment_id")["reason_en"]
    filed = await client.post("/appeals", json=body, headers=as_staff)
    assert filed.status_code == 201, filed.text
    appeal = filed.json()
    assert (appeal["atasan_nip"], appeal["decide_by"]) == (None, "2026-03-04")

    # Overdue appeals are visible, with the working days they are late.
    set_today(feedback, "03-06")
    overdue = await client.get("/appeals", params={"overdue": "true"}, headers=hr)
    assert [(i["appeal_id"], i["days_left"]) for i in overdue.json()["items"]] == [
        (appeal["appeal_id"], -2)
    ]
    on_time = await client.get("/appeals", params={"overdue": "false"}, headers=hr)
    assert on_time.json()["total"] == 0
    confirmed = {"decision": "confirmed", "reason": "Penilaian PPK sudah sesuai bukti."}
    decided = await client.post(
        f"/appeals/{appeal['appeal_id']}/decision", json=confirmed, headers=hr
    )
    assert decided.status_code == 200, decided.text
    assert decided.json()["late"] is True
    assert (await client.get("/appeals", params={"overdue": "true"}, headers=hr)).json()[
        "total"
    ] == 0

    # An open appeal when the year closes: nothing changes any more.
    await rated(feedback, staff, head, "2026-02", "feb-1", received="03-02")
    february = {"period": "2026-02", "assessment_id": "feb-1", "reason": REASON}
    open_one = (await client.post("/appeals", json=february, headers=as_staff)).json()
    await rated(feedback, staff, head, "2026-03", "mar-1", received="03-02")
    await feedback.publish(
        PeriodClosed(region=region, producer="tests", year=2026, closed_by=hr_nip)
    )
    periods = feedback.app.state.periods

    async def closed() -> bool:
        period = await periods.get(region, 2026)
        return period is not None and period["status"] == "closed"

    await eventually(closed, seconds=60, what="the closed year")
    march = february | {"period": "2026-03", "assessment_id": "mar-1"}
    refused(await client.post("/appeals", json=march, headers=as_staff), 409, "year")
    path = f"/appeals/{open_one['appeal_id']}"
    refused(await client.post(f"{path}/decision", json=confirmed, headers=hr), 409, "year")
    text = {"from": "employee", "text": "Tambahan."}
    refused(await client.post(f"{path}/explanations", json=text, headers=as_staff), 409, "year")

    stored = await feedback.app.state.runtime.db[APPEALS].find_one({"_id": open_one["appeal_id"]})
    assert (stored["status"], stored["explanations"], len(stored["history"])) == ("open", [], 1)
    filed_events = await events(feedback, AppealFiled.topic())
    assert [e["period"] for e in filed_events] == ["2026-01", "2026-02"]
    decided_events = await events(feedback, AppealDecided.topic())
    assert [(e["decision"], e["late"], e["decided_by"]) for e in decided_events] == [
        ("confirmed", True, hr_nip)
    ]
    assert (decided_events[0]["rating_hasil_kerja"], decided_events[0]["rating_perilaku"]) == (
        "SESUAI",
        "SESUAI",
    )
