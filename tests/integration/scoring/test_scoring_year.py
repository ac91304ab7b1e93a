"""A region's year through scoring on the real broker and store, then replayed from the start.

One small unit: a PPK, six staff, plans and progress, 360 feedback with a harsh peer, citizens'
surveys and a complaint, attendance with unexcused days, the PPK's ratings (one far from the
evidence) and the unit's organisation predicate. Checks the receipt, IKM, distribution check,
flags as events, held events for someone the directory does not know yet, the dead-letter
topic, and that a second instance replaying every topic settles on identical results.
"""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from aiokafka import AIOKafkaProducer

from contracts import (
    AttendanceRecorded,
    ComplaintFiled,
    ComplaintStatusChanged,
    DistributionChecked,
    Event,
    FairnessFlagChanged,
    FeedbackSubmitted,
    SurveySubmitted,
    UnitPredicateSet,
    dead_letter_topic,
)
from contracts.vocabulary import BerakhlakValue
from kit.auth import Role
from scoring.app import create_app
from scoring.engine import Engine
from scoring.settings import ScoringSettings
from tests import factories
from tests.integration.live import KAFKA, eventually, read_topic, region_events
from tests.integration.scoring.conftest import HR, announced, opened, people, result, settled
from tests.integration.service import LiveService, running

UNIT = "unit-1"
T0 = datetime(2026, 3, 2, 1, tzinfo=UTC)


def _feedback(region: str, ratee: str, rater: str, score: int) -> FeedbackSubmitted:
    return FeedbackSubmitted(
        region=region,
        producer="tests",
        feedback_id=f"fb-{rater[-4:]}-{ratee[-4:]}",
        nip=ratee,
        year=2026,
        period="2026-03",
        source="peer",
        rater_ref=f"ref-{rater[-6:]}",
        scores=dict.fromkeys(BerakhlakValue, score),
    )


def _survey(region: str, officer: str, number: int, answer: int, rating: int) -> SurveySubmitted:
    return SurveySubmitted(
        region=region,
        producer="tests",
        survey_id=f"s-{number}",
        unit_id=UNIT,
        service_id="layanan-1",
        period="2026-03",
        answers={f"U{i}": answer if i != 9 else 3 for i in range(1, 10)},
        officer_nip=officer,
        officer_rating=rating,
    )


def _absences(region: str, nip: str, days: int) -> list[AttendanceRecorded]:
    first = date(2026, 3, 2)  # a Monday; the next days skip the weekend
    working = [
        first + timedelta(days=i) for i in range(14) if (first + timedelta(days=i)).weekday() < 5
    ]
    return [
        AttendanceRecorded(region=region, producer="tests", nip=nip, date=day, status="alpa")
        for day in working[:days]
    ]


def year_events(region: str, ppk: str, staff: list[str]) -> list[Event]:
    """Every fact of the year, as the other services would publish them."""
    events: list[Event] = [*people(region, [ppk]), opened(region)]
    events += people(region, staff, supervisor=ppk, unit_id=UNIT)
    pcts = [130.0, 120.0, 100.0, 95.0, 70.0, 60.0]
    for nip, pct in zip(staff, pcts, strict=True):
        events.append(factories.skp_approved(nip, region=region))
        events.append(factories.progress(nip, pct, period="2026-03", region=region))
    # Everyone rates everyone else in the unit; the last staff member is harsh on all.
    for ratee_index, ratee in enumerate(staff):
        for rater in staff:
            if rater != ratee:
                harsh = rater == staff[-1]
                events.append(_feedback(region, ratee, rater, 2 if harsh else 5 - ratee_index // 2))
    events += [_survey(region, staff[0], n, 4 if n % 3 else 3, 5) for n in range(12)]
    events += [_survey(region, staff[2], n, 2, 2) for n in range(12, 16)]
    events.append(
        ComplaintFiled(
            region=region,
            producer="tests",
            complaint_id="c-1",
            unit_id=UNIT,
            officer_nip=staff[1],
            category="waktu",
            channel="citizen",
            occurred_at=T0,
        )
    )
    events.append(
        ComplaintStatusChanged(
            region=region,
            producer="tests",
            complaint_id="c-1",
            unit_id=UNIT,
            officer_nip=staff[1],
            from_status="received",
            to_status="resolved",
            changed_by=ppk,
            hours_open=30.0,
            occurred_at=T0 + timedelta(hours=30),
        )
    )
    events += _absences(region, staff[4], 4)
    # The PPK rates the weakest-by-evidence employee DIATAS: two levels above the evidence.
    events.append(factories.assessment(staff[5], "DIATAS", "DIATAS", region=region, rater_nip=ppk))
    events.append(factories.assessment(staff[0], "DIATAS", "DIATAS", region=region, rater_nip=ppk))
    events.append(
        UnitPredicateSet(
            region=region,
            producer="tests",
            unit_id=UNIT,
            year=2026,
            period="2026",
            predikat="BAIK",
            set_by=HR,
        )
    )
    return events


async def snapshot(service: LiveService, nips: list[str]) -> dict[str, Any]:
    """Everything scoring settled on: results, unit quality, flags and distribution."""
    engine: Engine = service.app.state.engine
    year = engine.year(service.region, 2026)
    return {
        "results": {nip: await result(service, nip) for nip in nips},
        "unit": engine.unit_quality(service.region, UNIT, 2026),
        "flags": year.get("flags"),
        "distribution": year.get("distribution"),
        "formula_version": year.get("formula_version"),
    }


async def test_a_year_is_scored_explained_and_replayed_identically() -> None:
    ppk, late = factories.nip(), factories.nip()
    staff = [factories.nip() for _ in range(6)]
    async with running(create_app, ScoringSettings, "scoring") as scoring:
        region = scoring.region
        # Held, not dropped: progress for someone the directory does not know yet.
        await scoring.publish(opened(region), factories.progress(late, 90.0, region=region))
        await scoring.publish(*year_events(region, ppk, staff))
        # A contract-invalid record goes to the dead-letter topic; the rest is processed.
        producer = AIOKafkaProducer(bootstrap_servers=KAFKA)
        await producer.start()
        poison_id = str(uuid.uuid4())
        await producer.send_and_wait(
            FeedbackSubmitted.topic(),
            f'{{"event_id": "{poison_id}", "region": "{region}", "nip": "x"}}'.encode(),
        )
        await producer.stop()

        async def all_scored() -> bool:
            return all([await result(scoring, nip) is not None for nip in staff])

        await eventually(all_scored, seconds=120, what="scores for the whole unit")
        await settled(scoring)
        assert await result(scoring, late) is None, (
            "nobody is scored before the directory knows them"
        )
        await scoring.publish(*people(region, [late], supervisor=ppk, unit_id="unit-2"))

        async def late_scored() -> bool:
            return await result(scoring, late) is not None

        await eventually(late_scored, seconds=60, what="the held employee, once known")
        await settled(scoring)

        # Official vs provisional, and the receipt over HTTP for the employee themself.
        best = (
            await scoring.client.get(
                f"/scores/{staff[0]}", params={"year": 2026}, headers=scoring.bearer(staff[0])
            )
        ).json()
        assert best["provisional"] is False
        assert best["predikat"] == "SANGAT_BAIK"
        receipt = best["receipt"]
        assert receipt["formula_version"] == "kinerja-2026.1" == best["formula_version"]
        assert receipt["official_predikat"] == "SANGAT_BAIK"
        sources = {item["source"] for item in receipt["inputs"]}
        assert {"results", "behaviour", "official"} <= sources
        citizen = next(i for i in receipt["inputs"] if i["code"] == "behaviour.citizen")
        assert citizen["adjustment"] < 0, "five stars are pulled toward the region's lower mean"
        assert abs(sum(i["weight"] for i in receipt["inputs"]) - 1) < 1e-9
        assert receipt["strengths"], "a 130% IKI and high peer scores are strengths"
        middle = await result(scoring, staff[3])
        assert middle is not None
        assert middle["provisional"] is True
        assert middle["receipt"]["official_predikat"] is None
        assert middle["receipt"]["what_would_change"][0]["delta"] > 0
        assert middle["receipt"]["improve"], "a 95% IKI is an area to improve"
        # Rater-effect correction: the harsh rater's scores are pulled up for everyone they rated.
        peer = next(i for i in middle["receipt"]["inputs"] if i["code"] == "behaviour.peer")
        assert peer["adjustment"] > 0
        # Discipline: 4 unexcused days -> written warning; deduction in the composite.
        absent = await result(scoring, staff[4])
        assert absent is not None
        assert absent["receipt"]["discipline"]["unexcused_days"] == 4
        assert absent["receipt"]["discipline"]["sanction"] == "teguran_tertulis"
        assert any(i["code"] == "discipline.deduction" for i in absent["receipt"]["inputs"])
        # Another published formula version recomputes; an unknown one is a 422 naming the field.
        same = await scoring.client.get(
            f"/scores/{staff[0]}",
            params={"year": 2026, "formula_version": "kinerja-2026.1"},
            headers=scoring.bearer(staff[0]),
        )
        assert same.json()["composite"] == best["composite"]
        unknown = await scoring.client.get(
            f"/scores/{staff[0]}",
            params={"year": 2026, "formula_version": "v0"},
            headers=scoring.bearer(staff[0]),
        )
        assert unknown.status_code == 422
        assert "formula_version" in unknown.text
        # Another employee may not read it; region HR may.
        denied = await scoring.client.get(
            f"/scores/{staff[0]}", params={"year": 2026}, headers=scoring.bearer(staff[1])
        )
        assert denied.status_code == 403

        # Unit service quality: exact IKM, band, complaint signals.
        hr = scoring.bearer(HR, Role.REGION_ADMIN)
        quality = (
            await scoring.client.get(f"/units/{UNIT}/quality", params={"year": 2026}, headers=hr)
        ).json()
        assert quality["year"]["responses"] == 16
        assert quality["year"]["band"] in {"A", "B"}
        assert quality["complaints"]["resolved_count"] == 1
        assert quality["complaints"]["median_resolution_hours"] == 30.0
        assert (
            await scoring.client.get(
                f"/units/{UNIT}/quality", params={"year": 2026}, headers=scoring.bearer(staff[2])
            )
        ).status_code == 403

        # Distribution check against the unit's BAIK predicate, served and announced.
        curve = (
            await scoring.client.get(
                f"/units/{UNIT}/distribution", params={"year": 2026}, headers=hr
            )
        ).json()
        assert curve["org_predikat"] == "BAIK"
        assert curve["total"] == 6
        assert curve["needs_justification"] is True
        assert curve["warnings"]
        # Flags: the PPK's DIATAS for the weakest evidence, and the absences.
        flags = (await scoring.client.get("/flags", params={"year": 2026}, headers=hr)).json()
        kinds = {(f["kind"], f["subject"]) for f in flags["items"]}
        assert ("ppk_evidence_gap", staff[5]) in kinds
        assert ("discipline", staff[4]) in kinds
        atasan = (
            await scoring.client.get(
                "/flags", params={"year": 2026}, headers=scoring.bearer(staff[5])
            )
        ).json()
        assert atasan["items"] == [], "only the PPK's own atasan sees their evidence gaps"

        async def events_out() -> bool:
            flags_out = await region_events(FairnessFlagChanged.topic(), region)
            curves = await region_events(DistributionChecked.topic(), region)
            scores = await announced(scoring, staff[0])
            return (
                bool(flags_out) and bool(curves) and any(s.get("receipt") for s in scores.values())
            )

        await eventually(events_out, seconds=90, what="flags, distribution and receipts on Kafka")
        # Invalid records carry no trustworthy region: a fresh group parks old ones too.
        dead = dead_letter_topic(FeedbackSubmitted.topic(), scoring.settings.service_name)
        parked = await read_topic(dead, 1000, seconds=10)
        assert any(poison_id.encode() in record.value for record in parked)
        first = await snapshot(scoring, [*staff, late])
        told = len(await announced(scoring, staff[0]))

    # Restart (same group and store): the log is folded again and every result announced anew.
    async with running(create_app, ScoringSettings, "scoring", restart_of=scoring) as again:
        await settled(again)
        assert await snapshot(again, [*staff, late]) == first
        assert len(await announced(again, staff[0])) == told + 1

    # Replay: a second instance (fresh group and store) reads every topic from the beginning.
    async with running(create_app, ScoringSettings, "scoring", region=region) as replay:

        async def caught_up() -> bool:
            return all([await result(replay, nip) is not None for nip in [*staff, late]])

        await eventually(caught_up, seconds=180, what="the replay to score everyone")
        await settled(replay)
        assert await snapshot(replay, [*staff, late]) == first
