"""Runs never grant twice; an appeal that changes a score revokes and grants with reasons."""

from dataclasses import replace

import pytest

from contracts.vocabulary import Predikat
from rewards.award_runs import AwardRun, Scope, award_kind, select_awards
from rewards.candidates import Candidate
from rewards.periods import Cadence
from rewards.reconcile import Cause, reconcile
from rewards.rulebook import RewardRules
from tests.unit.rewards import factories

REGION, MONTH = factories.REGION, factories.MONTH
UNIT_KIND = award_kind(Cadence.MONTHLY, Scope.UNIT)
ONE_WINNER = {"unit": {"top_n": 1}, "region": None}


def run(candidates: list[Candidate], rules: RewardRules | None = None) -> AwardRun:
    return select_awards(
        rules or factories.rules(monthly=ONE_WINNER),
        region=REGION,
        period=MONTH,
        candidates=candidates,
    )


def test_the_first_run_of_a_closed_period_grants_every_award() -> None:
    first = run([factories.candidate(composite=90), factories.candidate(composite=80)])

    changes = reconcile([], first)

    assert [g.award for g in changes.grants] == list(first.awards)
    assert changes.revocations == ()
    assert changes.grants[0].reason.id.startswith("Periode ditutup.")


def test_a_rerun_or_replay_of_the_same_facts_grants_nothing() -> None:
    people = [factories.candidate(composite=90), factories.candidate(composite=80)]
    held = run(people).awards
    replayed = [replace(p, score_event_id="replayed") for p in reversed(people)]

    changes = reconcile(held, run(replayed))

    assert changes.unchanged


def test_an_appeal_that_lowers_the_winner_revokes_and_grants_the_next_one() -> None:
    winner = factories.candidate(composite=95)
    runner_up = factories.candidate(composite=85)
    held = run([winner, runner_up]).awards
    after_appeal = [replace(winner, predikat=Predikat.BUTUH_PERBAIKAN), runner_up]

    changes = reconcile(held, run(after_appeal), cause=Cause.APPEAL)

    assert [r.award.nip for r in changes.revocations] == [winner.nip]
    assert [g.award.nip for g in changes.grants] == [runner_up.nip]
    revoked = changes.revocations[0].reason
    assert revoked.id.startswith("Dinilai ulang setelah keberatan")
    assert "BUTUH_PERBAIKAN" in revoked.id
    assert "BUTUH_PERBAIKAN" in revoked.en
    assert "no longer eligible" in revoked.en
    assert changes.grants[0].reason.en.startswith("Re-evaluated after an appeal")


def test_an_appeal_that_raises_someone_above_the_winner_says_the_winner_was_outranked() -> None:
    winner = factories.candidate(composite=90)
    appellant = factories.candidate(composite=70)
    held = run([winner, appellant]).awards

    changes = reconcile(held, run([winner, replace(appellant, composite=96.0)]), cause=Cause.APPEAL)

    assert [g.award.nip for g in changes.grants] == [appellant.nip]
    assert [r.award.nip for r in changes.revocations] == [winner.nip]
    reason = changes.revocations[0].reason
    assert "peringkat 2" in reason.id
    assert "top 1" in reason.en
    assert "90.0" in reason.en


def test_a_withdrawn_score_revokes_with_no_score_as_the_reason() -> None:
    winner = factories.candidate(composite=90)
    other = factories.candidate(composite=80)
    held = run([winner, other]).awards

    changes = reconcile(held, run([other]))

    assert changes.revocations[0].reason.code == "revoke"
    assert "tidak ada nilai lagi" in changes.revocations[0].reason.id


def test_a_winner_moved_to_another_unit_loses_the_old_units_award() -> None:
    winner = factories.candidate(unit_id="a", composite=90)
    held = run([winner]).awards

    changes = reconcile(held, run([replace(winner, unit_id="b")]))

    assert "unit a" in changes.revocations[0].reason.en
    assert [(g.award.scope_key, g.award.nip) for g in changes.grants] == [("b", winner.nip)]


def test_an_appeal_that_changes_nothing_in_the_ranking_grants_nothing() -> None:
    winner = factories.candidate(composite=90)
    other = factories.candidate(composite=80)
    held = run([winner, other]).awards

    changes = reconcile(held, run([winner, replace(other, composite=82.0)]), cause=Cause.APPEAL)

    assert changes.unchanged


def test_a_new_rules_version_never_grants_the_same_award_twice() -> None:
    people = [factories.candidate(composite=90), factories.candidate(composite=80)]
    held = run(people).awards
    newer = factories.rules(version="2026.9", monthly=ONE_WINNER)

    rerun = run(people, newer)
    changes = reconcile(held, rerun)

    assert {a.award_id for a in rerun.awards}.isdisjoint({a.award_id for a in held})
    assert changes.unchanged


def test_awards_of_another_period_are_refused() -> None:
    held = run([factories.candidate()]).awards
    other_month = select_awards(
        factories.rules(), region=REGION, period="2026-12", candidates=[factories.candidate()]
    )

    with pytest.raises(ValueError, match="another region or period"):
        reconcile(held, other_month)
