"""Monthly, quarterly and yearly awards: eligibility with reasons, total tie-breaks, top-N."""

import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contracts.vocabulary import FlagKind, PositionType, Predikat
from rewards.award_runs import (
    AwardRun,
    Scope,
    award_id,
    award_kind,
    run_period,
    select_awards,
)
from rewards.bilingual import Refusal
from rewards.candidates import Candidate, candidate_from_score
from rewards.periods import Cadence
from rewards.rulebook import RewardRules, TieBreaker
from tests.unit.rewards import factories

REGION, MONTH = factories.REGION, factories.MONTH
UNIT_KIND = award_kind(Cadence.MONTHLY, Scope.UNIT)
REGION_KIND = award_kind(Cadence.MONTHLY, Scope.REGION)


def run(
    candidates: list[Candidate], rules: RewardRules | None = None, period: str = MONTH
) -> AwardRun:
    return select_awards(
        rules or factories.rules(), region=REGION, period=period, candidates=candidates
    )


def winners(result: AwardRun, kind: str, scope_key: str) -> list[str]:
    return [
        item.nip
        for item in sorted(result.awards, key=lambda a: a.rank)
        if (item.kind, item.scope_key) == (kind, scope_key)
    ]


def test_the_best_composite_of_each_unit_wins_the_unit_award() -> None:
    a1 = factories.candidate(unit_id="a", composite=90)
    a2 = factories.candidate(unit_id="a", composite=95)
    b1 = factories.candidate(unit_id="b", composite=80)

    result = run([a1, a2, b1])

    assert winners(result, UNIT_KIND, "a") == [a2.nip]
    assert winners(result, UNIT_KIND, "b") == [b1.nip]


def test_the_region_award_goes_to_the_top_n_across_units() -> None:
    people = [factories.candidate(unit_id=f"u{i % 3}", composite=70 + i) for i in range(6)]

    result = run(people, factories.rules(monthly={"region": {"top_n": 3}}))

    assert winners(result, REGION_KIND, REGION) == [p.nip for p in people[::-1][:3]]
    assert [a.rank for a in result.awards if a.kind == REGION_KIND] == [1, 2, 3]


def test_quarterly_and_yearly_periods_use_their_own_sections() -> None:
    people = [factories.candidate(composite=80 + i) for i in range(6)]
    rules = factories.rules(
        quarterly={"unit": None, "region": {"top_n": 2}},
        yearly={"unit": {"top_n": 1}, "region": {"top_n": 4}},
    )

    quarter, year = run(people, rules, "2026-Q4"), run(people, rules, "2026")

    assert {a.kind for a in quarter.awards} == {"asn_terbaik_triwulanan_daerah"}
    assert len(quarter.awards) == 2
    assert len([a for a in year.awards if a.kind == "asn_terbaik_tahunan_daerah"]) == 4
    assert len([a for a in year.awards if a.kind == "asn_terbaik_tahunan_unit"]) == 1


def test_a_cadence_without_awards_grants_nothing() -> None:
    rules = factories.rules(quarterly=None)

    assert run([factories.candidate()], rules, "2026-Q2").awards == ()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"predikat": Predikat.BUTUH_PERBAIKAN}, "eligibility.predikat"),
        ({"provisional": True}, "eligibility.final"),
        ({"feedback_sources": 1}, "eligibility.feedback_sources"),
        ({"discipline_sanction": "teguran_lisan"}, "eligibility.discipline"),
        ({"open_flags": frozenset({FlagKind.FAVOURITISM})}, "eligibility.flags"),
        ({"consecutive_wins": 2}, "eligibility.consecutive_wins"),
    ],
)
def test_each_eligibility_rule_excludes_with_its_reason(
    change: dict[str, object], code: str
) -> None:
    best = factories.candidate(composite=99, **change)
    other = factories.candidate(composite=70)

    result = run([best, other])

    assert winners(result, UNIT_KIND, "puskesmas-1") == [other.nip]
    assessment = result.assessment_of(best.nip)
    assert assessment is not None
    assert not assessment.eligible
    assert [t.code for t in assessment.failures] == [code]
    assert assessment.failures[0].id != assessment.failures[0].en


def test_an_open_flag_the_region_does_not_block_on_is_no_obstacle() -> None:
    person = factories.candidate(open_flags=frozenset({FlagKind.PPK_EVIDENCE_GAP}))

    assert winners(run([person]), UNIT_KIND, "puskesmas-1") == [person.nip]


def test_sangat_baik_meets_a_baik_minimum_and_a_minimum_composite_applies_when_set() -> None:
    strong = factories.candidate(predikat=Predikat.SANGAT_BAIK, composite=79.94)
    rules = factories.rules(eligibility={"min_composite": "80"})

    result = run([strong], rules)

    assessment = result.assessment_of(strong.nip)
    assert assessment is not None
    assert [t.code for t in assessment.failures] == ["eligibility.composite"]
    assert "79.9" in assessment.failures[0].id


def test_without_a_consecutive_win_limit_a_serial_winner_stays_eligible() -> None:
    person = factories.candidate(consecutive_wins=12)
    rules = factories.rules(eligibility={"max_consecutive_wins": None})

    assert winners(run([person], rules), UNIT_KIND, "puskesmas-1") == [person.nip]


def test_winners_carry_the_reasons_they_met() -> None:
    person = factories.candidate(composite=91.26)

    award = run([person]).awards[0]

    codes = [t.code for t in award.reasons]
    assert codes[0] == "award.rank"
    assert "eligibility.predikat" in codes
    assert "eligibility.feedback_sources" in codes
    assert "ASN Terbaik Bulan Ini November 2026" in award.reasons[0].id
    assert "91.3" in award.reasons[0].en
    assert len(award.reason().id) <= 1000


@pytest.mark.parametrize(
    ("key", "ahead", "behind"),
    [
        (TieBreaker.PREDIKAT, {"predikat": Predikat.SANGAT_BAIK}, {"predikat": Predikat.BAIK}),
        (TieBreaker.ACHIEVEMENT, {"achievement_pct": 110.0}, {"achievement_pct": 100.0}),
        (TieBreaker.ACHIEVEMENT, {"achievement_pct": 1.0}, {"achievement_pct": None}),
        (TieBreaker.FEEDBACK_SOURCES, {"feedback_sources": 4}, {"feedback_sources": 3}),
        (TieBreaker.UNEXCUSED_DAYS, {"unexcused_days": 0}, {"unexcused_days": 2}),
        (TieBreaker.FEWER_CONSECUTIVE_WINS, {"consecutive_wins": 0}, {"consecutive_wins": 1}),
        (TieBreaker.NIP, {"nip": "198501010000000001"}, {"nip": "198501010000000002"}),
    ],
)
def test_equal_composites_are_decided_by_the_first_differing_tie_breaker(
    key: TieBreaker, ahead: dict[str, object], behind: dict[str, object]
) -> None:
    first = factories.candidate(composite=88.0, **ahead)
    second = factories.candidate(composite=88.0, **behind)

    result = run([second, first])

    assert winners(result, UNIT_KIND, "puskesmas-1") == [first.nip]
    award = next(a for a in result.awards if a.kind == UNIT_KIND)
    assert f"tie.{key.value}" in [t.code for t in award.reasons]


def test_the_region_chooses_the_order_of_tie_breakers() -> None:
    more_sources = factories.candidate(composite=88, feedback_sources=5, achievement_pct=100.0)
    higher_achievement = factories.candidate(
        composite=88, feedback_sources=3, achievement_pct=120.0
    )
    sources_first = factories.rules(tie_breakers=["feedback_sources", "achievement_pct", "nip"])

    default = run([more_sources, higher_achievement])
    custom = run([more_sources, higher_achievement], sources_first)

    assert winners(default, UNIT_KIND, "puskesmas-1") == [higher_achievement.nip]
    assert winners(custom, UNIT_KIND, "puskesmas-1") == [more_sources.nip]


def test_composites_that_round_alike_are_ties() -> None:
    low_nip, high_nip = "198501010000000001", "198501010000000002"
    slightly_lower = factories.candidate(nip=low_nip, composite=88.0)
    slightly_higher = factories.candidate(nip=high_nip, composite=88.04)

    one_place = run([slightly_lower, slightly_higher])
    two_places = run([slightly_lower, slightly_higher], factories.rules(composite_places=2))

    assert winners(one_place, UNIT_KIND, "puskesmas-1") == [low_nip]  # 88.0 each: NIP decides
    assert winners(two_places, UNIT_KIND, "puskesmas-1") == [high_nip]  # 88.04 > 88.00


def test_a_clear_composite_lead_names_no_tie_break() -> None:
    award = run([factories.candidate(composite=90), factories.candidate(composite=80)]).awards[0]

    assert not [t for t in award.reasons if t.code.startswith("tie.")]


def test_the_seeded_draw_is_reproducible_and_differs_between_periods() -> None:
    people = [factories.candidate(composite=88) for _ in range(12)]
    rules = factories.rules(tie_breakers=["draw", "nip"])

    november = [winners(run(people, rules, p), UNIT_KIND, "puskesmas-1") for p in ("2026-11",) * 2]
    other_months = {
        winners(run(people, rules, f"2026-{m:02d}"), UNIT_KIND, "puskesmas-1")[0]
        for m in range(1, 13)
    }

    assert november[0] == november[1]
    assert len(other_months) > 1  # not always the lowest NIP


def test_award_ids_are_the_same_on_a_rerun_with_new_score_events() -> None:
    people = [factories.candidate(composite=80 + i) for i in range(4)]
    replayed = [replace(p, score_event_id=f"replayed-{i}") for i, p in enumerate(people)]

    assert [a.award_id for a in run(people).awards] == [a.award_id for a in run(replayed).awards]


def test_award_ids_differ_in_every_part_and_fit_an_identifier() -> None:
    base = {
        "region": REGION,
        "period": MONTH,
        "kind": UNIT_KIND,
        "scope_key": "a",
        "nip": "198501010000000001",
        "rule_version": "1",
    }
    variants = [base] + [base | {key: base[key] + "x"} for key in base]

    ids = {award_id(**variant) for variant in variants}

    assert len(ids) == len(variants)
    assert all(len(item) <= 80 for item in ids)


def test_an_open_period_is_refused() -> None:
    with pytest.raises(Refusal) as refusal:
        run_period(
            factories.rules(),
            region=REGION,
            period=MONTH,
            candidates=[factories.candidate()],
            closed=False,
        )

    assert "November 2026" in refusal.value.text.id
    assert "not closed" in refusal.value.text.en


def test_a_closed_period_runs() -> None:
    person = factories.candidate()

    result = run_period(
        factories.rules(), region=REGION, period=MONTH, candidates=[person], closed=True
    )

    assert {a.nip for a in result.awards} == {person.nip}


def test_two_scores_of_one_employee_are_refused() -> None:
    person = factories.candidate()

    with pytest.raises(ValueError, match=person.nip):
        run([person, replace(person, composite=1.0)])


def test_another_regions_rules_are_refused() -> None:
    rules = factories.rules(region="rakumpit")

    with pytest.raises(ValueError, match="rakumpit"):
        run([factories.candidate()], rules)


def test_a_candidate_is_read_from_a_score_and_its_receipt() -> None:
    nip = factories.nip()
    receipt = factories.receipt(
        sources=("citizen", "peer", "supervisor"),
        sanction="teguran_lisan",
        unexcused_days=3,
        flags=(FlagKind.DISCIPLINE,),
    )
    score = factories.score(nip, predikat="SANGAT_BAIK", composite=93.5, receipt_=receipt)

    found = candidate_from_score(
        score, unit_id="a", position_type=PositionType.FUNGSIONAL, consecutive_wins=1
    )

    assert found == Candidate(
        nip=nip,
        unit_id="a",
        position_type=PositionType.FUNGSIONAL,
        predikat=Predikat.SANGAT_BAIK,
        composite=93.5,
        feedback_sources=3,
        discipline_sanction="teguran_lisan",
        open_flags=frozenset({FlagKind.DISCIPLINE}),
        consecutive_wins=1,
        achievement_pct=104.5,
        unexcused_days=3,
        score_event_id=str(score.event_id),
    )


candidate_lists = st.lists(
    st.builds(
        lambda unit, composite, predikat, sources, wins, achievement: factories.candidate(
            unit_id=unit,
            composite=composite,
            predikat=predikat,
            feedback_sources=sources,
            consecutive_wins=wins,
            achievement_pct=achievement,
        ),
        st.sampled_from(["a", "b", "c"]),
        st.sampled_from([70.0, 80.0, 85.0, 85.04, 90.0]),  # few values: many ties
        st.sampled_from(list(Predikat)),
        st.integers(0, 4),
        st.integers(0, 3),
        st.one_of(st.none(), st.sampled_from([90.0, 100.0])),
    ),
    max_size=25,
)


@settings(derandomize=True, max_examples=80, deadline=None)
@given(candidate_lists, st.randoms(use_true_random=False))
def test_shuffling_the_candidates_never_changes_the_awards(
    people: list[Candidate], shuffler: random.Random
) -> None:
    shuffled = list(people)
    shuffler.shuffle(shuffled)

    assert run(shuffled).awards == run(people).awards


@settings(derandomize=True, max_examples=80, deadline=None)
@given(candidate_lists)
def test_no_eligible_loser_outranks_a_winner_and_every_scope_fills_its_top_n(
    people: list[Candidate],
) -> None:
    result = run(people)

    for scope in result.scopes:
        won = [a for a in result.awards if (a.kind, a.scope_key) == (scope.kind, scope.scope_key)]
        assert len(won) == min(scope.top_n, len(scope.ranked))
        assert [a.nip for a in won] == [r.candidate.nip for r in scope.ranked[: scope.top_n]]
        composites = [r.composite for r in scope.ranked]
        assert composites == sorted(composites, reverse=True)
    for award in result.awards:
        assessment = result.assessment_of(award.nip)
        assert assessment is not None
        assert assessment.eligible
