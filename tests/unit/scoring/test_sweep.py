"""A region year seen whole: guardrail flags with stable ids, clearing, distribution checks."""

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from contracts import DistributionChecked, Event, FairnessFlagChanged
from contracts.vocabulary import FlagKind, OrgPredikat, Predikat
from scoring import evaluate, sweep
from tests import factories
from tests.unit.scoring.support import CONTEXT, at, fold_region, histories, rearranged, record

STAFF = tuple(f"19900101{n:010d}" for n in range(1, 19))
HEADS = tuple(f"19800101{n:010d}" for n in range(1, 7))
LENIENT, FAVOURED = HEADS[-1], STAFF[0]
LENIENTLY_RATED = STAFF[15:]
HONEST = {"akuntabel": 3, "loyal": 3}
PEOPLE = {nip: record(nip) for nip in STAFF}


def rated_staff() -> list[Event]:
    """Six PPKs rate three staff each as the evidence says; the last rates 50% as DIATAS."""
    events: list[Event] = []
    for index, nip in enumerate(STAFF):
        head = HEADS[index // 3]
        lenient = head == LENIENT
        events.append(factories.progress(nip, 50 if lenient else 100, occurred_at=at(0)))
        events.append(
            factories.assessment(
                nip, "DIATAS" if lenient else "SESUAI", rater_nip=head, occurred_at=at(0)
            )
        )
    return events


def colleagues(favour: int = 5, *, minute: int = 0, honest_raters: int = 4) -> list[Event]:
    """Honest peers rate three staff 3; ``fav`` agrees on two and gives the first ``favour``."""
    raters = [f"r{number}" for number in range(honest_raters)]
    events: list[Event] = [
        factories.peer_feedback(nip, HONEST, rater=rater, occurred_at=at(0))
        for nip in STAFF[:3]
        for rater in raters
    ]
    events += [
        factories.peer_feedback(
            nip,
            dict.fromkeys(HONEST, favour) if nip == FAVOURED else HONEST,
            rater="fav",
            occurred_at=at(minute),
        )
        for nip in STAFF[:3]
    ]
    return events


def swept(events: list[Event], people: dict[str, dict[str, Any]] = PEOPLE) -> sweep.Outcome:
    employees, units = fold_region(events)
    return sweep.region(employees, units, people, CONTEXT)


def flags(outcome: sweep.Outcome, kind: FlagKind) -> list[dict[str, Any]]:
    return [flag for flag in outcome.flags_doc.values() if flag["kind"] == kind]


def previous(outcome: sweep.Outcome) -> dict[str, Any]:
    """What the engine keeps of a sweep in the region year's document."""
    return {"flags": outcome.flags_doc, "distribution": outcome.distribution_doc}


REGION = [*rated_staff(), *colleagues()]


def test_a_favouritism_pair_is_flagged_with_its_numbers() -> None:
    (flag,) = flags(swept(REGION), FlagKind.FAVOURITISM)

    assert (flag["subject"], flag["related"], flag["audience"]) == ("fav", FAVOURED, "region_admin")
    assert flag["numbers"]["given"] == 5
    assert flag["numbers"]["excess"] > flag["numbers"]["margin"]
    assert flag["flag_id"].startswith("favouritism-")


def test_a_lenient_ppk_and_each_unsupported_rating_are_flagged() -> None:
    outcome = swept(REGION)

    (leniency,) = flags(outcome, FlagKind.PPK_LENIENCY)
    assert (leniency["subject"], leniency["numbers"]["raw"]) == (LENIENT, 2.0)
    gaps = flags(outcome, FlagKind.PPK_EVIDENCE_GAP)
    assert sorted(flag["subject"] for flag in gaps) == list(LENIENTLY_RATED)
    assert {(flag["related"], flag["audience"]) for flag in gaps} == {(LENIENT, "atasan_ppk")}


def test_flags_about_an_employee_appear_on_their_receipt_only() -> None:
    outcome = swept(REGION)
    employees, _ = fold_region(REGION)

    for nip in (LENIENTLY_RATED[0], STAFF[0]):
        computed = evaluate.score(employees[nip], outcome.context, PEOPLE[nip])
        assert computed is not None
        assert computed.receipt is not None
        kinds = [flag.kind for flag in computed.receipt.flags]
        assert kinds == ([FlagKind.PPK_EVIDENCE_GAP] if nip in LENIENTLY_RATED else [])


def test_flag_ids_stay_the_same_when_only_their_numbers_change() -> None:
    before = swept(REGION)
    after = swept([*rated_staff(), *colleagues(honest_raters=5)])

    assert set(after.flags_doc) == set(before.flags_doc)
    (old,) = flags(before, FlagKind.FAVOURITISM)
    (new,) = flags(after, FlagKind.FAVOURITISM)
    assert old["numbers"] != new["numbers"]
    announced = after.events(previous(before), factories.REGION)
    changed = [e for e in announced if isinstance(e, FairnessFlagChanged)]
    assert [(e.flag_id, e.open) for e in changed] == [(old["flag_id"], True)]


def test_a_flag_the_evidence_no_longer_supports_is_announced_closed() -> None:
    before = swept(REGION)
    (raised,) = flags(before, FlagKind.FAVOURITISM)
    corrected = [*REGION, *colleagues(favour=3, minute=10)]  # fav edits their rating later

    after = swept(corrected)

    assert raised["flag_id"] not in after.flags_doc
    announced = after.events(previous(before), factories.REGION)
    closed = [e for e in announced if isinstance(e, FairnessFlagChanged) and not e.open]
    assert [(e.flag_id, e.kind, e.subject, e.related) for e in closed] == [
        (raised["flag_id"], FlagKind.FAVOURITISM, "fav", FAVOURED)
    ]
    assert all(e.open for e in announced if isinstance(e, FairnessFlagChanged) and e not in closed)


def test_nothing_changed_nothing_announced() -> None:
    outcome = swept(REGION)

    assert outcome.events(previous(outcome), factories.REGION) == []
    first = outcome.events({}, factories.REGION)
    assert {e.flag_id for e in first if isinstance(e, FairnessFlagChanged)} == set(
        outcome.flags_doc
    )


def test_a_unit_with_an_org_predikat_gets_its_distribution_checked() -> None:
    people = PEOPLE | {nip: record(nip, unit_id="unit-2") for nip in STAFF[:2]}
    outcome = swept([*REGION, factories.unit_predicate("unit-1", "BAIK")], people)

    checks = {
        e.unit_id: e
        for e in outcome.events({}, factories.REGION)
        if isinstance(e, DistributionChecked)
    }

    checked = checks["unit-1"]
    assert (checked.org_predikat, checked.total, checked.counts) == (
        OrgPredikat.BAIK,
        16,
        {Predikat.BAIK: 16},
    )
    assert checked.needs_justification
    assert [(w.code, w.count, w.pct) for w in checked.warnings] == [
        ("baik.baik_at_most_70", 16, 100.0),
        ("baik.some_below_baik", 0, 0.0),
    ]
    unset = checks["unit-2"]
    assert (unset.org_predikat, unset.total, unset.warnings, unset.needs_justification) == (
        None,
        2,
        (),
        False,
    )


def test_a_unit_that_meets_its_curve_needs_no_justification() -> None:
    below = [factories.assessment(nip, "DIBAWAH", occurred_at=at(5)) for nip in STAFF[:6]]
    outcome = swept([*REGION, *below, factories.unit_predicate("unit-1", "BAIK")])

    checked = outcome.distribution_doc["unit-1"]
    assert checked["counts"] == {"BAIK": 12, "BUTUH_PERBAIKAN": 6}
    assert (checked["warnings"], checked["needs_justification"]) == ([], False)


def test_a_sanction_becomes_a_discipline_flag_on_the_receipt() -> None:
    nip = STAFF[0]
    days = [factories.attendance(nip, date(2026, 2, day)) for day in (2, 3, 4)]
    outcome = swept([*REGION, *days])

    (flag,) = flags(outcome, FlagKind.DISCIPLINE)
    assert (flag["subject"], flag["numbers"]["unexcused_days"]) == (nip, 3.0)
    assert [f.kind for f in outcome.context.flags[nip]] == [FlagKind.DISCIPLINE]


def test_employees_the_directory_does_not_know_are_held_out() -> None:
    people = {nip: PEOPLE[nip] for nip in STAFF[3:]}

    outcome = swept(REGION, people)

    assert outcome.distribution_doc["unit-1"]["total"] == len(STAFF) - 3
    assert not flags(outcome, FlagKind.FAVOURITISM)  # the favoured colleague is not known
    assert sweep.region({}, {}, PEOPLE, CONTEXT) == sweep.Outcome(CONTEXT, {}, {})


NIPS = ("199001010000000042", "199001010000000043", "199001010000000044")


@settings(deadline=None, max_examples=40)
@given(st.data(), histories(NIPS, max_size=40))
def test_any_arrival_order_settles_on_the_same_outcome(
    data: st.DataObject, events: list[Event]
) -> None:
    people = {nip: record(nip) for nip in NIPS}
    outcomes = []
    for arrival in (events, rearranged(data, events)):
        employees, units = fold_region(arrival)
        outcome = sweep.region(employees, units, people, CONTEXT)
        scores = {
            nip: evaluate.score(current, outcome.context, people[nip])
            for nip, current in employees.items()
        }
        documents = {nip: evaluate.result_document(s) for nip, s in scores.items() if s}
        outcomes.append((outcome, documents))
    (first, first_documents), (second, second_documents) = outcomes

    assert second.flags_doc == first.flags_doc
    assert second.distribution_doc == first.distribution_doc
    assert second.context == first.context
    assert second_documents == first_documents
