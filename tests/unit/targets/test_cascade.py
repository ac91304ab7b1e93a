"""Cascading rules: links of the right kind that exist, complete plans, shares that add up."""

import pytest

from contracts import Rhk
from kit.problems import DomainProblem
from targets import cascade
from targets.cascade import Blocker, LinkKind, LinkTarget
from tests.factories import rhk

BOSS_PLAN = [rhk(rhk_id="b1", iki_id="b1-1", target=100, unit="dokumen"), rhk(rhk_id="b2")]
UNDER_BOSS = LinkTarget(
    LinkKind.SUPERVISOR_RHK, needs_perspectives=False, parent_rhk={i.rhk_id: i for i in BOSS_PLAN}
)
HEAD = LinkTarget(LinkKind.UNIT_GOAL, needs_perspectives=True, goals={"g1": "Layanan prima"})
WAITING = LinkTarget(
    LinkKind.SUPERVISOR_RHK,
    needs_perspectives=False,
    blocked=Blocker("Atasan belum menyusun SKP", "Supervisor has no SKP", {"role": "supervisor"}),
)


def fields(findings: list[cascade.Finding]) -> list[str]:
    return [finding.field for finding in findings]


def test_an_employee_under_a_supervisor_links_to_the_supervisors_approved_rhk() -> None:
    assert cascade.reference_findings([rhk(parent_rhk_id="b1")], UNDER_BOSS) == []
    unknown = cascade.reference_findings([rhk(parent_rhk_id="zz")], UNDER_BOSS)
    assert fields(unknown) == ["rhk[0].parent_rhk_id"]
    assert "zz" in unknown[0].reason_id


def test_a_link_of_the_wrong_kind_is_named() -> None:
    wrong = cascade.reference_findings([rhk(unit_goal_id="g1")], UNDER_BOSS)
    assert fields(wrong) == ["rhk[0].unit_goal_id"]
    head_wrong = cascade.reference_findings([rhk(parent_rhk_id="b1")], HEAD)
    assert fields(head_wrong) == ["rhk[0].parent_rhk_id"]


def test_a_link_while_blocked_says_what_blocks_it() -> None:
    findings = cascade.reference_findings([rhk(parent_rhk_id="b1")], WAITING)
    assert findings[0].reason_en == "Supervisor has no SKP"


def test_repeated_ids_are_refused() -> None:
    assert fields(cascade.reference_findings([rhk(), rhk()], UNDER_BOSS)) == ["rhk"]


def test_a_main_rhk_without_a_link_cannot_be_submitted_but_an_additional_one_can() -> None:
    assert fields(cascade.completeness_findings([rhk()], UNDER_BOSS)) == ["rhk[0].parent_rhk_id"]
    assert cascade.completeness_findings([rhk(kind="tambahan")], UNDER_BOSS) == []


def test_unit_heads_need_a_perspective_on_every_rhk_and_anggaran_somewhere() -> None:
    plan = [rhk(unit_goal_id="g1", perspective="penerima_layanan")]
    assert fields(cascade.completeness_findings(plan, HEAD)) == ["rhk"]
    plan.append(rhk(rhk_id="r2", unit_goal_id="g1"))
    assert fields(cascade.completeness_findings(plan, HEAD)) == ["rhk[1].perspective", "rhk"]
    complete = [
        rhk(unit_goal_id="g1", perspective="penerima_layanan"),
        rhk(rhk_id="r2", unit_goal_id="g1", perspective="anggaran"),
    ]
    assert cascade.completeness_findings(complete, HEAD) == []
    assert cascade.missing_perspectives(complete, HEAD) == ["proses_bisnis", "penguatan_internal"]


def test_a_share_must_name_an_iki_of_the_parent_in_the_same_unit() -> None:
    good = rhk(parent_rhk_id="b1", parent_iki_id="b1-1", unit="dokumen")
    assert cascade.reference_findings([good], UNDER_BOSS) == []
    other_unit = rhk(parent_rhk_id="b1", parent_iki_id="b1-1", unit="hari")
    assert fields(cascade.reference_findings([other_unit], UNDER_BOSS)) == [
        "rhk[0].iki[0].parent_iki_id"
    ]
    missing = rhk(parent_rhk_id="b1", parent_iki_id="nope", unit="dokumen")
    assert "nope" in cascade.reference_findings([missing], UNDER_BOSS)[0].reason_id
    non_direct = rhk(
        parent_rhk_id="b1", parent_iki_id="b1-1", unit="dokumen", cascading="non_direct"
    )
    assert "direct" in cascade.reference_findings([non_direct], UNDER_BOSS)[0].reason_en


def _share(nip: str, target: float) -> list[cascade.Share]:
    plan = [rhk(parent_rhk_id="b1", parent_iki_id="b1-1", unit="dokumen", target=target)]
    return cascade.shares_of(nip, f"Staf {nip}", plan)


def test_shares_that_miss_the_parent_target_warn_with_the_numbers() -> None:
    warnings = cascade.split_warnings(BOSS_PLAN, _share("1", 50) + _share("2", 30))
    assert len(warnings) == 1
    warning = warnings[0]
    assert (warning["target"], warning["shares_total"], warning["difference"]) == (100, 80, 20)
    assert "Staf 1 50, Staf 2 30" in warning["message"]
    assert "selisih 20" in warning["message"]


def test_shares_that_add_up_do_not_warn_even_with_float_noise() -> None:
    plan = [rhk(rhk_id="b1", iki_id="b1-1", target=0.3, unit="dokumen")]
    assert cascade.split_warnings(plan, _share("1", 0.1) + _share("2", 0.2)) == []


def test_non_direct_and_unsplit_links_are_not_shares() -> None:
    plan: list[Rhk] = [
        rhk(parent_rhk_id="b1", cascading="non_direct"),
        rhk(rhk_id="r2", parent_rhk_id="b1"),
    ]
    assert cascade.shares_of("1", "Staf", plan) == []


def test_submission_of_a_blocked_plan_is_a_conflict_naming_who_must_act() -> None:
    with pytest.raises(DomainProblem) as refused:
        cascade.check_submission([rhk()], WAITING)
    assert refused.value.status == 409
    assert refused.value.reason_en == "Supervisor has no SKP"


def test_a_draft_returns_what_is_still_missing_and_refuses_broken_links() -> None:
    assert cascade.check_draft([rhk()], UNDER_BOSS)[0]["field"] == "rhk[0].parent_rhk_id"
    with pytest.raises(DomainProblem) as refused:
        cascade.check_draft(
            [rhk(parent_rhk_id="zz"), rhk(rhk_id="r2", unit_goal_id="g")], UNDER_BOSS
        )
    assert refused.value.status == 422
    assert [error["field"] for error in refused.value.errors] == [
        "rhk[0].parent_rhk_id",
        "rhk[1].unit_goal_id",
    ]


def test_who_links_to_unit_goals_and_who_plans_in_perspectives() -> None:
    staff = {"nip": "1", "supervisor_nip": "2", "position_type": "pelaksana"}
    top = {"nip": "2", "supervisor_nip": None, "position_type": "administrator"}
    head = {"nip": "3", "supervisor_nip": "9", "position_type": "administrator"}
    independent = {"head_nip": "3", "parent_unit_id": None}
    sub_unit = {"head_nip": "3", "parent_unit_id": "dinas"}
    assert not cascade.links_to_goals(staff, independent)
    assert cascade.links_to_goals(top, None)
    assert cascade.links_to_goals(head, independent)
    assert not cascade.links_to_goals(head, sub_unit)
    assert cascade.needs_perspectives({**staff, "position_type": "jpt"}, None)
    assert not cascade.needs_perspectives(head, sub_unit)
