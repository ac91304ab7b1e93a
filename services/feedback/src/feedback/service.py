"""Feedback rules, free of I/O: who may rate whom, and until when."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from kit.auth import Principal, Role
from kit.calendar import WorkingDays, period_end
from kit.problems import DomainProblem


def check_ratee(rater_nip: str, ratee: dict[str, Any] | None) -> dict[str, Any]:
    """The rated employee must be known in the region, and nobody rates themselves."""
    if ratee is None:
        raise DomainProblem(
            422,
            field="nip",
            reason_id="Pegawai tidak dikenal di wilayah ini",
            reason_en="Unknown employee in this region",
        )
    if ratee.get("nip") == rater_nip:
        raise DomainProblem(
            403,
            field="nip",
            reason_id="Tidak bisa menilai diri sendiri",
            reason_en="Cannot rate yourself",
        )
    return ratee


def check_rater(rater_nip: str, ratee: dict[str, Any] | None) -> None:
    """Only the employee's own PPK (direct supervisor in the directory) rates them."""
    ratee = check_ratee(rater_nip, ratee)
    if ratee.get("supervisor_nip") != rater_nip:
        raise DomainProblem(
            403,
            field="nip",
            reason_id="Hanya PPK pegawai ini",
            reason_en="Only this employee's PPK",
        )


def local_today(offset_hours: int) -> Callable[[], date]:
    """The region's calendar day now: a deadline day lasts until local midnight (WIB = 7)."""
    zone = timezone(timedelta(hours=offset_hours))
    return lambda: datetime.now(UTC).astimezone(zone).date()


@dataclass
class AssessmentTerms:
    """The PPK's deadline in working days and "today" (tests replace ``today``)."""

    calendar: WorkingDays
    deadline_days: int = 14
    today: Callable[[], date] = field(default=local_today(7))

    def ppk_deadline(self, period: str) -> date:
        """Last day for the PPK: ``deadline_days`` working days after the period's end."""
        return self.calendar.add(period_end(period), self.deadline_days)


@dataclass(frozen=True)
class Authority:
    """In which capacity the caller rates: as PPK, for the PPK (delegate), or as atasan (final)."""

    final: bool
    on_behalf_of: str | None
    late: bool = False


def as_ppk(caller_nip: str, acting_ppk: str, deadline: date, today: date) -> Authority:
    """The PPK or their delegate; still accepted after the deadline (late) unless overtaken."""
    on_behalf_of = None if acting_ppk == caller_nip else acting_ppk
    return Authority(final=False, on_behalf_of=on_behalf_of, late=today > deadline)


def as_atasan(
    caller: Principal,
    ppk_nip: str | None,
    atasan_nip: str | None,
    deadline: date,
    today: date,
) -> Authority:
    """The atasan PPK (region HR when the PPK has none) takes over after the PPK's deadline."""
    is_atasan = (
        caller.nip == atasan_nip if atasan_nip is not None else caller.has(Role.REGION_ADMIN)
    )
    if ppk_nip is None or caller.nip == ppk_nip or not is_atasan:
        raise DomainProblem(
            403,
            field="nip",
            reason_id="Hanya PPK pegawai ini, delegasinya, atau atasan PPK setelah tenggat",
            reason_en="Only this employee's PPK, their delegate, or the atasan PPK after the deadline",
        )
    if today <= deadline:
        raise DomainProblem(
            403,
            field="nip",
            reason_id=(
                f"Atasan PPK baru dapat menilai setelah tenggat PPK, {deadline.isoformat()}"
            ),
            reason_en=f"The atasan PPK may rate only after the PPK's deadline, {deadline.isoformat()}",
        )
    return Authority(final=True, on_behalf_of=ppk_nip)


def final_exists() -> DomainProblem:
    """409: the atasan PPK's final assessment of the period is not replaced by the PPK."""
    return DomainProblem(
        409,
        field="period",
        reason_id="Penilaian periode ini sudah final oleh atasan PPK; tidak dapat diganti PPK",
        reason_en="The atasan PPK's assessment of this period is final; the PPK cannot replace it",
    )
