"""Who may give 360 feedback to whom, from the directory (free of I/O)."""

from typing import Any

from contracts.vocabulary import FeedbackSource
from kit.problems import DomainProblem


def _not_eligible(reason_id: str, reason_en: str) -> DomainProblem:
    return DomainProblem(403, field="source", reason_id=reason_id, reason_en=reason_en)


def directly_related(rater: dict[str, Any], ratee: dict[str, Any]) -> bool:
    """One is the other's PPK: they rate through assessments or upward feedback, not as peers."""
    upward: bool = rater.get("supervisor_nip") == ratee["nip"]
    return upward or ratee.get("supervisor_nip") == rater["nip"]


def check_ratee(ratee: dict[str, Any] | None) -> dict[str, Any]:
    """422 unless the rated employee is active in the caller's region."""
    if ratee is None or not ratee.get("active", False):
        raise DomainProblem(
            422,
            field="nip",
            reason_id="Pegawai tidak dikenal atau tidak aktif di wilayah ini",
            reason_en="Unknown or inactive employee in this region",
        )
    return ratee


def check_eligible(
    source: FeedbackSource,
    rater: dict[str, Any] | None,
    ratee: dict[str, Any],
    ratee_unit: dict[str, Any] | None,
    *,
    nominated: bool,
) -> None:
    """403 (field ``source``) unless the directory makes the rater eligible for that source.

    self: the rater is the ratee. subordinate: the ratee is the rater's PPK. team: the rater
    heads the ratee's unit. peer: same unit without a PPK relation, or an approved nomination.
    """
    if rater is None or not rater.get("active", False):
        raise _not_eligible(
            "Anda bukan pegawai aktif di direktori wilayah ini",
            "You are not an active employee in this region's directory",
        )
    if (rater["nip"] == ratee["nip"]) != (source == FeedbackSource.SELF):
        raise _not_eligible(
            "Penilaian diri hanya untuk diri sendiri, dengan sumber self",
            "A self-assessment is only about yourself, with source self",
        )
    if source == FeedbackSource.SUBORDINATE and rater.get("supervisor_nip") != ratee["nip"]:
        raise _not_eligible(
            "Umpan balik bawahan hanya untuk atasan langsung Anda",
            "Subordinate feedback is only for your own direct supervisor",
        )
    if source == FeedbackSource.TEAM and (
        ratee_unit is None or ratee_unit.get("head_nip") != rater["nip"]
    ):
        raise _not_eligible(
            "Penilaian tim hanya oleh kepala unit pegawai ini",
            "A team assessment is given only by the head of the employee's unit",
        )
    if source == FeedbackSource.PEER:
        if directly_related(rater, ratee):
            raise _not_eligible(
                "Atasan/bawahan langsung bukan rekan kerja: gunakan penilaian PPK atau "
                "umpan balik bawahan",
                "A direct supervisor or report is not a peer: use the PPK assessment or "
                "subordinate feedback",
            )
        if rater.get("unit_id") != ratee.get("unit_id") and not nominated:
            raise _not_eligible(
                "Rekan kerja harus satu unit atau dinominasikan dan disetujui PPK",
                "A peer must be in the same unit, or nominated and approved by the PPK",
            )


def check_nominee(employee: dict[str, Any], rater: dict[str, Any] | None) -> dict[str, Any]:
    """422 (field ``rater_nip``) unless a nomination would add someone not eligible already."""
    if rater is None or not rater.get("active", False):
        raise DomainProblem(
            422,
            field="rater_nip",
            reason_id="Penilai tidak dikenal atau tidak aktif di wilayah ini",
            reason_en="Unknown or inactive rater in this region",
        )
    if rater["nip"] == employee["nip"] or directly_related(rater, employee):
        raise DomainProblem(
            422,
            field="rater_nip",
            reason_id="Bukan rekan kerja: diri sendiri, atasan, atau bawahan langsung",
            reason_en="Not a peer: yourself, your direct supervisor or a direct report",
        )
    if rater.get("unit_id") == employee.get("unit_id"):
        raise DomainProblem(
            422,
            field="rater_nip",
            reason_id="Rekan satu unit sudah dapat memberi umpan balik tanpa nominasi",
            reason_en="A colleague of the same unit may give feedback without a nomination",
        )
    return rater
