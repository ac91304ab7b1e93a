"""Reward rules per region: read, preview a new version against the current one, publish it."""

from collections.abc import Awaitable
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from contracts.vocabulary import Period
from kit.auth import Caller, Role, require_role
from kit.deps import from_app_state
from kit.directory import Directory
from rewards import views
from rewards.award_runner import AwardRunner
from rewards.bilingual import Refusal
from rewards.people import names_of
from rewards.preview import preview
from rewards.problems import refused, rules_refused
from rewards.rule_loading import MAX_FILE_CHARS, Publication
from rewards.rule_store import RuleStore
from rewards.rulebook import RewardRules

router = APIRouter(prefix="/rewards/rules", tags=["rewards"])
Rules = Annotated[RuleStore, Depends(from_app_state("rules"))]
Runner = Annotated[AwardRunner, Depends(from_app_state("runner"))]


class RuleFile(BaseModel):
    """A rule file's text as uploaded; ``source`` names it (``.json`` is read as JSON)."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(default="aturan.yaml", min_length=1, max_length=120)
    text: str = Field(min_length=1, max_length=MAX_FILE_CHARS)


class PreviewRequest(RuleFile):
    """A candidate rule file and the period to try it on (open periods too)."""

    period: Period


@router.get("", operation_id="rewards_rules_get")
async def active_rules(caller: Caller, rules: Rules) -> dict[str, Any]:
    """The region's active version in full and the versions published before (HR, auditors)."""
    require_role(caller, Role.REGION_ADMIN, Role.AUDITOR)
    active = await rules.active(caller.region)
    return {"active": active.model_dump(mode="json"), "history": await rules.history(caller.region)}


@router.post("/preview", operation_id="rewards_rules_preview")
async def preview_rules(
    body: PreviewRequest, caller: Caller, rules: Rules, runner: Runner, directory: Directory
) -> dict[str, Any]:
    """Who would win a period under the file versus the active version; nothing is granted."""
    require_role(caller, Role.REGION_ADMIN)
    candidate = await _adopted(rules.check(caller.region, body.text, source=body.source))
    pool = await runner.candidates(caller.region, body.period)
    result = preview(
        await rules.active(caller.region),
        candidate,
        region=caller.region,
        period=body.period,
        candidates=pool.candidates,
    )
    names = await names_of(directory, caller.region, pool.scores)
    return views.rule_preview(result, names)


@router.post("", status_code=201, operation_id="rewards_rules_publish")
async def publish_rules(body: RuleFile, caller: Caller, rules: Rules) -> dict[str, Any]:
    """Make the file the region's active version; a refused file leaves the active one in force."""
    require_role(caller, Role.REGION_ADMIN)
    active = await _adopted(
        rules.publish(caller.region, body.text, source=body.source, by=caller.nip)
    )
    return {"active": active.model_dump(mode="json")}


async def _adopted(attempt: Awaitable[Publication]) -> RewardRules:
    """The file's rules as checked or published, or 422 (every problem) / 409 (version reused)."""
    try:
        outcome = await attempt
    except Refusal as refusal:
        wrong_region = refusal.text.code == "rules.region"  # the file itself is wrong: 422
        raise refused(refusal, status=422 if wrong_region else 409, field="text") from refusal
    if outcome.refused is not None:
        raise rules_refused(outcome.refused)
    return outcome.active
