"""Feedback rules, free of I/O: who may rate whom."""

from typing import Any

from kit.problems import DomainProblem


def check_rater(rater_nip: str, ratee: dict[str, Any] | None) -> None:
    """Only the employee's own PPK (direct supervisor in the directory) rates them."""
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
    if ratee.get("supervisor_nip") != rater_nip:
        raise DomainProblem(
            403,
            field="nip",
            reason_id="Hanya PPK pegawai ini",
            reason_en="Only this employee's PPK",
        )
