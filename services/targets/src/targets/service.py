"""Targets rules, free of I/O: workflow transitions and achievement per IKI."""

from typing import Any

from contracts.targets import Iki, Rhk
from contracts.vocabulary import Direction
from kit.problems import DomainProblem

DRAFT, SUBMITTED, APPROVED = "draft", "submitted", "approved"
REJECTED, REVISING = "rejected", "revising"
# The owner may change the plan only in these states; an approved plan first needs a revision.
EDITABLE = frozenset({DRAFT, REJECTED, REVISING})
# wanted status -> the statuses it may be reached from (domain.md section 1, "Workflow").
ALLOWED_FROM: dict[str, frozenset[str]] = {
    SUBMITTED: EDITABLE,
    APPROVED: frozenset({SUBMITTED}),
    REJECTED: frozenset({SUBMITTED}),
    REVISING: frozenset({APPROVED}),
}

# Twice the target is the most one report counts for, in either direction: beyond that a
# report is more likely a typo or a target set too low, and the raw realisation stays visible.
MAX_ACHIEVEMENT_PCT = 200.0


def achievement_pct(iki: Iki, realisation: float) -> float:
    """Realisation against target in percent, respecting the IKI's direction, capped at 200%.

    Lower-is-better indicators (days taken, cost) score target/realisation; zero on such an
    indicator is the best possible outcome.
    """
    if iki.direction is Direction.HIGHER_IS_BETTER:
        return min(realisation * 100 / iki.target, MAX_ACHIEVEMENT_PCT)
    if realisation == 0:
        return MAX_ACHIEVEMENT_PCT
    return min(iki.target * 100 / realisation, MAX_ACHIEVEMENT_PCT)


def find_iki(rhk: list[Rhk], rhk_id: str, iki_id: str) -> Iki:
    """The IKI a report refers to, or a 422 naming the unknown field."""
    for item in rhk:
        if item.rhk_id == rhk_id:
            for iki in item.iki:
                if iki.iki_id == iki_id:
                    return iki
            raise DomainProblem(
                422,
                field="iki_id",
                reason_id="IKI tidak ada pada RHK ini",
                reason_en="No such IKI in this RHK",
            )
    raise DomainProblem(
        422,
        field="rhk_id",
        reason_id="RHK tidak ada pada SKP ini",
        reason_en="No such RHK in this SKP",
    )


def check_transition(current: str, wanted: str) -> None:
    """Only the workflow's steps are allowed; anything else is a 409 that says the current state."""
    if current not in ALLOWED_FROM.get(wanted, frozenset()):
        raise DomainProblem(
            409,
            field="status",
            reason_id=f"SKP berstatus '{current}', tidak bisa menjadi '{wanted}'",
            reason_en=f"SKP is '{current}' and cannot become '{wanted}'",
        )


def check_period_in_year(period: str, year: int) -> None:
    """A report on a yearly plan must be for a period of that year."""
    if not period.startswith(str(year)):
        raise DomainProblem(
            422,
            field="period",
            reason_id=f"Periode harus dalam tahun SKP ({year})",
            reason_en=f"The period must fall within the SKP's year ({year})",
        )


def period_id(region: str, year: int) -> str:
    """One period per region and year."""
    return f"{region}-{year}"


def check_editable(status: str) -> None:
    """A plan changes only as a draft, after a rejection, or during a revision."""
    if status not in EDITABLE:
        raise DomainProblem(
            409,
            field="status",
            reason_id=f"SKP berstatus '{status}' tidak bisa diubah; ajukan revisi dulu",
            reason_en=f"An SKP in status '{status}' cannot be changed; start a revision first",
        )


def plan_changes(before: list[Rhk], after: list[Rhk]) -> dict[str, list[str]]:
    """What an edit changed, for the audit trail: RHK ids added, removed and modified."""
    old = {item.rhk_id: item for item in before}
    new = {item.rhk_id: item for item in after}
    return {
        "added": sorted(new.keys() - old.keys()),
        "removed": sorted(old.keys() - new.keys()),
        "changed": sorted(key for key in old.keys() & new.keys() if old[key] != new[key]),
    }


NO_PLAN = "belum_ada"


def latest_mean_achievement(reports: list[dict[str, Any]]) -> float | None:
    """Mean achievement over IKI, each at its latest reported period; None before any report."""
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for report in reports:
        key = (report["rhk_id"], report["iki_id"])
        if key not in latest or report["period"] > latest[key]["period"]:
            latest[key] = report
    if not latest:
        return None
    return float(sum(report["achievement_pct"] for report in latest.values())) / len(latest)


def missing_iki(rhk: list[Rhk], reports: list[dict[str, Any]], period: str) -> list[dict[str, str]]:
    """The IKI of a plan without a report for ``period``, in plan order (who still owes what)."""
    reported = {
        (report["rhk_id"], report["iki_id"]) for report in reports if report["period"] == period
    }
    return [
        {"rhk_id": item.rhk_id, "iki_id": iki.iki_id}
        for item in rhk
        for iki in item.iki
        if (item.rhk_id, iki.iki_id) not in reported
    ]


def skp_id(region: str, nip: str, year: int) -> str:
    """One SKP per employee and year."""
    return f"{region}-{nip}-{year}"
