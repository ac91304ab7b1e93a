"""IKM (official formula, exact), quality bands, sample size, officer shrinkage, complaints."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.vocabulary import ComplaintStatus, IkmElement
from scoring import ikm
from scoring.ikm import Complaint, QualityBand, Tally

U = list(IkmElement)
answer = st.integers(min_value=1, max_value=4)
# A response answers a non-empty subset of the elements (citizens may skip some).
responses = st.dictionaries(st.sampled_from(U), answer, min_size=1)
full_responses = st.fixed_dictionaries({element: answer for element in U})


def everyone(value: int, **overrides: int) -> dict[IkmElement, int]:
    answers = dict.fromkeys(U, value)
    answers.update({IkmElement(key): item for key, item in overrides.items()})
    return answers


# Worked by hand: 4 respondents.
#   U1, U2, U4..U8: (4 + 3 + 3 + 4) / 4 = 3.5;  U3: (4 + 3 + 2 + 4) / 4 = 3.25;
#   U9: (4 + 3 + 3 + 1) / 4 = 2.75.  Sum of NRR = 7 x 3.5 + 3.25 + 2.75 = 30.5.
#   IKM = 25 x 30.5 / 9 = 762.5 / 9 = 84.7222...  -> 84.72, band B (Baik).
HAND = [everyone(4), everyone(3), everyone(3, U3=2), everyone(4, U9=1)]


def test_worked_example_by_hand() -> None:
    result = ikm.ikm(HAND)

    assert result.value == Fraction(7625, 90)
    assert result.display == Decimal("84.72")
    assert result.band is QualityBand.B
    assert not result.renormalised
    assert result.missing == ()
    nrr = {item.element: item.nrr for item in result.elements}
    assert nrr[IkmElement.U1] == Fraction(7, 2)
    assert nrr[IkmElement.U3] == Fraction(13, 4)
    assert nrr[IkmElement.U9] == Fraction(11, 4)


def test_element_breakdown_shows_converted_value_and_its_band() -> None:
    u9 = next(item for item in ikm.ikm(HAND).elements if item.element is IkmElement.U9)

    assert (u9.count, u9.total, u9.weight) == (4, 11, Fraction(1, 9))
    assert u9.converted == Fraction("68.75")  # NRR x 25
    assert u9.display == Decimal("68.75")
    assert u9.band is QualityBand.C
    assert u9.weighted_nrr == Fraction(11, 36)


def test_explanation_speaks_both_languages_with_the_numbers() -> None:
    (line,) = ikm.ikm(HAND).explanation

    assert line.code == "ikm.value"
    assert "84,72" in line.id
    assert "Baik" in line.id
    assert "84.72" in line.en
    assert "Good" in line.en


def test_exact_arithmetic_rounds_a_true_tie_up_where_floats_would_not() -> None:
    # 40 respondents; the exact IKM is 55.625, which float arithmetic makes 55.62499999999999.
    sums = [41, 133, 75, 69, 106, 139, 55, 88, 95]
    tallies = {element: Tally(total, 40) for element, total in zip(U, sums, strict=True)}
    naive = 25 * sum((total / 40) * (1 / 9) for total in sums)

    result = ikm.ikm_from_tallies(tallies)

    assert result.value == Fraction("55.625")
    assert result.display == Decimal("55.63")
    assert naive < 55.625  # what a float implementation would have published: 55.62
    assert float(result) == 55.625


@pytest.mark.parametrize(
    ("value", "band"),
    [
        ("100.00", QualityBand.A),
        ("88.31", QualityBand.A),
        ("88.305", QualityBand.A),  # displayed as 88.31
        ("88.30", QualityBand.B),
        ("88.3049", QualityBand.B),  # displayed as 88.30
        ("76.61", QualityBand.B),
        ("76.60", QualityBand.C),
        ("76.605", QualityBand.B),  # displayed as 76.61
        ("65.00", QualityBand.C),
        ("64.995", QualityBand.C),  # displayed as 65.00
        ("64.99", QualityBand.D),
        ("25.00", QualityBand.D),
    ],
)
def test_band_boundaries_apply_to_the_two_decimal_value(value: str, band: QualityBand) -> None:
    assert ikm.band_for(Fraction(value)) is band
    assert ikm.band_for(Decimal(value)) is band


def test_band_labels_are_the_official_ones() -> None:
    assert [(b.letter, b.label_id) for b in QualityBand] == [
        ("A", "Sangat Baik"),
        ("B", "Baik"),
        ("C", "Kurang Baik"),
        ("D", "Tidak Baik"),
    ]


def test_all_fours_is_100_and_all_ones_is_25() -> None:
    assert ikm.ikm([everyone(4)] * 3).value == 100
    assert ikm.ikm([everyone(1)] * 3).value == 25


def test_an_element_nobody_answered_is_left_out_and_weights_renormalised() -> None:
    answers = [{e: 4 for e in U[:8]}, {e: 2 for e in U[:8]}]

    result = ikm.ikm(answers)

    assert result.value == 75  # NRR 3 on each of the 8 answered elements
    assert result.renormalised
    assert result.missing == (IkmElement.U9,)
    assert {item.weight for item in result.elements} == {Fraction(1, 8)}
    codes = [line.code for line in result.explanation]
    assert codes == ["ikm.value", "ikm.renormalised"]
    assert all(line.id != line.en for line in result.explanation)


def test_a_partly_skipped_element_uses_its_own_answer_count() -> None:
    answers = [everyone(4), {e: 2 for e in U[:8]}]

    result = ikm.ikm(answers)

    u9 = next(item for item in result.elements if item.element is IkmElement.U9)
    assert (u9.count, u9.nrr) == (1, Fraction(4))
    assert not result.renormalised
    assert result.value == 25 * (8 * Fraction(3) + 4) / 9


def test_custom_weights_are_applied() -> None:
    weights = {element: 0.1 for element in U[:8]} | {IkmElement.U9: 0.2}

    result = ikm.ikm(HAND, weights)

    # 25 x (0.1 x (7 x 3.5 + 3.25) + 0.2 x 2.75) = 25 x 3.325 = 83.125 -> 83.13 (half-up).
    assert float(result) == pytest.approx(83.125, abs=1e-12)
    assert result.display == Decimal("83.13")
    assert {item.element: item.weight for item in result.elements}[IkmElement.U9] == pytest.approx(
        0.2
    )


def test_float_weights_of_one_ninth_give_exactly_100_for_all_fours() -> None:
    assert ikm.ikm([everyone(4)], dict.fromkeys(U, 1 / 9)).value == 100


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({element: 0.1 for element in U}, "sum to 1"),
        ({element: 1 / 8 for element in U[:8]}, "missing element(s) U9"),
        ({element: 1 / 9 for element in U} | {"U10": 0.0}, "unknown element(s) U10"),
        ({element: 1 / 9 for element in U} | {IkmElement.U1: -0.1}, ">= 0"),
        ({element: 1 / 9 for element in U} | {IkmElement.U1: float("nan")}, ">= 0"),
    ],
    ids=["sum", "missing", "unknown", "negative", "nan"],
)
def test_bad_weights_are_refused_with_a_clear_error(
    weights: dict[IkmElement, float], message: str
) -> None:
    with pytest.raises(ValueError, match="IKM weights") as error:
        ikm.ikm(HAND, weights)
    assert message in str(error.value)


def test_answers_outside_1_to_4_are_refused() -> None:
    with pytest.raises(ValueError, match=r"1\.\.4"):
        ikm.ikm([everyone(3), everyone(5)])


def test_no_answers_at_all_is_an_error_not_a_zero() -> None:
    with pytest.raises(ValueError, match="at least one answered element"):
        ikm.ikm([])


def test_impossible_tally_is_refused() -> None:
    with pytest.raises(ValueError, match="impossible"):
        ikm.ikm_from_tallies({IkmElement.U1: Tally(total=9, count=2)})


@given(st.lists(responses, min_size=1, max_size=30))
def test_ikm_stays_within_25_and_100(answers: list[dict[IkmElement, int]]) -> None:
    result = ikm.ikm(answers)

    assert 25 <= result.value <= 100
    assert Decimal("25.00") <= result.display <= Decimal("100.00")


@given(st.lists(responses, min_size=1, max_size=20), st.data())
def test_ikm_rises_when_any_answer_rises(
    answers: list[dict[IkmElement, int]], data: st.DataObject
) -> None:
    candidates = [
        (i, e) for i, response in enumerate(answers) for e, a in response.items() if a < 4
    ]
    if not candidates:
        return
    index, element = data.draw(st.sampled_from(candidates))
    better = [dict(response) for response in answers]
    better[index][element] += data.draw(st.integers(1, 4 - better[index][element]))

    assert ikm.ikm(better).value > ikm.ikm(answers).value


@given(st.lists(full_responses, min_size=1, max_size=20), st.randoms())
def test_ikm_does_not_depend_on_response_order(
    answers: list[dict[IkmElement, int]], random: Random
) -> None:
    shuffled = list(answers)
    random.shuffle(shuffled)

    assert ikm.ikm(shuffled) == ikm.ikm(answers)


@pytest.mark.parametrize(
    ("population", "sample"),
    [(0, 0), (1, 1), (10, 10), (100, 80), (200, 132), (1000, 278), (10_000, 370), (1_000_000, 384)],
)
def test_krejcie_morgan_sample_size(population: int, sample: int) -> None:
    assert ikm.krejcie_morgan(population) == sample


@given(st.integers(min_value=0, max_value=10**9))
def test_sample_never_exceeds_population_nor_385(population: int) -> None:
    sample = ikm.krejcie_morgan(population)

    assert sample <= population
    assert sample <= 385
    assert ikm.krejcie_morgan(population + 1) >= sample


def test_sample_sufficient() -> None:
    assert ikm.sample_sufficient(80, 100)
    assert not ikm.sample_sufficient(79, 100)
    assert ikm.sample_sufficient(0, 0)
    with pytest.raises(ValueError, match="population"):
        ikm.sample_sufficient(10, -1)


def test_two_five_star_ratings_are_pulled_toward_the_unit_mean() -> None:
    rating = ikm.shrink([5, 5], unit_mean=3.0)

    assert rating.n == 2
    assert rating.raw_mean == 5.0
    assert rating.shrunk_mean == pytest.approx((2 * 5 + 10 * 3) / 12)


def test_no_ratings_means_the_unit_mean() -> None:
    assert ikm.shrink([], unit_mean=4.2) == ikm.OfficerRating(0, None, 4.2)


def test_prior_strength_zero_is_the_raw_mean() -> None:
    assert ikm.shrink([1, 2], unit_mean=4.0, prior_strength=0).shrunk_mean == 1.5


def test_shrink_unit_uses_the_pooled_mean() -> None:
    result = ikm.shrink_unit({"a": [5, 5], "b": [1, 1, 1, 1, 1, 1, 1, 1]}, prior_strength=10)

    pooled = (10 + 8) / 10
    assert result["a"].shrunk_mean == pytest.approx((10 + 10 * pooled) / 12)
    assert result["b"].shrunk_mean == pytest.approx((8 + 10 * pooled) / 18)


@pytest.mark.parametrize(
    ("ratings", "unit_mean", "strength", "message"),
    [([6], 3.0, 10.0, "1..5"), ([3], 0.5, 10.0, "unit mean"), ([3], 3.0, -1.0, "prior")],
)
def test_shrink_refuses_bad_input(
    ratings: list[int], unit_mean: float, strength: float, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        ikm.shrink(ratings, unit_mean, strength)


@given(
    st.lists(st.integers(1, 5), min_size=1, max_size=50),
    st.floats(1, 5),
    st.floats(0, 1000),
)
def test_shrunk_mean_lies_between_raw_mean_and_prior(
    ratings: list[int], unit_mean: float, strength: float
) -> None:
    rating = ikm.shrink(ratings, unit_mean, strength)

    assert rating.raw_mean is not None
    low, high = sorted((rating.raw_mean, unit_mean))
    assert low <= rating.shrunk_mean <= high


AS_OF = datetime(2026, 6, 30, 12, tzinfo=UTC)


def complaint(filed_hours_ago: float, took: float | None, status: ComplaintStatus) -> Complaint:
    filed = AS_OF - timedelta(hours=filed_hours_ago)
    return Complaint(filed, None if took is None else filed + timedelta(hours=took), status)


def test_complaint_signals_worked_example() -> None:
    complaints = [
        complaint(500, 10, ComplaintStatus.RESOLVED),
        complaint(500, 20, ComplaintStatus.RESOLVED),
        complaint(500, 30, ComplaintStatus.RESOLVED),
        complaint(500, 200, ComplaintStatus.RESOLVED),  # late
        complaint(300, None, ComplaintStatus.IN_PROGRESS),  # open, past the SLA: late
        complaint(5, None, ComplaintStatus.RECEIVED),  # open, still within the SLA: not judged
        complaint(50, None, ComplaintStatus.REJECTED),  # not judged
    ]

    signals = ikm.complaint_signals(complaints, as_of=AS_OF, sla_hours=120)

    assert (signals.count, signals.open_count, signals.resolved_count) == (7, 2, 4)
    assert signals.median_resolution_hours == pytest.approx(25)
    # PERCENTILE.INC of 10, 20, 30, 200 at 0.9: 30 + 0.7 x (200 - 30).
    assert signals.p90_resolution_hours == pytest.approx(149)
    assert signals.within_sla_share == pytest.approx(3 / 5)


def test_no_complaints_gives_no_statistics() -> None:
    signals = ikm.complaint_signals([], as_of=AS_OF)

    assert (signals.count, signals.open_count) == (0, 0)
    assert signals.median_resolution_hours is None
    assert signals.p90_resolution_hours is None
    assert signals.within_sla_share is None
    assert signals.sla_hours == ikm.DEFAULT_COMPLAINT_SLA_HOURS


def test_single_resolved_complaint() -> None:
    signals = ikm.complaint_signals([complaint(10, 4, ComplaintStatus.RESOLVED)], as_of=AS_OF)

    assert signals.median_resolution_hours == signals.p90_resolution_hours == pytest.approx(4)
    assert signals.within_sla_share == 1.0


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (complaint(10, None, ComplaintStatus.RESOLVED), "no resolved_at"),
        (complaint(10, 4, ComplaintStatus.RECEIVED), "has resolved_at"),
        (complaint(10, -1, ComplaintStatus.RESOLVED), "before it was filed"),
        (Complaint(datetime(2026, 1, 1), None, ComplaintStatus.RECEIVED), "timezone-aware"),
    ],
)
def test_inconsistent_complaints_are_refused(item: Complaint, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ikm.complaint_signals([item], as_of=AS_OF)


@given(
    st.lists(
        st.tuples(st.floats(0, 1000), st.floats(0, 1000)),
        max_size=30,
    )
)
def test_resolution_statistics_are_ordered(pairs: list[tuple[float, float]]) -> None:
    complaints = [complaint(ago, took, ComplaintStatus.RESOLVED) for ago, took in pairs]

    signals = ikm.complaint_signals(complaints, as_of=AS_OF)

    if complaints:
        assert signals.median_resolution_hours is not None
        assert signals.p90_resolution_hours is not None
        assert signals.median_resolution_hours <= signals.p90_resolution_hours + 1e-9
        assert signals.within_sla_share is not None
        assert 0 <= signals.within_sla_share <= 1
