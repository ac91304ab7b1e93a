"""HTTP API of the scoring service (called by the gateway), each route scoped by role.

Scores with receipts, unit service quality, distribution checks and fairness flags.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from contracts.vocabulary import FlagKind, Identifier, Nip, Year
from kit.auth import Caller, Principal, Role
from kit.deps import from_app_state
from kit.directory import Directory
from kit.problems import DomainProblem
from scoring.engine import Engine
from scoring.formula import BY_VERSION

router = APIRouter(tags=["scores"])
Scoring = Annotated[Engine, Depends(from_app_state("engine"))]
Offset = Annotated[int, Query(ge=0)]
Limit = Annotated[int, Query(ge=1, le=200)]


def _missing(what_id: str, what_en: str) -> DomainProblem:
    return DomainProblem(404, reason_id=what_id, reason_en=what_en)


@router.get("/scores/{nip}", operation_id="score_get")
async def get_score(
    nip: Nip,
    year: Annotated[Year, Query()],
    caller: Caller,
    engine: Scoring,
    directory: Directory,
    formula_version: Annotated[str | None, Query(max_length=40)] = None,
) -> dict[str, Any]:
    """An employee's score with its receipt (for them, their PPK and region HR).

    ``formula_version`` recomputes the same inputs under another published version.
    """
    await directory.require_self_ppk_or_hr(caller, nip, year)
    result = engine.result(caller.region, nip, year)
    if result is None:
        raise _missing(
            "Belum ada nilai: SKP, progres atau penilaian belum masuk",
            "No score yet: no plan, progress or assessment has arrived",
        )
    if formula_version is None or formula_version == result["formula_version"]:
        return dict(result)
    if formula_version not in BY_VERSION:
        raise DomainProblem(
            422,
            field="formula_version",
            reason_id=f"Versi rumus tidak dikenal; tersedia: {', '.join(BY_VERSION)}",
            reason_en=f"Unknown formula version; available: {', '.join(BY_VERSION)}",
        )
    recomputed = engine.rescore_with(caller.region, nip, year, formula_version)
    if recomputed is None:
        raise _missing("Nilai belum dapat dihitung ulang", "The score cannot be recomputed yet")
    return recomputed


async def _require_unit_view(caller: Principal, unit_id: str, directory: Directory) -> None:
    """Region HR and auditors see every unit; a unit admin or the unit's head sees their own."""
    if caller.has(Role.REGION_ADMIN) or caller.has(Role.AUDITOR):
        return
    me = await directory.get(caller.region, caller.nip)
    unit = await directory.unit(caller.region, unit_id)
    own = me is not None and me.get("unit_id") == unit_id and caller.has(Role.UNIT_ADMIN)
    if own or (unit is not None and unit.get("head_nip") == caller.nip):
        return
    raise DomainProblem(
        403,
        reason_id="Hanya admin unit ini, kepala unit, atau admin wilayah",
        reason_en="Only this unit's admin, its head, or region HR",
    )


@router.get("/units/{unit_id}/quality", operation_id="unit_quality_get")
async def unit_quality(
    unit_id: Identifier,
    year: Annotated[Year, Query()],
    caller: Caller,
    engine: Scoring,
    directory: Directory,
) -> dict[str, Any]:
    """The unit's IKM (exact, per element and band, per period) and complaint signals."""
    await _require_unit_view(caller, unit_id, directory)
    result = engine.unit_quality(caller.region, unit_id, year)
    if result is None:
        raise _missing(
            "Belum ada survei atau pengaduan untuk unit ini pada tahun tersebut",
            "No surveys or complaints for this unit in that year yet",
        )
    return {"unit_id": unit_id, "year": year, **result}


@router.get("/units/{unit_id}/distribution", operation_id="unit_distribution_get")
async def unit_distribution(
    unit_id: Identifier,
    year: Annotated[Year, Query()],
    caller: Caller,
    engine: Scoring,
    directory: Directory,
) -> dict[str, Any]:
    """The unit's predikat counts against its curve, with warnings needing a justification."""
    await _require_unit_view(caller, unit_id, directory)
    checked = (engine.year(caller.region, year).get("distribution") or {}).get(unit_id)
    if checked is None:
        raise _missing(
            "Belum ada pegawai unit ini yang dinilai pada tahun tersebut",
            "Nobody in this unit has been scored in that year yet",
        )
    return dict(checked)


@router.get("/flags", operation_id="flags_list")
async def list_flags(
    year: Annotated[Year, Query()],
    caller: Caller,
    engine: Scoring,
    directory: Directory,
    kind: FlagKind | None = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> dict[str, Any]:
    """Open guardrail flags: all for region HR and auditors; others see their reports' gaps.

    An atasan PPK sees the evidence gaps of the PPKs who report to them (theirs to judge).
    """
    flags = sorted(
        (engine.year(caller.region, year).get("flags") or {}).values(),
        key=lambda f: f["flag_id"],
    )
    if kind is not None:
        flags = [f for f in flags if f["kind"] == kind]
    if not (caller.has(Role.REGION_ADMIN) or caller.has(Role.AUDITOR)):
        reports = {p["nip"] for p in await directory.reports_of(caller.region, caller.nip)}
        flags = [
            f
            for f in flags
            if f["kind"] == FlagKind.PPK_EVIDENCE_GAP and f.get("related") in reports
        ]
    return {"items": flags[offset : offset + limit], "total": len(flags), "offset": offset}
