"""The score receipt: inputs, strengths and areas to improve, what-ifs, angka kredit."""

from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest
from hypothesis import assume, given, settings

from contracts import Event, Iki, ProgressReported, Rhk, ScoreReceipt
from contracts.vocabulary import Predikat, Rating
from scoring import evaluate, receipt
from tests import factories
from tests.unit.scoring.support import CONTEXT, at, fold, histories, record, score_of

NIP = "199001010000000042"
LINK = "https://drive.example.go.id/bukti/laporan-november.pdf"


def progress(pct: float, iki_id: str, *, kind: str = "utama", **fields: Any) -> ProgressReported:
    rhk_id = "rhk-1" if kind == "utama" else "rhk-2"
    return factories.progress(NIP, pct, rhk_id=rhk_id, iki_id=iki_id, occurred_at=at(1), **fields)


def plan(*kinds: tuple[str, str]) -> Event:
    """An approved plan with one RHK per kind; ``kinds`` pairs an IKI id with its kind."""
    rhks: dict[str, Rhk] = {}
    for iki_id, kind in kinds:
        rhk_id = "rhk-1" if kind == "utama" else "rhk-2"
        item = factories.rhk(kind, rhk_id=rhk_id, iki_id=iki_id)
        if rhk_id in rhks:
            item = rhks[rhk_id].model_copy(update={"iki": (*rhks[rhk_id].iki, *item.iki)})
        rhks[rhk_id] = item
    return factories.skp_approved(NIP, rhks=tuple(rhks.values()))


def values(**points: int) -> list[Event]:
    """Three peers giving the same points per value."""
    return [factories.peer_feedback(NIP, points, rater=f"r{index}") for index in range(3)]


def receipt_of(events: Sequence[Event], employee: dict[str, Any] | None = None) -> ScoreReceipt:
    computed = score_of(fold(NIP, events), employee)
    assert computed.receipt is not None
    return computed.receipt


def codes(lines: Any) -> list[str]:
    return [line.code for line in lines]


# --- inputs ---------------------------------------------------------------------------------------


def test_every_input_is_listed_with_its_source_weight_adjustment_and_evidence() -> None:
    events = [
        plan(("iki-1", "utama"), ("iki-2", "tambahan")),
        progress(130, "iki-1", evidence=(LINK,)),
        progress(80, "iki-2", kind="tambahan"),
        *values(akuntabel=4),
        factories.assessment(NIP, "SESUAI", "DIATAS", occurred_at=at(5)),
    ]

    inputs = {item.code: item for item in receipt_of(events).inputs}

    assert list(inputs) == [
        "results.rhk-1.iki-1",
        "results.rhk-2.iki-2",
        "behaviour.peer",
        "official.ratings",
    ]
    first, second = inputs["results.rhk-1.iki-1"], inputs["results.rhk-2.iki-2"]
    assert (first.value, first.adjustment, first.evidence) == (130, -10, LINK)
    assert (second.value, second.adjustment, second.evidence) == (80, 0, None)
    # utama counts twice a tambahan inside the results share (0.45 of 1 with all parts present)
    assert first.weight == pytest.approx(0.45 * 2 / 3)
    assert second.weight == pytest.approx(0.45 * 1 / 3)
    assert inputs["behaviour.peer"].weight == pytest.approx(0.30)
    assert inputs["official.ratings"].weight == pytest.approx(0.25)
    assert inputs["official.ratings"].value == pytest.approx((80 + 100) / 2)


# --- strengths and areas to improve ---------------------------------------------------------------


STRENGTHS_CASES = {
    # strengths: values at 4+ (best first), then IKI at 110%+ (best first), two of each;
    # to improve: IKI below target (utama before tambahan), then values below 3 (lowest first)
    "mixed": (
        [
            plan(("iki-1", "utama"), ("iki-2", "utama"), ("iki-3", "tambahan"), ("iki-4", "utama")),
            progress(150, "iki-1"),
            progress(95, "iki-2"),
            progress(40, "iki-3", kind="tambahan"),
            progress(115, "iki-4"),
            *values(akuntabel=5, loyal=4, harmonis=2, adaptif=1, kompeten=3),
        ],
        ["value.akuntabel", "value.loyal", "iki.rhk-1.iki-1", "iki.rhk-1.iki-4"],
        ["iki.rhk-1.iki-2", "iki.rhk-2.iki-3", "value.adaptif", "value.harmonis"],
    ),
    "two-of-each-at-most": (
        [
            *(progress(200 - n, f"iki-{n}") for n in range(4)),
            *values(akuntabel=5, loyal=5, harmonis=5),
        ],
        ["value.akuntabel", "value.harmonis", "iki.rhk-1.iki-0", "iki.rhk-1.iki-1"],
        [],
    ),
}


@pytest.mark.parametrize("case", STRENGTHS_CASES, ids=list(STRENGTHS_CASES))
def test_strengths_and_areas_to_improve_name_values_and_iki(case: str) -> None:
    events, strengths, improve = STRENGTHS_CASES[case]

    found = receipt_of(events)

    assert (codes(found.strengths), codes(found.improve)) == (strengths, improve)


@settings(deadline=None, max_examples=60)
@given(histories([NIP]))
def test_strengths_and_improvements_follow_their_thresholds(events: list[Event]) -> None:
    current = fold(NIP, events)
    computed = evaluate.score(current, CONTEXT, None)
    assume(computed is not None)
    assert computed is not None
    assert computed.receipt is not None
    evaluation = evaluate.evaluate(current, CONTEXT)
    pct = {f"iki.{item.rhk_id}.{item.iki_id}": item.pct for item in evaluation.iki}
    mean = {f"value.{value}": points for value, points in evaluation.per_value.items()}
    strengths, improve = codes(computed.receipt.strengths), codes(computed.receipt.improve)

    assert set(strengths) | set(improve) <= set(pct) | set(mean)
    assert not set(strengths) & set(improve)
    for kind in ("value.", "iki."):
        assert len([c for c in strengths if c.startswith(kind)]) <= receipt.TOP
        assert len([c for c in improve if c.startswith(kind)]) <= receipt.TOP
    assert all(mean[c] >= receipt.STRONG_VALUE for c in strengths if c in mean)
    assert all(pct[c] >= receipt.STRONG_IKI for c in strengths if c in pct)
    assert all(mean[c] < receipt.WEAK_VALUE for c in improve if c in mean)
    assert all(pct[c] < 100 for c in improve if c in pct)


# --- what would change the result -----------------------------------------------------------------


def test_what_ifs_are_the_three_largest_gains_recomputed_with_the_formula() -> None:
    events = [
        plan(("iki-1", "utama"), ("iki-2", "utama"), ("iki-3", "utama"), ("iki-4", "tambahan")),
        progress(50, "iki-1"),
        progress(90, "iki-2"),
        progress(99, "iki-3"),
        progress(20, "iki-4", kind="tambahan"),
        *values(akuntabel=3),
        factories.attendance(NIP, date(2026, 2, 2)),
    ]

    found = receipt_of(events)

    # results share 0.45 / (0.45 + 0.30) = 0.6; kind weights 2, 2, 2, 1 (total 7); cap 120
    per_point = 0.6 * 100 / 120 / 7
    expected = {
        "raise.rhk-1.iki-1": 2 * 50 * per_point,
        "raise.rhk-2.iki-4": 1 * 80 * per_point,
        "raise.behaviour": 0.4 * 0.5 / 4 * 100,
        "raise.rhk-1.iki-2": 2 * 10 * per_point,
        "discipline.none": 2.0,
        "raise.rhk-1.iki-3": 2 * 1 * per_point,
    }
    largest = sorted(expected, key=lambda code: -expected[code])[: receipt.WHAT_IFS]
    assert codes(found.what_would_change) == largest
    for what in found.what_would_change:
        assert what.delta == pytest.approx(expected[what.code])
        assert f"+{what.delta:.1f}" in what.en


@settings(deadline=None, max_examples=60)
@given(histories([NIP]))
def test_what_ifs_are_positive_and_largest_first(events: list[Event]) -> None:
    computed = evaluate.score(fold(NIP, events), CONTEXT, None)
    assume(computed is not None)
    assert computed is not None
    assert computed.receipt is not None
    deltas = [what.delta for what in computed.receipt.what_would_change]

    assert all(delta > 0 for delta in deltas)
    assert deltas == sorted(deltas, reverse=True)
    assert len(deltas) <= receipt.WHAT_IFS
    assert all(computed.composite + delta <= 100 + 1e-9 for delta in deltas)


def test_nothing_to_gain_means_no_what_ifs() -> None:
    found = receipt_of([progress(120, "iki-1"), *values(akuntabel=5)])

    assert found.what_would_change == ()


# --- angka kredit ---------------------------------------------------------------------------------

RATED = [progress(100, "iki-1"), factories.assessment(NIP, "DIATAS", "DIATAS")]


@pytest.mark.parametrize(
    ("employee", "expected"),
    [
        ({"position_type": "fungsional", "jenjang": "Ahli Muda"}, ("ahli_muda", "37.500", True)),
        ({"position_type": "fungsional", "jenjang": "terampil"}, ("terampil", "7.500", True)),
        ({"position_type": "fungsional", "jenjang": "Pemula"}, ("pemula", "5.625", False)),
        ({"position_type": "fungsional", "jenjang": None}, None),
        ({"position_type": "fungsional", "jenjang": "Ahli Sakti"}, None),
        ({"position_type": "pelaksana", "jenjang": "Ahli Muda"}, None),
        ({"position_type": "administrator"}, None),
    ],
    ids=[
        "ahli-muda",
        "terampil",
        "pemula-unconfirmed",
        "no-jenjang",
        "unknown",
        "pelaksana",
        "adm",
    ],
)
def test_angka_kredit_only_for_functional_employees_with_a_known_jenjang(
    employee: dict[str, Any], expected: tuple[str, str, bool] | None
) -> None:
    found = receipt_of(RATED, record(NIP, **employee))

    assert found.official_predikat is Predikat.SANGAT_BAIK  # AK pct 150%
    credit = found.angka_kredit
    assert (
        None if credit is None else (credit.jenjang, credit.value, credit.confirmed)
    ) == expected
    if credit is not None:
        assert credit.months == 12


def test_angka_kredit_follows_the_predikat_shown() -> None:
    functional = record(NIP, position_type="fungsional", jenjang="Ahli Pertama")
    provisional = receipt_of([progress(100, "iki-1")], functional)
    below = receipt_of(
        [progress(100, "iki-1"), factories.assessment(NIP, "DIBAWAH", "DIBAWAH")], functional
    )

    assert provisional.suggested_predikat is Predikat.BAIK
    assert provisional.angka_kredit is not None
    assert provisional.angka_kredit.value == "12.500"  # 100% x 12.5
    assert below.angka_kredit is not None
    assert below.angka_kredit.value == "3.125"  # 25% x 12.5


def test_no_directory_record_no_angka_kredit() -> None:
    assert receipt_of(RATED).angka_kredit is None


def test_receipt_shows_official_next_to_suggested() -> None:
    events = [progress(130, "iki-1"), factories.assessment(NIP, "DIBAWAH", "SESUAI")]

    found = receipt_of(events)

    assert found.official_predikat is Predikat.BUTUH_PERBAIKAN
    assert (found.suggested_hasil_kerja, found.suggested_perilaku) == (Rating.DIATAS, Rating.SESUAI)
    assert found.suggested_predikat is Predikat.BAIK


# --- long but contract-valid inputs -----------------------------------------------------------

RHK_UUID, IKI_UUID = "6f1d1a52-5c1e-4a8e-9a39-2f1f3c9d7b10", "0b8e5c4e-7d7c-4a65-8f0e-6c1b9d2e4f21"
LONG_LINK = "https://drive.example.go.id/bukti/" + "a" * 400  # targets accepts links up to 2000
HUGE_LINK = "https://drive.example.go.id/bukti/" + "a" * 3000


@pytest.mark.parametrize(
    ("rhk_id", "iki_id", "name", "link", "shown"),
    [
        (RHK_UUID, IKI_UUID, "Indikator", LINK, LINK),
        ("r" * 80, "i" * 50, "Indikator", LINK, LINK),  # the factory's progress_id needs <= 50
        ("rhk-1", "iki-1", "Jumlah dokumen perencanaan yang disusun " * 8, LINK, LINK),
        ("rhk-1", "iki-1", "Indikator", LONG_LINK, LONG_LINK),
        ("rhk-1", "iki-1", "Indikator", HUGE_LINK, None),
    ],
    ids=["uuid-ids", "longest-ids", "longest-iki-name", "long-link", "link-too-long-to-show"],
)
def test_long_but_contract_valid_plans_and_reports_still_score(
    rhk_id: str, iki_id: str, name: str, link: str, shown: str | None
) -> None:
    planned = factories.rhk(rhk_id=rhk_id, iki_id=iki_id)
    iki = Iki.model_validate(planned.iki[0].model_dump() | {"name": name[:300]})
    skp = factories.skp_approved(NIP, rhks=(planned.model_copy(update={"iki": (iki,)}),))
    report = factories.progress(NIP, 50, rhk_id=rhk_id, iki_id=iki_id, evidence=(link,))

    found = receipt_of([skp, report])

    assert [item.evidence for item in found.inputs] == [shown]
    assert codes(found.improve) == [f"iki.{rhk_id}.{iki_id}"]
    assert codes(found.what_would_change) == [f"raise.{rhk_id}.{iki_id}"]
