"""The fairness harness on a small fixed population: our composite beats the naive average."""

from bench.fairness import evaluate, simulate, spearman

SEED, EMPLOYEES = 0, 120


def test_our_composite_beats_the_naive_average_and_the_flags_find_the_injections() -> None:
    population = simulate(SEED, EMPLOYEES)
    result = evaluate(population)

    assert result.composite_spearman > result.naive_spearman
    assert result.favouritism_recall == 1.0
    assert result.leniency_recall == 1.0
    assert result.leniency_precision == 1.0
    # The injected rater effects are recovered in sign (shrunk toward zero by design).
    assert result.harsh_effect < -0.5
    assert result.lenient_ppk_effect > 0.5
    truth, naive, ours = result.stuffed
    assert abs(ours - truth) < abs(naive - truth)


def test_the_simulation_is_reproducible() -> None:
    first, second = simulate(SEED, EMPLOYEES), simulate(SEED, EMPLOYEES)
    assert first == second


def test_spearman_averages_ties() -> None:
    assert spearman([1.0, 2.0, 3.0], [10.0, 20.0, 30.0]) == 1.0
    assert spearman([1.0, 1.0, 2.0], [1.0, 2.0, 3.0]) > 0.8
    assert spearman([3.0, 2.0, 1.0], [1.0, 2.0, 3.0]) == -1.0
