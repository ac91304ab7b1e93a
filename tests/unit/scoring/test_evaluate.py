"""One employee's evidence to a score: bounds, monotonicity, missing sources, discipline."""

import math
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from contracts import Event, ProgressReported, ScoreComputed
from contracts.vocabulary import FeedbackSource
from scoring import evaluate, sweep
from scoring.formula import BY_VERSION, FORMULAS, Formula
from scoring.rater_effects import RaterEffect
from tests import factories
from tests.unit.scoring.support import (
    CONTEXT,
    at,
    fold,
    fold_region,
    histories,
    record,
    score_of,
)

NIP = "199001010000000042"
NIPS = (NIP, "199001010000000043", "199001010000000044")
WORKING = [date(2026, 2, day) for day in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16)]
"""Working days of February 2026 (no national holiday among them)."""


def peers(*points: int, value: str = "akuntabel") -> list[Event]:
    return [
        factories.peer_feedback(NIP, {value: point}, rater=f"r{index}")
        for index, point in enumerate(points)
    ]


def citizens(*ratings: int) -> list[Event]:
    return [
        factories.survey(f"s-{index}", {"U1": 3}, officer_nip=NIP, officer_rating=rating)
        for index, rating in enumerate(ratings)
    ]


def absent(count: int) -> list[Event]:
    return [factories.attendance(NIP, day) for day in WORKING[:count]]


def progress(pct: float, iki_id: str = "iki-1") -> ProgressReported:
    return factories.progress(NIP, pct, iki_id=iki_id, occurred_at=at(1))


def check_bounds(score: ScoreComputed) -> None:
    assert 0 <= score.composite <= 100
    assert score.receipt is not None
    inputs = score.receipt.inputs
    assert all(0 <= item.weight <= 1 for item in inputs)
    weighed = [item.weight for item in inputs if item.source != "discipline"]
    if weighed:
        assert math.fsum(weighed) == pytest.approx(1.0)
    assert all(
        1 <= item.value <= 5 for item in inputs if item.scale == "1-5" and item.value is not None
    )
    assert all(
        0 <= item.value <= 100
        for item in inputs
        if item.scale == "0-100" and item.value is not None
    )
    assert all(what.delta > 0 for what in score.receipt.what_would_change)


# --- properties ----------------------------------------------------------------------------------


@settings(deadline=None, max_examples=60)
@given(st.data(), histories([NIP]))
def test_more_achievement_never_lowers_the_composite_of_a_state(
    data: st.DataObject, events: list[Event]
) -> None:
    reports = [index for index, event in enumerate(events) if isinstance(event, ProgressReported)]
    assume(reports)
    index = data.draw(st.sampled_from(reports), label="raised report")
    report = events[index]
    assert isinstance(report, ProgressReported)
    more = report.achievement_pct + data.draw(st.floats(0, 500), label="raised by")
    raised = [*events]
    raised[index] = report.model_copy(update={"achievement_pct": more})

    before, after = score_of(fold(NIP, events)), score_of(fold(NIP, raised))

    assert after.composite >= before.composite


@settings(deadline=None, max_examples=40)
@given(histories(NIPS, max_size=40))
def test_every_number_stays_within_its_bounds_before_and_after_the_sweep(
    events: list[Event],
) -> None:
    employees, units = fold_region(events)
    people = {nip: record(nip) for nip in NIPS}
    swept = sweep.region(employees, units, people, CONTEXT).context

    for context in (CONTEXT, swept):
        for current in employees.values():
            evaluation = evaluate.evaluate(current, context)
            assert all(1 <= mean <= 5 for mean in evaluation.per_value.values())
            assert all(1 <= source.mean <= 5 for source in evaluation.sources.values())
            if evaluation.behaviour is not None:
                assert 1 <= evaluation.behaviour.value <= 5
                assert math.fsum(evaluation.behaviour.weights.values()) == pytest.approx(1.0)
            score = evaluate.score(current, context, people[current["nip"]])
            if score is not None:
                check_bounds(score)


# --- missing sources ------------------------------------------------------------------------------


def test_peers_alone_are_the_whole_behaviour_and_the_whole_composite() -> None:
    score = score_of(fold(NIP, peers(5, 5, 5)))

    assert score.composite == pytest.approx(100)
    assert score.receipt is not None
    assert [(i.code, i.weight) for i in score.receipt.inputs] == [("behaviour.peer", 1.0)]


def test_too_few_raters_are_a_missing_source_not_a_zero() -> None:
    assert evaluate.score(fold(NIP, peers(1, 1)), CONTEXT, None) is None

    score = score_of(fold(NIP, [progress(90), *peers(1, 1)]))

    assert score.composite == pytest.approx(75)  # the results alone, as if no peer had rated
    assert score.receipt is not None
    weights = {item.code: item.weight for item in score.receipt.inputs}
    assert weights == {"results.rhk-1.iki-1": 1.0, "behaviour.peer": 0.0}
    assert "composite.redistributed" in {line.code for line in score.explanation}


def test_self_ratings_never_count() -> None:
    own = factories.peer_feedback(NIP, {"akuntabel": 5}, rater="me", source="self")

    assert evaluate.score(fold(NIP, [own]), CONTEXT, None) is None
    with_self = score_of(fold(NIP, [own, *peers(2, 3, 4)]))
    assert with_self.composite == score_of(fold(NIP, peers(2, 3, 4))).composite


def test_citizen_ratings_are_shrunk_toward_the_region_mean() -> None:
    # Ten 5s with the default prior 3 and k = 10: (10 * 5 + 10 * 3) / 20 = 4.0 -> 75 points.
    state_ = fold(NIP, citizens(*[5] * 10))

    score = score_of(state_)

    assert score.composite == pytest.approx(75)
    assert score.receipt is not None
    (line,) = score.receipt.inputs
    assert (line.code, line.value, line.adjustment) == ("behaviour.citizen", 4.0, -1.0)
    assert score_of(state_, context=evaluate.Context(FORMULAS[0], citizen_prior=5)).composite == (
        pytest.approx(100)
    )


def test_supervisor_notes_count_by_their_verdict() -> None:
    notes = [
        factories.supervisor_note(NIP, verdict, entry_id=f"n{index}")
        for index, verdict in enumerate([True, True, False, None])
    ]

    evaluation = evaluate.evaluate(fold(NIP, notes), CONTEXT)

    supervisor = evaluation.sources[FeedbackSource.SUPERVISOR]
    assert (supervisor.mean, supervisor.count) == (3 + 2 * 1 / 4, 4)


def test_a_known_lenient_rater_is_corrected_and_the_receipt_shows_it() -> None:
    lenient = evaluate.Context(FORMULAS[0], effects={"r0": RaterEffect("r0", 1.5, 2.0, 8)})
    state_ = fold(NIP, peers(5, 3, 4))

    plain, corrected = score_of(state_), score_of(state_, context=lenient)

    assert corrected.composite < plain.composite
    assert corrected.receipt is not None
    (line,) = corrected.receipt.inputs
    assert line.value == pytest.approx((5 - 1.5 + 3 + 4) / 3)
    assert line.adjustment == pytest.approx(-0.5)


# --- discipline -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "deduction", "sanction"),
    [(1, 2, None), (3, 6, "teguran_lisan"), (5, 10, "teguran_tertulis"), (11, 20, None)],
)
def test_unexcused_days_produce_the_deduction_and_the_discipline_part(
    days: int, deduction: float, sanction: str | None
) -> None:
    events = [progress(120), *absent(days)]

    score = score_of(fold(NIP, events))

    assert score.composite == pytest.approx(100 - deduction)
    assert score.receipt is not None
    discipline = score.receipt.discipline
    assert discipline is not None
    assert discipline.unexcused_days == days
    if days == 11:  # 10 working days in a row: the heaviest row, whatever the count
        assert discipline.sanction == "pemberhentian"
    else:
        assert discipline.sanction == sanction
    (line,) = [i for i in score.receipt.inputs if i.source == "discipline"]
    assert (line.value, line.weight, line.adjustment) == (days, 0.0, -deduction)
    assert "discipline.summary" in {line.code for line in score.explanation}
    (what_if,) = [w for w in score.receipt.what_would_change if w.code == "discipline.none"]
    assert what_if.delta == pytest.approx(deduction)


def test_only_unexcused_working_days_of_the_year_count() -> None:
    events = [
        progress(120),
        factories.attendance(NIP, date(2026, 2, 7)),  # a Saturday
        factories.attendance(NIP, date(2025, 12, 31)),  # another year
        factories.attendance(NIP, WORKING[0], "sakit"),
        factories.attendance(NIP, WORKING[1], "hadir", late_code="TL1"),
    ]

    score = score_of(fold(NIP, events))

    assert score.composite == pytest.approx(100)
    assert score.receipt is not None
    assert score.receipt.discipline is not None
    assert score.receipt.discipline.unexcused_days == 0
    assert not [i for i in score.receipt.inputs if i.source == "discipline"]


@pytest.mark.parametrize(
    ("period", "deduction_pct"),
    [("2026-02", 0.5), ("2026-Q1", 0.5 / 3), ("2026", 0.5 / 12), ("2026-11", 0.0)],
)
def test_a_receipt_shows_the_lateness_deduction_of_the_months_it_speaks_for(
    period: str, deduction_pct: float
) -> None:
    events = [
        factories.progress(NIP, 100, period=period),
        factories.assessment(NIP, period=period),
        factories.attendance(NIP, WORKING[1], "hadir", late_code="TL1"),  # 0.5% of February's
    ]

    score = score_of(fold(NIP, events))

    assert score.period == period
    assert score.receipt is not None
    assert score.receipt.discipline is not None
    assert score.receipt.discipline.deduction_pct == pytest.approx(deduction_pct)


def test_a_corrected_absence_no_longer_costs_points() -> None:
    wrong = factories.attendance(NIP, WORKING[0], occurred_at=at(1))
    corrected = factories.attendance(NIP, WORKING[0], "izin", occurred_at=at(2))

    for events in ([wrong, corrected], [corrected, wrong]):
        assert score_of(fold(NIP, [progress(120), *events])).composite == pytest.approx(100)


# --- formula version ------------------------------------------------------------------------------


def test_the_score_and_its_receipt_carry_the_formula_version() -> None:
    stricter = Formula(
        version="test-strict",
        effective_from=FORMULAS[0].effective_from,
        points_per_absence=5.0,
    )
    state_ = fold(NIP, [progress(120), *absent(2)])

    first = score_of(state_)
    other = score_of(state_, context=evaluate.Context(stricter))

    assert first.receipt is not None
    assert other.receipt is not None
    assert (first.formula_version, first.receipt.formula_version) == (FORMULAS[0].version,) * 2
    assert (other.formula_version, other.receipt.formula_version) == ("test-strict",) * 2
    assert first.composite == pytest.approx(96)
    assert other.composite == pytest.approx(90)


def test_a_past_score_is_recomputed_exactly_from_its_inputs_and_version() -> None:
    state_ = fold(NIP, [progress(97), *peers(4, 5, 3), *absent(1)])
    stored = evaluate.result_document(score_of(state_))

    version = BY_VERSION[stored["formula_version"]]
    again = evaluate.result_document(score_of(state_, context=evaluate.Context(version)))

    assert again == stored
