"""Previewing a rules version: who would win, who enters and leaves, and the spread."""

from contracts.vocabulary import PositionType, Predikat
from rewards.preview import SpreadRow, preview
from rewards.rulebook import RewardRules
from tests.unit.rewards import factories

REGION, MONTH = factories.REGION, factories.MONTH


def region_only(top_n: int, **eligibility: object) -> RewardRules:
    return factories.rules(
        version=f"v-{top_n}-{len(eligibility)}",
        monthly={"unit": None, "region": {"top_n": top_n}},
        eligibility=eligibility,
    )


def test_a_larger_top_n_lists_who_would_enter_with_the_spread() -> None:
    nurse = factories.candidate(unit_id="puskesmas", composite=95)
    clerk = factories.candidate(
        unit_id="dinkes", composite=90, position_type=PositionType.ADMINISTRATOR
    )
    doctor = factories.candidate(
        unit_id="puskesmas", composite=88, position_type=PositionType.FUNGSIONAL
    )

    result = preview(
        region_only(1),
        region_only(3),
        region=REGION,
        period=MONTH,
        candidates=[doctor, nurse, clerk],
    )

    assert [a.nip for a in result.entering] == [clerk.nip, doctor.nip]
    assert result.leaving == ()
    assert result.by_unit == (SpreadRow("dinkes", 0, 1), SpreadRow("puskesmas", 1, 2))
    assert result.by_position_type == (
        SpreadRow("administrator", 0, 1),
        SpreadRow("fungsional", 0, 1),
        SpreadRow("pelaksana", 1, 1),
    )
    assert result.by_unit[1].change == 1


def test_a_stricter_eligibility_lists_who_would_leave() -> None:
    baik = factories.candidate(predikat=Predikat.BAIK, composite=95)
    sangat_baik = factories.candidate(predikat=Predikat.SANGAT_BAIK, composite=90)

    result = preview(
        region_only(1),
        region_only(1, min_predikat="SANGAT_BAIK"),
        region=REGION,
        period=MONTH,
        candidates=[baik, sangat_baik],
    )

    assert [a.nip for a in result.leaving] == [baik.nip]
    assert [a.nip for a in result.entering] == [sangat_baik.nip]
    assert result.current.rule_version != result.candidate.rule_version
    assert result.by_unit == (SpreadRow("puskesmas-1", 1, 1),)


def test_identical_versions_change_nobody() -> None:
    people = [factories.candidate(composite=80 + i) for i in range(5)]

    result = preview(
        factories.rules(), factories.rules(), region=REGION, period=MONTH, candidates=people
    )

    assert result.entering == result.leaving == ()
    assert all(row.change == 0 for row in (*result.by_unit, *result.by_position_type))
