"""Distribution curve (kurva distribusi): the shipped rules passing and failing, exact numbers."""

from decimal import Decimal
from random import Random
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.vocabulary import OrgPredikat, Predikat
from scoring import distribution
from scoring.distribution import RuleKind, RuleTableError

SB, B, BP, K, SK = list(Predikat)


def spread(**counts: int) -> dict[Predikat, int]:
    names = {"sb": SB, "b": B, "bp": BP, "k": K, "sk": SK}
    return {names[key]: value for key, value in counts.items()}


def failed(org: OrgPredikat, counts: dict[Predikat, int]) -> list[str]:
    return [warning.rule_id for warning in distribution.check(org, counts).warnings]


# (org predikat, counts, rule ids that fail): every shipped rule passes once and fails once.
CASES = [
    # ISTIMEWA: SANGAT_BAIK largest, at most 70%.
    ("istimewa-ok", OrgPredikat.ISTIMEWA, spread(sb=7, b=3), []),
    ("istimewa-tie-ok", OrgPredikat.ISTIMEWA, spread(sb=4, b=4, bp=2), []),
    (
        "istimewa-over-70",
        OrgPredikat.ISTIMEWA,
        spread(sb=8, b=2),
        ["istimewa.sangat_baik_at_most_70"],
    ),
    (
        "istimewa-not-largest",
        OrgPredikat.ISTIMEWA,
        spread(sb=3, b=5, k=2),
        ["istimewa.sangat_baik_largest"],
    ),
    # BAIK: BAIK largest, at most 70%, at least one BUTUH_PERBAIKAN or KURANG.
    ("baik-ok", OrgPredikat.BAIK, spread(sb=2, b=7, k=1), []),
    ("baik-ok-bp", OrgPredikat.BAIK, spread(sb=3, b=6, bp=1), []),
    ("baik-over-70", OrgPredikat.BAIK, spread(b=8, bp=2), ["baik.baik_at_most_70"]),
    ("baik-not-largest", OrgPredikat.BAIK, spread(sb=5, b=4, bp=1), ["baik.baik_largest"]),
    ("baik-none-below", OrgPredikat.BAIK, spread(sb=3, b=6, sk=1), ["baik.some_below_baik"]),
    # BUTUH_PERBAIKAN: at least 60% BUTUH_PERBAIKAN, SANGAT_BAIK at most 10%.
    ("bp-ok", OrgPredikat.BUTUH_PERBAIKAN, spread(sb=1, b=3, bp=6), []),
    (
        "bp-under-60",
        OrgPredikat.BUTUH_PERBAIKAN,
        spread(b=5, bp=5),
        ["butuh_perbaikan.butuh_perbaikan_at_least_60"],
    ),
    (
        "bp-sb-over-10",
        OrgPredikat.BUTUH_PERBAIKAN,
        spread(sb=2, b=1, bp=7),
        ["butuh_perbaikan.sangat_baik_at_most_10"],
    ),
    # KURANG: at least 60% KURANG, at least 10% BUTUH_PERBAIKAN, SANGAT_BAIK at most 10%.
    ("kurang-ok", OrgPredikat.KURANG, spread(sb=1, bp=1, k=6, sk=2), []),
    ("kurang-under-60", OrgPredikat.KURANG, spread(bp=5, k=5), ["kurang.kurang_at_least_60"]),
    ("kurang-no-bp", OrgPredikat.KURANG, spread(b=2, k=8), ["kurang.butuh_perbaikan_at_least_10"]),
    (
        "kurang-sb-over-10",
        OrgPredikat.KURANG,
        spread(sb=2, bp=1, k=7),
        ["kurang.sangat_baik_at_most_10"],
    ),
    # SANGAT_KURANG: at least 60% SANGAT_KURANG, at least 10% KURANG or BP, no SANGAT_BAIK.
    ("sk-ok", OrgPredikat.SANGAT_KURANG, spread(b=1, bp=1, k=1, sk=7), []),
    ("sk-ok-kurang-only", OrgPredikat.SANGAT_KURANG, spread(k=4, sk=6), []),
    (
        "sk-under-60",
        OrgPredikat.SANGAT_KURANG,
        spread(b=5, k=1, sk=4),
        ["sangat_kurang.sangat_kurang_at_least_60"],
    ),
    (
        "sk-none-between",
        OrgPredikat.SANGAT_KURANG,
        spread(b=1, sk=9),
        ["sangat_kurang.kurang_or_bp_at_least_10"],
    ),
    (
        "sk-has-sb",
        OrgPredikat.SANGAT_KURANG,
        spread(sb=1, k=1, sk=8),
        ["sangat_kurang.no_sangat_baik"],
    ),
]


@pytest.mark.parametrize(
    ("org", "counts", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_shipped_rules(org: OrgPredikat, counts: dict[Predikat, int], expected: list[str]) -> None:
    assert failed(org, counts) == expected


def test_every_shipped_rule_is_exercised_failing() -> None:
    shipped = {rule.id for rules in distribution.DEFAULT_RULES.values() for rule in rules}
    assert shipped == {rule_id for case in CASES for rule_id in case[3]}


def test_over_the_limit_message_has_the_exact_numbers() -> None:
    (warning,) = distribution.check(OrgPredikat.ISTIMEWA, spread(sb=8, b=2)).warnings

    assert warning.message_id == (
        "SANGAT_BAIK 8 dari 10 pegawai (80,0%) melebihi batas 70%. Predikat organisasi: ISTIMEWA."
    )
    assert warning.message_en == (
        "SANGAT_BAIK 8 of 10 employees (80.0%) exceeds the 70% limit. Unit predikat: ISTIMEWA."
    )
    assert (warning.count, warning.total, warning.pct, warning.limit) == (8, 10, 80.0, Decimal(70))
    assert warning.needs_justification
    assert warning.counts[SB] == 8
    assert warning.counts[SK] == 0
    assert warning.percentages[B] == 20.0
    assert warning.explanation.code == "istimewa.sangat_baik_at_most_70"


def test_not_largest_message_names_the_bigger_group() -> None:
    (warning,) = distribution.check(OrgPredikat.ISTIMEWA, spread(sb=3, b=5, k=2)).warnings

    assert warning.message_id == (
        "SANGAT_BAIK 3 dari 10 pegawai (30,0%) bukan kelompok terbesar: BAIK 5 pegawai (50,0%)."
        " Predikat organisasi: ISTIMEWA."
    )
    assert warning.message_en == (
        "SANGAT_BAIK 3 of 10 employees (30.0%) is not the largest group: BAIK has 5 (50.0%)."
        " Unit predikat: ISTIMEWA."
    )


def test_group_rules_name_every_predikat_of_the_group() -> None:
    (warning,) = distribution.check(OrgPredikat.BAIK, spread(sb=3, b=6, sk=1)).warnings

    assert warning.predikats == (BP, K)
    assert warning.message_id.startswith("BUTUH_PERBAIKAN atau KURANG 0 dari 10 pegawai (0,0%)")
    assert "di bawah minimum 1 pegawai" in warning.message_id
    assert warning.message_en.startswith("BUTUH_PERBAIKAN or KURANG 0 of 10 employees (0.0%)")


def test_no_sangat_baik_message() -> None:
    (warning,) = distribution.check(OrgPredikat.SANGAT_KURANG, spread(sb=1, k=1, sk=8)).warnings

    assert (
        "SANGAT_BAIK 1 dari 10 pegawai (10,0%), padahal seharusnya tidak ada" in warning.message_id
    )
    assert "SANGAT_BAIK 1 of 10 employees (10.0%), but none are expected" in warning.message_en


def test_percentages_in_messages_round_half_up() -> None:
    # 1 of 16 = 6.25% -> "6.3" (float formatting would say 6.2).
    (warning,) = distribution.check(OrgPredikat.KURANG, spread(bp=1, k=15)).warnings

    assert "(6,3%)" in warning.message_id
    assert "(6.3%)" in warning.message_en


@pytest.mark.parametrize(
    ("org", "counts"),
    [
        (OrgPredikat.ISTIMEWA, spread(sb=7, b=3)),  # exactly 70%
        (OrgPredikat.BUTUH_PERBAIKAN, spread(sb=1, b=3, bp=6)),  # exactly 60% and 10%
        (OrgPredikat.KURANG, spread(sb=1, bp=1, k=6, b=2)),  # exactly 60%, 10%, 10%
    ],
)
def test_limits_are_inclusive_and_compared_exactly(
    org: OrgPredikat, counts: dict[Predikat, int]
) -> None:
    assert distribution.check(org, counts).ok


def test_empty_unit_has_no_warnings_but_a_note() -> None:
    result = distribution.check(OrgPredikat.BAIK, {})

    assert result.warnings == ()
    assert [note.code for note in result.notes] == ["curve.empty_unit"]
    assert result.total == 0


def test_org_predikat_without_rules_gets_a_note() -> None:
    result = distribution.check(OrgPredikat.BAIK, spread(sb=10), rules={})

    assert result.ok
    assert [note.code for note in result.notes] == ["curve.no_rules"]


def test_negative_or_unknown_counts_are_refused() -> None:
    with pytest.raises(ValueError, match=">= 0"):
        distribution.check(OrgPredikat.BAIK, spread(b=-1))
    with pytest.raises(ValueError, match="unknown predikat"):
        distribution.check(OrgPredikat.BAIK, {"LUAR_BIASA": 1})  # type: ignore[dict-item]


def test_count_fills_every_predikat() -> None:
    assert distribution.count([B, B, SK]) == {SB: 0, B: 2, BP: 0, K: 0, SK: 1}


def test_region_can_change_a_rule() -> None:
    raw = distribution.dump_rules(distribution.DEFAULT_RULES)
    raw["ISTIMEWA"][1]["limit"] = 80
    rules = distribution.load_rules(raw)

    assert distribution.check(OrgPredikat.ISTIMEWA, spread(sb=8, b=2), rules).ok
    (warning,) = distribution.check(OrgPredikat.ISTIMEWA, spread(sb=9, b=1), rules).warnings
    assert "melebihi batas 80%" in warning.message_id


def test_loader_reads_a_decimal_limit_and_a_single_predikat() -> None:
    rules = distribution.load_rules(
        {"BAIK": [{"id": "x", "kind": "at_most_pct", "predikat": "SANGAT_BAIK", "limit": "12.5"}]}
    )

    (warning,) = distribution.check(OrgPredikat.BAIK, spread(sb=2, b=6), rules).warnings
    assert "melebihi batas 12,5%" in warning.message_id
    assert "exceeds the 12.5% limit" in warning.message_en


def test_dump_and_load_round_trip_the_defaults() -> None:
    raw = distribution.dump_rules(distribution.DEFAULT_RULES)

    assert distribution.load_rules(raw) == dict(distribution.DEFAULT_RULES)


def rule(**overrides: Any) -> dict[str, Any]:
    return {"id": "r", "kind": "at_most_pct", "predikat": ["BAIK"], "limit": 70} | overrides


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"LUAR_BIASA": []}, "unknown org predikat 'LUAR_BIASA'"),
        ({"BAIK": "nope"}, "BAIK: must be a list"),
        ({"BAIK": ["nope"]}, "BAIK[0]: a rule must be a mapping"),
        ({"BAIK": [rule(id="")]}, "BAIK[0].id: required"),
        ({"BAIK": [rule(kind="mostly")]}, "BAIK[0].kind: 'mostly' is not one of"),
        ({"BAIK": [rule(predikat=[])]}, "BAIK[0].predikat: required"),
        ({"BAIK": [rule(predikat=["BAGUS"])]}, "BAIK[0].predikat: unknown predikat 'BAGUS'"),
        ({"BAIK": [rule(limit=None)]}, "BAIK[0]: r: at_most_pct needs a limit"),
        ({"BAIK": [rule(limit=101)]}, "within 0..100"),
        ({"BAIK": [rule(limit=-1)]}, "needs a limit >= 0"),
        ({"BAIK": [rule(limit="lots")]}, "BAIK[0].limit: not a number"),
        ({"BAIK": [rule(limit=True)]}, "BAIK[0].limit: must be a number"),
        ({"BAIK": [rule(kind="at_least_count", limit=1.5)]}, "whole number"),
        ({"BAIK": [rule(kind="largest")]}, "'largest' takes no limit"),
        ({"BAIK": [rule(extra=1)]}, "BAIK[0]: unknown key(s) extra"),
        ({"BAIK": [rule()], "KURANG": [rule()]}, "KURANG[0].id: duplicate rule id 'r'"),
    ],
)
def test_loader_names_each_problem(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(RuleTableError) as error:
        distribution.load_rules(raw)
    assert message in str(error.value)


def test_rule_kinds_are_the_documented_ones() -> None:
    assert {kind.value for kind in RuleKind} == {
        "largest",
        "at_most_pct",
        "at_least_pct",
        "at_most_count",
        "at_least_count",
    }


employees = st.lists(st.sampled_from(list(Predikat)), max_size=60)


@given(st.sampled_from(list(OrgPredikat)), employees, st.randoms())
def test_check_does_not_depend_on_counting_order(
    org: OrgPredikat, staff: list[Predikat], random: Random
) -> None:
    shuffled = list(staff)
    random.shuffle(shuffled)
    reversed_counts = dict(reversed(list(distribution.count(shuffled).items())))

    first = distribution.check(org, distribution.count(staff))

    assert distribution.check(org, distribution.count(shuffled)) == first
    assert distribution.check(org, reversed_counts) == first


@given(st.sampled_from(list(OrgPredikat)), employees)
def test_every_warning_needs_justification_and_speaks_both_languages(
    org: OrgPredikat, staff: list[Predikat]
) -> None:
    result = distribution.check(org, distribution.count(staff))

    assert result.total == len(staff)
    for warning in result.warnings:
        assert warning.needs_justification
        assert warning.message_id != warning.message_en
        assert f"dari {len(staff)} pegawai" in warning.message_id
        assert f"of {len(staff)} employees" in warning.message_en
