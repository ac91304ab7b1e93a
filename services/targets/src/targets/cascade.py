"""Cascading rules, free of I/O: what an RHK may link to, what a plan lacks, do the shares add up.

domain.md section 1: every `utama` RHK intervenes a supervisor RHK (heads of independent units
and people without a supervisor link to their unit's goals instead); top leaders and heads of
independent units tag each RHK with one of 4 perspectives, `anggaran` being mandatory; direct
cascading that splits a target load should add up to the parent's target.
"""

import math
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from contracts.targets import Iki, Rhk
from contracts.vocabulary import Cascading, Perspective, PositionType, RhkKind
from kit.problems import DomainProblem


class LinkKind(StrEnum):
    """What the RHK of an employee links to."""

    SUPERVISOR_RHK = "supervisor_rhk"
    UNIT_GOAL = "unit_goal"


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a plan, with the field path a form can highlight."""

    field: str
    reason_id: str
    reason_en: str

    def as_error(self) -> dict[str, str]:
        """The problem+json error entry."""
        return {"field": self.field, "reason": self.reason_id, "reason_en": self.reason_en}


@dataclass(frozen=True)
class Blocker:
    """Why an employee cannot link yet, and who has to act (instead of a dead end)."""

    reason_id: str
    reason_en: str
    must_act: dict[str, Any]


@dataclass(frozen=True)
class LinkTarget:
    """Everything an employee's plan may link to, or what blocks linking."""

    kind: LinkKind
    needs_perspectives: bool
    parent_rhk: dict[str, Rhk] = field(default_factory=dict)
    goals: dict[str, str] = field(default_factory=dict)
    blocked: Blocker | None = None


def links_to_goals(employee: dict[str, Any], unit: dict[str, Any] | None) -> bool:
    """People without a supervisor and heads of independent units link to unit goals."""
    if employee.get("supervisor_nip") is None:
        return True
    return (
        unit is not None
        and unit.get("head_nip") == employee["nip"]
        and unit.get("parent_unit_id") is None
    )


def needs_perspectives(employee: dict[str, Any], unit: dict[str, Any] | None) -> bool:
    """Top leaders (JPT) and heads of independent units plan in the 4 perspectives."""
    return employee.get("position_type") == PositionType.JPT or links_to_goals(employee, unit)


def _path(index: int, name: str) -> str:
    return f"rhk[{index}].{name}"


def _duplicate_findings(plan: list[Rhk]) -> list[Finding]:
    """RHK ids, and IKI ids within an RHK, are unique: reports and links refer to them."""
    findings = [
        Finding("rhk", f"ID RHK '{key}' dipakai lebih dari sekali", f"RHK id '{key}' is repeated")
        for key, count in Counter(item.rhk_id for item in plan).items()
        if count > 1
    ]
    for index, item in enumerate(plan):
        for key, count in Counter(iki.iki_id for iki in item.iki).items():
            if count > 1:
                findings.append(
                    Finding(
                        _path(index, "iki"),
                        f"ID IKI '{key}' dipakai lebih dari sekali",
                        f"IKI id '{key}' is repeated",
                    )
                )
    return findings


def _share_findings(index: int, item: Rhk, parent: Rhk) -> list[Finding]:
    """An IKI that takes a share of a parent IKI must name one, in the same unit and direction."""
    parent_iki = {iki.iki_id: iki for iki in parent.iki}
    findings = []
    for position, iki in enumerate(item.iki):
        if iki.parent_iki_id is None:
            continue
        where = f"{_path(index, 'iki')}[{position}].parent_iki_id"
        if item.cascading is Cascading.NON_DIRECT:
            findings.append(
                Finding(
                    where,
                    "Pembagian target hanya untuk cascading langsung (direct)",
                    "Splitting a target needs direct cascading",
                )
            )
            continue
        share_of = parent_iki.get(iki.parent_iki_id)
        if share_of is None:
            findings.append(
                Finding(
                    where,
                    f"IKI '{iki.parent_iki_id}' tidak ada pada RHK atasan '{parent.rhk_id}'",
                    f"No IKI '{iki.parent_iki_id}' in the supervisor's RHK '{parent.rhk_id}'",
                )
            )
        elif share_of.unit != iki.unit or share_of.direction != iki.direction:
            findings.append(
                Finding(
                    where,
                    f"Satuan/arah harus sama dengan IKI atasan ({share_of.unit}, "
                    f"{share_of.direction}) agar bagian dapat dijumlahkan",
                    f"Unit/direction must equal the parent IKI's ({share_of.unit}, "
                    f"{share_of.direction}) so shares can be added up",
                )
            )
    return findings


def _unknown_link(index: int, name: str, key: str, target: LinkTarget) -> Finding:
    """A link to something that does not exist (yet), saying what blocks it if anything."""
    if target.blocked is not None:
        return Finding(_path(index, name), target.blocked.reason_id, target.blocked.reason_en)
    if name == "parent_rhk_id":
        return Finding(
            _path(index, name),
            f"RHK '{key}' tidak ada dalam SKP atasan yang disetujui",
            f"RHK '{key}' is not in the supervisor's approved SKP",
        )
    return Finding(
        _path(index, name),
        f"Tujuan unit '{key}' tidak ada untuk tahun ini",
        f"Unit goal '{key}' does not exist for this year",
    )


def _link_findings(index: int, item: Rhk, target: LinkTarget) -> list[Finding]:
    """The link an RHK gives must be of the right kind and exist."""
    own, other = (
        ("parent_rhk_id", "unit_goal_id")
        if target.kind is LinkKind.SUPERVISOR_RHK
        else ("unit_goal_id", "parent_rhk_id")
    )
    findings = []
    if getattr(item, other) is not None:
        findings.append(
            Finding(
                _path(index, other),
                f"Rencana Anda ditautkan melalui '{own}', bukan '{other}'",
                f"Your plan links through '{own}', not '{other}'",
            )
        )
    key = getattr(item, own)
    if key is None:
        return findings
    if target.kind is LinkKind.UNIT_GOAL:
        if key not in target.goals:
            findings.append(_unknown_link(index, own, key, target))
        return findings
    parent = target.parent_rhk.get(key)
    if parent is None:
        return [*findings, _unknown_link(index, own, key, target)]
    return findings + _share_findings(index, item, parent)


def reference_findings(plan: list[Rhk], target: LinkTarget) -> list[Finding]:
    """What is wrong with the links and ids a plan gives: refused even for a draft."""
    findings = _duplicate_findings(plan)
    for index, item in enumerate(plan):
        findings += _link_findings(index, item, target)
    return findings


def completeness_findings(plan: list[Rhk], target: LinkTarget) -> list[Finding]:
    """What a plan still lacks before it can be submitted (shown as warnings on a draft)."""
    link = "parent_rhk_id" if target.kind is LinkKind.SUPERVISOR_RHK else "unit_goal_id"
    findings = [
        Finding(
            _path(index, link),
            "RHK utama harus ditautkan ke "
            + ("RHK atasan" if target.kind is LinkKind.SUPERVISOR_RHK else "tujuan unit"),
            "A main (utama) RHK must link to "
            + ("a supervisor RHK" if target.kind is LinkKind.SUPERVISOR_RHK else "a unit goal"),
        )
        for index, item in enumerate(plan)
        if item.kind is RhkKind.UTAMA and getattr(item, link) is None
    ]
    if target.needs_perspectives:
        findings += [
            Finding(
                _path(index, "perspective"),
                "Perspektif wajib diisi untuk JPT/kepala unit mandiri",
                "A perspective is required for top leaders / heads of independent units",
            )
            for index, item in enumerate(plan)
            if item.perspective is None
        ]
        if all(item.perspective is not Perspective.ANGGARAN for item in plan):
            findings.append(
                Finding(
                    "rhk",
                    "Perspektif 'anggaran' wajib ada minimal pada satu RHK",
                    "The 'anggaran' (budget) perspective must appear on at least one RHK",
                )
            )
    return findings


def missing_perspectives(plan: list[Rhk], target: LinkTarget) -> list[str]:
    """Perspectives not used yet: a hint, not an error (only `anggaran` is mandatory)."""
    if not target.needs_perspectives:
        return []
    used = {item.perspective for item in plan}
    return [perspective.value for perspective in Perspective if perspective not in used]


def refuse(status: int, findings: list[Finding]) -> DomainProblem:
    """One problem carrying every finding, so a form can show them all at once."""
    first = findings[0]
    return DomainProblem(
        status,
        reason_id=f"{len(findings)} masalah pada SKP; pertama: {first.reason_id}",
        reason_en=f"{len(findings)} problem(s) in the SKP; first: {first.reason_en}",
        field=first.field,
        errors=[finding.as_error() for finding in findings],
    )


@dataclass(frozen=True)
class Share:
    """One subordinate IKI carrying part of a parent IKI's target."""

    nip: str
    name: str
    rhk: Rhk
    iki: Iki


def shares_of(nip: str, name: str, plan: list[Rhk]) -> list[Share]:
    """The IKI of a subordinate's plan that take a share of a parent IKI (direct cascading)."""
    return [
        Share(nip, name, item, iki)
        for item in plan
        if item.cascading is Cascading.DIRECT and item.parent_rhk_id is not None
        for iki in item.iki
        if iki.parent_iki_id is not None
    ]


def _split_warning(rhk: Rhk, iki: Iki, parts: list[Share]) -> dict[str, Any] | None:
    """The warning for one split parent IKI, or None when the shares add up."""
    total = math.fsum(share.iki.target for share in parts)
    if math.isclose(total, iki.target, rel_tol=1e-9, abs_tol=1e-9):
        return None
    gap = iki.target - total
    listing = ", ".join(f"{share.name} {share.iki.target:g}" for share in parts)
    return {
        "parent_rhk_id": rhk.rhk_id,
        "parent_iki_id": iki.iki_id,
        "target": iki.target,
        "unit": iki.unit,
        "shares_total": total,
        "difference": gap,
        "shares": [
            {"nip": s.nip, "rhk_id": s.rhk.rhk_id, "iki_id": s.iki.iki_id, "target": s.iki.target}
            for s in parts
        ],
        "message": (
            f"IKI '{iki.name}': target {iki.target:g} {iki.unit}, jumlah bagian bawahan "
            f"{total:g} ({listing}); selisih {gap:g}"
        ),
        "message_en": (
            f"IKI '{iki.name}': target {iki.target:g} {iki.unit}, the subordinates' shares add "
            f"up to {total:g} ({listing}); difference {gap:g}"
        ),
    }


def split_warnings(parent_plan: list[Rhk], shares: list[Share]) -> list[dict[str, Any]]:
    """For each parent IKI split among subordinates, a warning when the shares miss its target."""
    by_parent: dict[tuple[str | None, str | None], list[Share]] = {}
    for share in shares:
        by_parent.setdefault((share.rhk.parent_rhk_id, share.iki.parent_iki_id), []).append(share)
    warnings = []
    for rhk in parent_plan:
        for iki in rhk.iki:
            parts = by_parent.get((rhk.rhk_id, iki.iki_id))
            warning = _split_warning(rhk, iki, parts) if parts else None
            if warning is not None:
                warnings.append(warning)
    return warnings


def check_draft(plan: list[Rhk], target: LinkTarget) -> list[dict[str, str]]:
    """Refuse broken links (422) even in a draft; return what submission will still require."""
    broken = reference_findings(plan, target)
    if broken:
        raise refuse(422, broken)
    return [finding.as_error() for finding in completeness_findings(plan, target)]


def check_submission(plan: list[Rhk], target: LinkTarget) -> None:
    """A plan goes to the PPK only complete: 409 naming who must act when linking is blocked."""
    findings = reference_findings(plan, target) + completeness_findings(plan, target)
    if not findings:
        return
    if target.blocked is not None:
        raise DomainProblem(
            409,
            field="rhk",
            reason_id=target.blocked.reason_id,
            reason_en=target.blocked.reason_en,
        )
    raise refuse(422, findings)


def describe(target: LinkTarget) -> dict[str, Any]:
    """The planning form's view: link options, the perspective rule, or who must act first."""
    return {
        "links_to": target.kind.value,
        "needs_perspectives": target.needs_perspectives,
        "perspectives": [perspective.value for perspective in Perspective],
        "options": [
            {
                "rhk_id": item.rhk_id,
                "title": item.title,
                "kind": item.kind.value,
                "perspective": item.perspective,
                "iki": [iki.model_dump(mode="json") for iki in item.iki],
            }
            for item in target.parent_rhk.values()
        ]
        if target.kind is LinkKind.SUPERVISOR_RHK
        else [{"goal_id": key, "title": title} for key, title in target.goals.items()],
        "blocked": None
        if target.blocked is None
        else {
            "reason": target.blocked.reason_id,
            "reason_en": target.blocked.reason_en,
            "must_act": target.blocked.must_act,
        },
    }
