"""Appeal (keberatan) rules, free of I/O: deadlines, who files, explains and decides, and what."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from enum import StrEnum
from typing import Any, Self
from uuid import NAMESPACE_URL, uuid5

from contracts import utc_now
from contracts.vocabulary import AppealDecision, Rating
from feedback.settings import FeedbackSettings
from kit.auth import Principal, Role
from kit.calendar import WorkingDays
from kit.problems import DomainProblem

# The region's office clock; the pilot regions keep WIB (UTC+7; Indonesia has no DST).
WIB = timezone(timedelta(hours=7), "WIB")
OPEN, DECIDED = "open", "decided"
MAX_ENTRIES = 50  # explanations or requests per appeal: bounds the document


class Side(StrEnum):
    """Whose explanation: the appealing employee's or the rating PPK's."""

    EMPLOYEE = "employee"
    PPK = "ppk"


@dataclass
class AppealTerms:
    """The working-day calendar, both deadlines and the clock (tests replace ``clock``)."""

    calendar: WorkingDays
    filing_days: int = 14
    decision_days: int = 7
    zone: tzinfo = WIB
    clock: Callable[[], datetime] = utc_now

    @classmethod
    def from_settings(cls, settings: FeedbackSettings) -> Self:
        """The deployment's deadlines, regional days off and time zone."""
        return cls(
            calendar=WorkingDays(settings.extra_days_off),
            filing_days=settings.appeal_filing_days,
            decision_days=settings.appeal_decision_days,
            zone=timezone(timedelta(hours=settings.local_utc_offset_hours)),
        )

    def today(self) -> date:
        """The calendar day in the region now: a deadline day lasts until local midnight."""
        return self.local_date(self.clock())

    def local_date(self, moment: datetime) -> date:
        """The region's calendar day of a moment (a naive one is taken as UTC)."""
        return (
            (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(self.zone).date()
        )

    def received_on(self, assessment: dict[str, Any]) -> date:
        """The day the employee received the evaluation: the day it was stored."""
        return self.local_date(assessment["at"])

    def filing_deadline(self, received: date) -> date:
        """Last day to file: ``filing_days`` working days after the evaluation was received."""
        return self.calendar.add(received, self.filing_days)

    def decide_by(self, filed: date) -> date:
        """Last day to decide: ``decision_days`` working days after filing."""
        return self.calendar.add(filed, self.decision_days)

    def days_left(self, deadline: date, today: date) -> int:
        """Working days from today to the deadline: 0 on the day itself, negative once past."""
        if today <= deadline:
            return self.calendar.between(today, deadline)
        return -self.calendar.between(deadline, today)


def appeal_id(region: str, assessment_id: str) -> str:
    """One id per appealed assessment: a repeated or concurrent filing collides on it."""
    return str(uuid5(NAMESPACE_URL, f"kinerja:appeal:{region}:{assessment_id}"))


def check_appellant(caller_nip: str, nip: str | None) -> str:
    """Only the evaluated employee appeals, for themself; returns their NIP."""
    if nip is not None and nip != caller_nip:
        raise DomainProblem(
            403,
            field="nip",
            reason_id="Keberatan hanya dapat diajukan oleh pegawai yang dinilai sendiri",
            reason_en="Only the evaluated employee may file an appeal, for themself",
        )
    return caller_nip


def check_current(assessment: dict[str, Any] | None, assessment_id: str) -> dict[str, Any]:
    """The appealed assessment must exist, still be the latest of its period, and not be final."""
    if assessment is None:
        raise DomainProblem(
            422,
            field="assessment_id",
            reason_id="Penilaian untuk periode ini tidak ditemukan",
            reason_en="No assessment of this period was found",
        )
    if assessment.get("assessment_id") != assessment_id:
        earlier = {entry.get("assessment_id") for entry in assessment.get("history", [])}
        if assessment_id not in earlier:
            raise DomainProblem(
                422,
                field="assessment_id",
                reason_id="Penilaian ini tidak ditemukan untuk periode ini",
                reason_en="This assessment was not found for this period",
            )
        raise DomainProblem(
            409,
            field="assessment_id",
            reason_id=(
                f"Penilaian ini sudah diganti penilaian yang lebih baru "
                f"({assessment.get('assessment_id')})"
            ),
            reason_en=(f"A newer assessment ({assessment.get('assessment_id')}) replaced this one"),
        )
    if assessment.get("final"):
        raise DomainProblem(
            409,
            field="assessment_id",
            reason_id="Penilaian oleh atasan PPK setelah tenggat PPK bersifat final; tanpa keberatan",
            reason_en="The atasan PPK's assessment after the PPK's deadline is final; no appeal",
        )
    return assessment


def check_filing_in_time(terms: AppealTerms, received: date, today: date) -> None:
    """422 naming the last day when the filing window has passed."""
    deadline = terms.filing_deadline(received)
    if today > deadline:
        raise DomainProblem(
            422,
            field="assessment_id",
            reason_id=(
                f"Batas waktu keberatan sudah lewat: paling lambat {deadline.isoformat()} "
                f"({terms.filing_days} hari kerja sejak penilaian diterima {received.isoformat()})"
            ),
            reason_en=(
                f"The appeal deadline has passed: it was {deadline.isoformat()} "
                f"({terms.filing_days} working days after receiving the evaluation on "
                f"{received.isoformat()})"
            ),
        )


def ppk_of(assessment: dict[str, Any], employee: dict[str, Any] | None) -> str | None:
    """The PPK whose rating is appealed: the one a delegate acted for, the rater, else the boss."""
    ppk = assessment.get("on_behalf_of") or assessment.get("rater_nip")
    if ppk is None and employee is not None:
        ppk = employee.get("supervisor_nip")
    return ppk


def atasan_of(nip: str, ppk: str | None, ppk_record: dict[str, Any] | None) -> str | None:
    """The PPK's own supervisor decides; None (region HR) when there is none or it is a loop."""
    atasan = None if ppk_record is None else ppk_record.get("supervisor_nip")
    return None if atasan in (None, nip, ppk) else atasan


def check_open(appeal: dict[str, Any]) -> None:
    """A decided appeal is final."""
    if appeal["status"] != OPEN:
        raise DomainProblem(
            409,
            field="status",
            reason_id="Keberatan sudah diputus; keputusan bersifat final",
            reason_en="The appeal has been decided; the decision is final",
        )


def check_decider(caller: Principal, appeal: dict[str, Any]) -> None:
    """Only the atasan PPK decides (region HR when there is none), never a party to it."""
    atasan = appeal.get("atasan_nip")
    parties = (appeal["nip"], appeal.get("ppk_nip"), appeal.get("rater_nip"))
    allowed = caller.nip == atasan if atasan else caller.has(Role.REGION_ADMIN)
    if not allowed or caller.nip in parties:
        raise DomainProblem(
            403,
            field="atasan_nip",
            reason_id="Hanya atasan PPK (atau admin wilayah bila tidak ada) yang memutus keberatan",
            reason_en="Only the atasan PPK (or region HR when there is none) decides the appeal",
        )


def check_explainer(caller_nip: str, side: Side, appeal: dict[str, Any]) -> None:
    """The employee explains as ``employee``, the rating PPK as ``ppk``; nobody else."""
    expected = appeal["nip"] if side is Side.EMPLOYEE else appeal.get("ppk_nip")
    if caller_nip != expected:
        raise DomainProblem(
            403,
            field="from",
            reason_id=(
                "Hanya pegawai yang mengajukan keberatan"
                if side is Side.EMPLOYEE
                else "Hanya PPK yang memberi penilaian"
            ),
            reason_en=(
                "Only the appealing employee"
                if side is Side.EMPLOYEE
                else "Only the PPK who gave the rating"
            ),
        )


def check_room(appeal: dict[str, Any], entries: str) -> None:
    """Keep one appeal's record bounded."""
    if len(appeal.get(entries, [])) >= MAX_ENTRIES:
        raise DomainProblem(
            409,
            field=entries,
            reason_id=f"Paling banyak {MAX_ENTRIES} entri per keberatan",
            reason_en=f"At most {MAX_ENTRIES} entries per appeal",
        )


def resulting_ratings(
    original: dict[str, str],
    decision: AppealDecision,
    hasil_kerja: Rating | None,
    perilaku: Rating | None,
) -> tuple[Rating, Rating]:
    """The ratings the decision leaves: the PPK's when confirmed, at least one new when changed."""
    before = Rating(original["rating_hasil_kerja"]), Rating(original["rating_perilaku"])
    if decision is AppealDecision.CONFIRMED:
        for field, given, kept in (
            ("rating_hasil_kerja", hasil_kerja, before[0]),
            ("rating_perilaku", perilaku, before[1]),
        ):
            if given is not None and given != kept:
                raise DomainProblem(
                    422,
                    field=field,
                    reason_id="Keputusan 'confirmed' mempertahankan rating PPK; pilih 'changed'",
                    reason_en="A 'confirmed' decision keeps the PPK's rating; use 'changed'",
                )
        return before
    after = hasil_kerja or before[0], perilaku or before[1]
    if after == before:
        raise DomainProblem(
            422,
            field="rating_hasil_kerja",
            reason_id="Keputusan 'changed' memerlukan minimal satu rating baru yang berbeda",
            reason_en="A 'changed' decision needs at least one new, different rating",
        )
    return after


def may_see(caller: Principal, appeal: dict[str, Any]) -> bool:
    """The employee, the rating PPK, the deciding atasan, and region HR."""
    involved = (appeal["nip"], appeal.get("ppk_nip"), appeal.get("atasan_nip"))
    return caller.nip in involved or caller.has(Role.REGION_ADMIN)


def deadline_view(terms: AppealTerms, appeal: dict[str, Any], today: date) -> dict[str, Any]:
    """``days_left`` to ``decide_by`` (negative when overdue) while open; nothing once decided."""
    if appeal["status"] != OPEN:
        return {"days_left": None, "overdue": False}
    left = terms.days_left(date.fromisoformat(appeal["decide_by"]), today)
    return {"days_left": left, "overdue": left < 0}
