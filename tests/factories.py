"""Test data per domain: valid events and request bodies with overridable fields."""

import itertools
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from contracts import (
    AppealDecided,
    AssessmentSubmitted,
    AttendanceRecorded,
    ComplaintFiled,
    ComplaintStatusChanged,
    EmployeeUpserted,
    Event,
    FeedbackSubmitted,
    Iki,
    ProgressReported,
    Rhk,
    ScoreComputed,
    SkpApproved,
    SupervisorFeedbackRecorded,
    SurveySubmitted,
    UnitPredicateSet,
)
from kit.auth import Principal, Role, issue_development_token
from kit.settings import ServiceSettings

REGION = "palangkaraya"
HR = "199001019999999999"
"""Region HR, who sets unit predicates and moves complaints along."""
E = TypeVar("E", bound=Event)
_sequence = itertools.count(1)


def nip() -> str:
    """A fresh, valid 18-digit NIP."""
    return f"19900101{next(_sequence):010d}"


def employee(
    nip_: str, *, supervisor: str | None = None, region: str = REGION, **fields: Any
) -> EmployeeUpserted:
    """A directory record."""
    values = {
        "name": f"Pegawai {nip_[-4:]}",
        "unit_id": "unit-1",
        "position_type": "pelaksana",
    } | fields
    return EmployeeUpserted(
        region=region, producer="tests", nip=nip_, supervisor_nip=supervisor, **values
    )


def rhk(
    kind: str = "utama",
    target: float = 100,
    direction: str = "higher_is_better",
    *,
    rhk_id: str = "rhk-1",
    iki_id: str = "iki-1",
    unit: str = "unit",
    parent_iki_id: str | None = None,
    **links: Any,
) -> Rhk:
    """One RHK with one IKI; ``links`` sets parent_rhk_id, unit_goal_id, cascading, perspective."""
    iki = Iki(
        iki_id=iki_id,
        name="Indikator",
        aspek="kuantitas",
        target=target,
        unit=unit,
        direction=direction,
        parent_iki_id=parent_iki_id,
    )
    return Rhk(rhk_id=rhk_id, title="Hasil kerja", kind=kind, iki=(iki,), **links)


def skp_body(year: int = 2026, **overrides: Any) -> dict[str, Any]:
    """Request body of ``POST /skp``."""
    return {"year": year, "rhk": [rhk().model_dump(mode="json")]} | overrides


def skp_approved(
    nip_: str, *, region: str = REGION, year: int = 2026, rhks: tuple[Rhk, ...] | None = None
) -> SkpApproved:
    """An approved plan."""
    return SkpApproved(
        region=region,
        producer="tests",
        skp_id=f"{region}-{nip_}-{year}",
        nip=nip_,
        year=year,
        approved_by="199001019999999999",
        rhk=rhks or (rhk(),),
    )


def progress(
    nip_: str,
    pct: float,
    *,
    region: str = REGION,
    year: int = 2026,
    period: str = "2026-11",
    rhk_id: str = "rhk-1",
    iki_id: str = "iki-1",
    **fields: Any,
) -> ProgressReported:
    """A progress report with a given achievement."""
    return ProgressReported(
        region=region,
        producer="tests",
        progress_id=f"{nip_}-{iki_id}-{period}",
        skp_id=f"{region}-{nip_}-{year}",
        nip=nip_,
        year=year,
        period=period,
        rhk_id=rhk_id,
        iki_id=iki_id,
        realisation=pct,
        achievement_pct=pct,
        **fields,
    )


def assessment(
    nip_: str,
    hasil: str = "SESUAI",
    perilaku: str = "SESUAI",
    *,
    region: str = REGION,
    year: int = 2026,
    period: str = "2026-11",
    **fields: Any,
) -> AssessmentSubmitted:
    """A PPK rating."""
    values = {
        "assessment_id": f"a-{nip_}",
        "rater_nip": "199001019999999999",
        "justification": "Sesuai bukti kinerja.",
    } | fields
    return AssessmentSubmitted(
        region=region,
        producer="tests",
        nip=nip_,
        year=year,
        period=period,
        rating_hasil_kerja=hasil,
        rating_perilaku=perilaku,
        **values,
    )


def score(
    nip_: str,
    *,
    predikat: str = "BAIK",
    composite: float = 85.0,
    provisional: bool = False,
    region: str = REGION,
    period: str = "2026-11",
) -> ScoreComputed:
    """A computed score."""
    return ScoreComputed(
        region=region,
        producer="tests",
        nip=nip_,
        year=2026,
        period=period,
        predikat=predikat,
        provisional=provisional,
        rating_hasil_kerja="SESUAI",
        rating_perilaku="SESUAI",
        composite=composite,
        formula_version="test",
    )


def bearer(
    settings: ServiceSettings, nip_: str, *roles: Role, region: str = REGION
) -> dict[str, str]:
    """Authorization header for a caller."""
    principal = Principal(nip=nip_, region=region, roles=frozenset(roles or (Role.PEGAWAI,)))
    return {"authorization": f"Bearer {issue_development_token(settings, principal)}"}


def directory_csv(*, units: int = 6, staff_per_unit: int = 48) -> str:
    """A CSV export: a head of office, one head per unit under them, staff under each unit head."""
    header = "nip,name,unit_id,unit_name,parent_unit_id,position_type,position_title,supervisor_nip"
    head = nip()
    lines = [header, f"{head},Kepala Dinas,dinas,Dinas,,jpt,Kepala Dinas,"]
    for index in range(units):
        unit_id, unit_head = f"unit-{index}", nip()
        lines.append(
            f"{unit_head},Kepala {index},{unit_id},Unit {index},dinas,administrator,Kepala,{head}"
        )
        for number in range(staff_per_unit):
            lines.append(
                f"{nip()},Staf {index}-{number},{unit_id},Unit {index},dinas,pelaksana,Staf,{unit_head}"
            )
    return "\n".join(lines) + "\n"


def appeal_decided(
    nip_: str,
    hasil: str = "SESUAI",
    perilaku: str = "SESUAI",
    *,
    decision: str = "changed",
    region: str = REGION,
    year: int = 2026,
    period: str = "2026-11",
    **fields: Any,
) -> AppealDecided:
    """The atasan PPK's decision on an appeal against assessment ``a-<nip>``."""
    values = {
        "appeal_id": f"appeal-{nip_}",
        "assessment_id": f"a-{nip_}",
        "decided_by": "199001018888888888",
        "reason": "Bukti dukung menunjukkan capaian di atas target.",
    } | fields
    return AppealDecided(
        region=region,
        producer="tests",
        nip=nip_,
        year=year,
        period=period,
        decision=decision,
        rating_hasil_kerja=hasil,
        rating_perilaku=perilaku,
        **values,
    )


def _about(event_class: Callable[..., E], nip_: str, **fields: Any) -> E:
    """An event about one employee, produced by the tests; by default about 2026-11."""
    values = {"region": REGION, "year": 2026, "period": "2026-11"} | fields
    return event_class(producer="tests", nip=nip_, **values)


def peer_feedback(
    nip_: str, scores: dict[str, int], *, rater: str = "rater-1", **fields: Any
) -> FeedbackSubmitted:
    """A 360 rating of ``nip_`` by a pseudonymous peer (or ``source``), one id per rater."""
    values = {"feedback_id": f"fb-{rater}-{nip_}", "source": "peer"} | fields
    return _about(FeedbackSubmitted, nip_, rater_ref=rater, scores=scores, **values)


def supervisor_note(nip_: str, positive: bool | None, **fields: Any) -> SupervisorFeedbackRecorded:
    """A supervisor's note with a verdict (None: neutral); ``entry_id`` defaults to note-1."""
    values = {"entry_id": "note-1", "rater_nip": HR, "scheduled": True, "note": "Catatan."}
    return _about(SupervisorFeedbackRecorded, nip_, positive=positive, **(values | fields))


def _of_unit(event_class: Callable[..., E], unit_id: str, **fields: Any) -> E:
    """An event about one service unit, produced by the tests (``fields`` name the region)."""
    return event_class(producer="tests", unit_id=unit_id, **fields)


def survey(
    survey_id: str, answers: dict[str, int], *, unit: str = "unit-1", **fields: Any
) -> SurveySubmitted:
    """A citizen's IKM survey of 2026-11; ``fields`` may add officer_nip and officer_rating."""
    values = {"service_id": "layanan-1", "period": "2026-11", "region": REGION} | fields
    return _of_unit(SurveySubmitted, unit, survey_id=survey_id, answers=answers, **values)


def attendance(
    nip_: str, day: date, status: str = "alpa", *, region: str = REGION, **fields: Any
) -> AttendanceRecorded:
    """One attendance day of an employee."""
    return AttendanceRecorded(
        region=region, producer="tests", nip=nip_, date=day, status=status, **fields
    )


def complaint_filed(complaint_id: str, *, unit: str = "unit-1", **fields: Any) -> ComplaintFiled:
    """A citizen's complaint about a unit."""
    values = {"category": "layanan", "channel": "citizen", "region": REGION} | fields
    return _of_unit(ComplaintFiled, unit, complaint_id=complaint_id, **values)


def complaint_status(
    complaint_id: str, to_status: str, hours_open: float, *, unit: str = "unit-1", **fields: Any
) -> ComplaintStatusChanged:
    """A step of a complaint, ``hours_open`` after its filing (from ``received`` by default)."""
    values = {"from_status": "received", "changed_by": HR, "region": REGION} | fields
    return _of_unit(
        ComplaintStatusChanged,
        unit,
        complaint_id=complaint_id,
        to_status=to_status,
        hours_open=hours_open,
        **values,
    )


def unit_predicate(
    unit: str, predikat: str, *, year: int = 2026, **fields: Any
) -> UnitPredicateSet:
    """Region HR's organisation predicate for a unit and year."""
    values = {"period": str(year), "set_by": HR, "region": REGION} | fields
    return _of_unit(UnitPredicateSet, unit, year=year, predikat=predikat, **values)
