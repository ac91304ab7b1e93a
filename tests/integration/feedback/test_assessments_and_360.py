"""PPK assessments with the atasan's takeover, supervisor notes, and k-anonymous 360 feedback.

Real broker and store; "today" is set on the app so no test depends on the calendar.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx

from contracts import (
    AssessmentSubmitted,
    FeedbackSubmitted,
    PeriodClosed,
    SupervisorFeedbackRecorded,
    UnitUpserted,
)
from tests.factories import employee, nip
from tests.integration.live import eventually, region_events
from tests.integration.service import LiveService

YEAR, PERIOD = 2026, "2026-11"
BEFORE_DEADLINE, AFTER_DEADLINE = date(2026, 12, 18), date(2026, 12, 21)  # deadline 18 Dec


@dataclass
class Office:
    """A unit head (the PPK) under a director (the atasan PPK), four staff, one outsider."""

    atasan: str
    head: str
    worker: str
    peers: tuple[str, str]
    report: str
    outsider: str
    hr: str


async def office(feedback: LiveService) -> Office:
    """Project the office into the directory and open the year."""
    people = Office(
        atasan=nip(),
        head=nip(),
        worker=nip(),
        peers=(nip(), nip()),
        report=nip(),
        outsider=nip(),
        hr=nip(),
    )
    region = feedback.region
    await feedback.project(
        UnitUpserted(
            region=region, producer="tests", unit_id="puskesmas", name="PKM", head_nip=people.head
        ),
        employee(people.atasan, region=region, unit_id="dinas"),
        employee(people.head, supervisor=people.atasan, region=region, unit_id="puskesmas"),
        employee(people.worker, supervisor=people.head, region=region, unit_id="puskesmas"),
        *(
            employee(peer, supervisor=people.head, region=region, unit_id="puskesmas")
            for peer in people.peers
        ),
        employee(people.report, supervisor=people.worker, region=region, unit_id="puskesmas"),
        employee(people.outsider, supervisor=people.atasan, region=region, unit_id="gudang"),
        employee(people.hr, region=region, unit_id="dinas"),
    )
    await feedback.open_year(YEAR)
    return people


def rating(ratee: str, **overrides: Any) -> dict[str, Any]:
    return {
        "nip": ratee,
        "year": YEAR,
        "period": PERIOD,
        "rating_hasil_kerja": "DIATAS",
        "rating_perilaku": "SESUAI",
        "justification": "Capaian melampaui target bulan ini.",
    } | overrides


def set_today(feedback: LiveService, today: date) -> None:
    feedback.app.state.assessment_terms.today = lambda: today


def only_error(answer: httpx.Response) -> dict[str, Any]:
    errors: list[dict[str, Any]] = answer.json()["errors"]
    assert len(errors) == 1, errors
    assert errors[0]["reason"]
    assert errors[0]["reason_en"]
    assert errors[0]["reason"] != errors[0]["reason_en"]
    return errors[0]


async def test_the_atasan_takes_over_after_the_deadline_and_the_ppk_cannot_replace_it(
    feedback: LiveService,
) -> None:
    client, people = feedback.client, await office(feedback)
    as_ppk, as_atasan = feedback.bearer(people.head), feedback.bearer(people.atasan)
    set_today(feedback, BEFORE_DEADLINE)

    first = await client.post(
        "/assessments",
        json=rating(people.worker, behaviour_notes={"kolaboratif": "Menggerakkan tim."}),
        headers=as_ppk,
    )
    assert first.status_code == 201, first.text
    assert first.json()["final"] is False

    early = await client.post("/assessments", json=rating(people.worker), headers=as_atasan)
    assert early.status_code == 403
    assert "2026-12-18" in only_error(early)["reason_en"]
    stranger = await client.post(
        "/assessments", json=rating(people.worker), headers=feedback.bearer(people.outsider)
    )
    assert stranger.status_code == 403

    set_today(feedback, AFTER_DEADLINE)
    taken = await client.post(
        "/assessments", json=rating(people.worker, rating_hasil_kerja="SESUAI"), headers=as_atasan
    )
    assert taken.status_code == 201, taken.text
    assert (taken.json()["final"], taken.json()["on_behalf_of"]) == (True, people.head)

    replaced = await client.post("/assessments", json=rating(people.worker), headers=as_ppk)
    assert replaced.status_code == 409
    assert only_error(replaced)["field"] == "period"

    for viewer in (people.worker, people.head, people.atasan):
        listed = await client.get(
            "/assessments",
            params={"nip": people.worker, "year": YEAR},
            headers=feedback.bearer(viewer),
        )
        assert listed.status_code == 200
        [item] = listed.json()["items"]
        assert item["assessment_id"] == taken.json()["assessment_id"]
        assert (item["final"], item["rating_hasil_kerja"], item["deadline"]) == (
            True,
            "SESUAI",
            "2026-12-18",
        )
        assert [entry["rater_nip"] for entry in item["history"]] == [people.head, people.atasan]
        assert item["history"][0]["behaviour_notes"] == {"kolaboratif": "Menggerakkan tim."}
    peer_view = await client.get(
        "/assessments",
        params={"nip": people.worker, "year": YEAR},
        headers=feedback.bearer(people.peers[0]),
    )
    assert peer_view.status_code == 403

    async def published() -> bool:
        bodies = await region_events(AssessmentSubmitted.topic(), feedback.region)
        seen = [(body["rater_nip"], body["final"], body["on_behalf_of"]) for body in bodies]
        return seen == [(people.head, False, None), (people.atasan, True, people.head)]

    await eventually(published, seconds=60, what="both assessments, the second one final")


async def test_supervisor_notes_are_recorded_by_the_ppk_and_seen_by_the_employee(
    feedback: LiveService,
) -> None:
    client, people = feedback.client, await office(feedback)
    note = {"nip": people.worker, "period": PERIOD, "scheduled": True, "positive": True}

    recorded = await client.post(
        "/supervisor-notes",
        json=note | {"note": "Laporan imunisasi tepat waktu."},
        headers=feedback.bearer(people.head),
    )
    assert recorded.status_code == 201, recorded.text
    refused = await client.post(
        "/supervisor-notes",
        json=note | {"note": "Bukan atasannya."},
        headers=feedback.bearer(people.peers[0]),
    )
    assert refused.status_code == 403

    listed = await client.get(
        "/supervisor-notes",
        params={"nip": people.worker, "year": YEAR},
        headers=feedback.bearer(people.worker),
    )
    assert listed.status_code == 200
    assert listed.json()["scheduled"] == 1
    [item] = listed.json()["items"]
    assert (item["rater_nip"], item["note"]) == (people.head, "Laporan imunisasi tepat waktu.")

    async def published() -> bool:
        bodies = await region_events(SupervisorFeedbackRecorded.topic(), feedback.region)
        return [body["entry_id"] for body in bodies] == [recorded.json()["entry_id"]]

    await eventually(published, seconds=60, what="supervisor_feedback.recorded")


async def give(
    feedback: LiveService,
    rater: str,
    ratee: str,
    source: str,
    method: str = "POST",
    **fields: Any,
) -> httpx.Response:
    body = {"nip": ratee, "period": PERIOD, "source": source, "scores": {"loyal": 4}} | fields
    return await feedback.client.request(
        method, "/feedback", json=body, headers=feedback.bearer(rater)
    )


async def summary_of(feedback: LiveService, ratee: str, viewer: str) -> dict[str, Any]:
    answer = await feedback.client.get(
        "/feedback/summary",
        params={"nip": ratee, "period": PERIOD},
        headers=feedback.bearer(viewer),
    )
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


async def test_360_answers_are_eligible_counted_once_anonymous_and_closed_with_the_year(
    feedback: LiveService, mongo: Any
) -> None:
    client, people = feedback.client, await office(feedback)
    first_peer, second_peer = people.peers

    created = await give(feedback, first_peer, people.worker, "peer", strengths="Teliti")
    assert created.status_code == 201, created.text
    second = await give(feedback, first_peer, people.worker, "peer", strengths="Lagi")
    assert (second.status_code, second.json()["errors"][0]["field"]) == (409, "nip")
    edited = await give(
        feedback,
        first_peer,
        people.worker,
        "peer",
        method="PUT",
        scores={"loyal": 5, "kompeten": 4},
        strengths="Teliti dan rapi",
    )
    assert (edited.status_code, edited.json()) == (
        200,
        {"feedback_id": created.json()["feedback_id"], "edited": True},
    )
    assert (await give(feedback, second_peer, people.worker, "peer")).status_code == 201
    assert (await give(feedback, people.report, people.worker, "subordinate")).status_code == 201

    hidden = await summary_of(feedback, people.worker, people.worker)
    assert hidden["groups"]["peer"]["shown"] is False
    assert "count" not in hidden["groups"]["peer"]

    outside = await give(feedback, people.outsider, people.worker, "peer")
    assert outside.status_code == 403
    assert only_error(outside)["field"] == "source"
    not_team = await give(feedback, first_peer, people.worker, "team")
    assert not_team.status_code == 403

    nominated = await client.post(
        "/nominations",
        json={"rater_nip": people.outsider, "period": PERIOD},
        headers=feedback.bearer(people.worker),
    )
    assert nominated.status_code == 201, nominated.text
    nomination = nominated.json()["nomination_id"]
    pending = await client.get(
        "/nominations", params={"period": PERIOD}, headers=feedback.bearer(people.head)
    )
    assert [item["nomination_id"] for item in pending.json()["to_decide"]] == [nomination]
    assert (
        await client.post(f"/nominations/{nomination}/approve", headers=feedback.bearer(people.hr))
    ).status_code == 403
    approved = await client.post(
        f"/nominations/{nomination}/approve", headers=feedback.bearer(people.head)
    )
    assert approved.status_code == 200
    asked = await client.get(
        "/nominations", params={"period": PERIOD}, headers=feedback.bearer(people.outsider)
    )
    assert [item["nip"] for item in asked.json()["to_give"]] == [people.worker]
    nominated_answer = await give(
        feedback, people.outsider, people.worker, "peer", improve="Dokumentasi"
    )
    assert nominated_answer.status_code == 201

    out_of_scale = await give(feedback, second_peer, people.worker, "peer", scores={"loyal": 6})
    assert out_of_scale.status_code == 422
    assert only_error(out_of_scale)["field"] == "scores.loyal"
    assert (await give(feedback, people.worker, people.worker, "self")).status_code == 201
    assert (await give(feedback, people.head, people.worker, "team")).status_code == 201

    shown = await summary_of(feedback, people.worker, people.head)
    peer = shown["groups"]["peer"]
    assert peer["count"] == 3  # the edit replaced the first answer; the 422 stored nothing
    assert peer["values"]["loyal"] == {"shown": True, "count": 3, "mean": 4.33}
    assert peer["values"]["kompeten"]["shown"] is False  # one score only
    # An edit replaces the whole answer: its first comment is gone, not counted twice.
    assert (peer["strengths"], peer["improve"]) == (["Teliti dan rapi"], ["Dokumentasi"])
    assert shown["groups"]["subordinate"]["shown"] is False
    assert "peer_subordinate" not in shown["groups"]
    assert shown["groups"]["self"]["count"] == 1
    assert shown["overall"]["values"] == {"loyal": 4.25}  # three peers and the team, no one else
    assert (
        await client.get(
            "/feedback/summary",
            params={"nip": people.worker, "period": PERIOD},
            headers=feedback.bearer(second_peer),
        )
    ).status_code == 403

    given = await client.get(
        "/feedback/given", params={"period": PERIOD}, headers=feedback.bearer(first_peer)
    )
    [mine] = given.json()["items"]
    assert (mine["feedback_id"], mine["scores"]) == (
        created.json()["feedback_id"],
        {"loyal": 5, "kompeten": 4},
    )

    stored = await mongo[feedback.settings.mongo_database]["peer_feedback"].find({}).to_list()
    assert len(stored) == 6
    raters = (first_peer, second_peer, people.report, people.outsider, people.head)
    assert not any(rater in repr(stored) for rater in raters)

    async def published() -> bool:
        bodies = await region_events(FeedbackSubmitted.topic(), feedback.region)
        ids = [body["feedback_id"] for body in bodies]
        return (
            len(ids) == 7 and len(set(ids)) == 6 and ids.count(created.json()["feedback_id"]) == 2
        )

    await eventually(published, seconds=60, what="seven feedback.submitted, one of them an edit")
    bodies = await region_events(FeedbackSubmitted.topic(), feedback.region)
    assert not any(rater in repr(bodies) for rater in raters)

    await feedback.publish(
        PeriodClosed(region=feedback.region, producer="tests", year=YEAR, closed_by=people.hr)
    )

    async def closed() -> bool:
        period = await feedback.app.state.periods.get(feedback.region, YEAR)
        return period is not None and period["status"] == "closed"

    await eventually(closed, seconds=60, what="the closed year")
    late_edit = await give(feedback, first_peer, people.worker, "peer", method="PUT")
    assert late_edit.status_code == 409
    assert only_error(late_edit)["field"] == "year"
