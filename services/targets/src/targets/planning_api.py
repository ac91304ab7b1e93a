"""Planning aids: what my RHK may link to (or who must act first), and behaviour expectations."""

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from contracts.berakhlak import CORE_VALUES
from contracts.targets import BehaviourExpectation
from contracts.vocabulary import Year
from kit.auth import Caller
from kit.directory import Directory
from kit.problems import DomainProblem
from targets import cascade, service
from targets.goals import Goals
from targets.linking import link_target
from targets.lookups import Repository, audit, changed_meanwhile, require_open_period, skp_for

router = APIRouter(tags=["planning"])


@router.get("/planning/{year}/links", operation_id="planning_links")
async def my_links(
    year: Year, caller: Caller, repository: Repository, directory: Directory, goals: Goals
) -> dict[str, Any]:
    """The supervisor RHK (or unit goals) my plan may link to, or why not yet and who must act."""
    target = await link_target(caller.region, caller.nip, year, directory, repository, goals)
    return {"year": year} | cascade.describe(target)


def behaviour_view(expectations: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The 7 BerAKHLAK values with their official guides and the supervisor's special wishes."""
    special = {item["value"]: item["special"] for item in expectations}
    return [
        {
            "value": value.value,
            "label": core.label,
            "label_en": core.label_en,
            "guides": list(core.guides),
            "guides_en": list(core.guides_en),
            "special": special.get(value.value),
        }
        for value, core in CORE_VALUES.items()
    ]


class ExpectationsForm(BaseModel):
    """The PPK's special expectations, at most one per BerAKHLAK value (replaces earlier ones)."""

    model_config = ConfigDict(extra="forbid")

    expectations: list[BehaviourExpectation] = Field(max_length=len(CORE_VALUES))


@router.put("/skp/{skp_id}/expectations", operation_id="skp_expectations_set")
async def set_expectations(
    skp_id: str,
    body: ExpectationsForm,
    caller: Caller,
    repository: Repository,
    directory: Directory,
) -> dict[str, Any]:
    """The PPK (or delegate) adds special behaviour expectations while the plan is not yet approved."""
    skp = await skp_for(caller, repository, skp_id)
    await directory.require_ppk_or_delegate(caller, skp["nip"], skp["year"])
    if skp["status"] == service.APPROVED:
        service.check_editable(skp["status"])
    await require_open_period(repository, skp["region"], skp["year"])
    values = [item.value for item in body.expectations]
    if len(set(values)) != len(values):
        raise DomainProblem(
            422,
            field="expectations",
            reason_id="Satu harapan khusus per nilai BerAKHLAK",
            reason_en="One special expectation per BerAKHLAK value",
        )
    stored = [item.model_dump(mode="json") for item in body.expectations]
    if not await repository.transition(
        skp_id,
        current=skp["status"],
        update={"expectations": stored},
        audit=audit(caller, "expectations_set", values=values),
    ):
        raise changed_meanwhile()
    return {"skp_id": skp_id, "behaviour": behaviour_view(stored)}
