"""Payroll and HR inputs: the month's TPP split and angka kredit (CSV, XLSX); the talent pool."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from contracts.vocabulary import Period
from kit.auth import Caller, Role, require_role
from kit.deps import from_app_state
from kit.directory import Directory
from kit.problems import DomainProblem
from rewards.allowance import allowance_rows, input_from_score
from rewards.allowance_export import to_csv, to_xlsx
from rewards.bilingual import Refusal
from rewards.candidates import scores_for_period
from rewards.people import names_of
from rewards.periods import parse_period
from rewards.problems import refused
from rewards.rule_store import RuleStore
from rewards.score_ledger import ScoreLedger
from rewards.talent_registry import TalentRegistry
from rewards.tpp_bases import TppBaseBook, parse_bases

router = APIRouter(prefix="/rewards", tags=["rewards"])
Ledger = Annotated[ScoreLedger, Depends(from_app_state("ledger"))]
Rules = Annotated[RuleStore, Depends(from_app_state("rules"))]
Talent = Annotated[TalentRegistry, Depends(from_app_state("talent"))]
Bases = Annotated[TppBaseBook, Depends(from_app_state("tpp_bases"))]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILES: dict[int | str, dict[str, Any]] = {200: {"content": {"text/csv": {}, XLSX: {}}}}


@router.get(
    "/exports/allowance",
    operation_id="rewards_allowance_export",
    response_class=Response,
    responses=FILES,
)
async def allowance_export(
    period: Annotated[Period, Query()],
    caller: Caller,
    ledger: Ledger,
    rules: Rules,
    directory: Directory,
    bases: Bases,
    format: Annotated[Literal["csv", "xlsx"], Query()] = "csv",
) -> Response:
    """A month's TPP performance/discipline split and angka kredit per employee (region HR)."""
    require_role(caller, Role.REGION_ADMIN)
    scores = scores_for_period(
        await ledger.of_year(caller.region, parse_period(period).year), period
    )
    base_amounts = await bases.of_region(caller.region)
    everyone = await directory.everyone(caller.region)
    inputs = []
    for nip, score in sorted(scores.items()):
        employee = everyone.get(nip, {})
        inputs.append(
            input_from_score(
                score,
                name=employee.get("name", ""),
                unit_id=employee.get("unit_id", ""),
                base_amount=base_amounts.get(nip),
            )
        )
    table = (await rules.active(caller.region)).tpp
    try:
        rows = allowance_rows(period, inputs, table)
    except Refusal as refusal:
        status = 404 if refusal.text.code == "allowance.no_scores" else 422
        raise refused(refusal, status=status, field="period") from refusal
    name = f"tpp-{caller.region}-{period}.{format}"
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    if format == "xlsx":
        return Response(to_xlsx(rows), media_type=XLSX, headers=headers)
    return Response(to_csv(rows), media_type="text/csv; charset=utf-8", headers=headers)


class BaseFile(BaseModel):
    """Payroll's CSV of base TPP: header ``nip,tpp_dasar_rp``, one employee per line."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=2_000_000)


@router.post("/tpp-bases", operation_id="rewards_tpp_bases_upload")
async def upload_tpp_bases(body: BaseFile, caller: Caller, bases: Bases) -> dict[str, Any]:
    """Base TPP per employee from payroll, so exports show rupiah (region HR); all or nothing."""
    require_role(caller, Role.REGION_ADMIN)
    parsed = parse_bases(body.text)
    if isinstance(parsed, list):
        raise DomainProblem(
            422,
            reason_id=f"Berkas TPP dasar ditolak: {len(parsed)} masalah; tidak ada yang disimpan",
            reason_en=f"Base TPP file refused: {len(parsed)} problems; nothing was stored",
            errors=[
                {"field": item.field, "reason": item.id, "reason_en": item.en} for item in parsed
            ],
        )
    return {"stored": await bases.store(caller.region, parsed, caller.nip)}


@router.get("/talent-pool", operation_id="rewards_talent_pool")
async def talent_pool(caller: Caller, talent: Talent, directory: Directory) -> dict[str, Any]:
    """The region's talent pool now, with why each member entered (region HR, auditors)."""
    require_role(caller, Role.REGION_ADMIN, Role.AUDITOR)
    members = await talent.members(caller.region)
    names = await names_of(directory, caller.region, (item["nip"] for item in members))
    return {"items": [item | {"name": names.get(item["nip"], "")} for item in members]}
