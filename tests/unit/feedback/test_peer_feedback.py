"""360 feedback: eligibility from the directory, pseudonyms, and the answer's scale."""

from typing import Any

import pytest
from pydantic import ValidationError

from contracts.vocabulary import FeedbackSource
from feedback import peer_rules
from feedback.anonymity import Pseudonyms
from feedback.documents import FeedbackForm
from kit.problems import DomainProblem
from tests import factories

HEAD, WORKER, PEER, REPORT, OUTSIDER = (factories.nip() for _ in range(5))


def record(nip: str, supervisor: str | None, unit: str = "unit-1", **fields: Any) -> dict[str, Any]:
    return factories.employee(nip, supervisor=supervisor, unit_id=unit, **fields).model_dump(
        mode="json"
    )


DIRECTORY = {
    HEAD: record(HEAD, None),
    WORKER: record(WORKER, HEAD),
    PEER: record(PEER, HEAD),
    REPORT: record(REPORT, WORKER),
    OUTSIDER: record(OUTSIDER, None, unit="unit-2"),
}
UNIT = {"unit_id": "unit-1", "head_nip": HEAD}


def check(source: str, rater: str, ratee: str, *, nominated: bool = False) -> None:
    peer_rules.check_eligible(
        FeedbackSource(source), DIRECTORY[rater], DIRECTORY[ratee], UNIT, nominated=nominated
    )


def refusal(source: str, rater: str, ratee: str, *, nominated: bool = False) -> DomainProblem:
    with pytest.raises(DomainProblem) as raised:
        check(source, rater, ratee, nominated=nominated)
    assert (raised.value.status, raised.value.field) == (403, "source")
    assert raised.value.reason_id != raised.value.reason_en
    return raised.value


def test_each_source_has_its_relationship() -> None:
    check("self", WORKER, WORKER)
    check("peer", PEER, WORKER)
    check("subordinate", REPORT, WORKER)
    check("team", HEAD, WORKER)
    check("peer", OUTSIDER, WORKER, nominated=True)


def test_a_rater_outside_the_relationship_is_refused() -> None:
    refusal("self", PEER, WORKER)
    refusal("peer", WORKER, WORKER)
    refusal("subordinate", PEER, WORKER)
    refusal("team", PEER, WORKER)
    refusal("peer", OUTSIDER, WORKER)  # another unit without an approved nomination


def test_a_direct_supervisor_or_report_is_never_a_peer_even_when_nominated() -> None:
    refusal("peer", REPORT, WORKER, nominated=True)
    assert "peer" in refusal("peer", HEAD, WORKER, nominated=True).reason_en


def test_an_inactive_or_unknown_rater_is_not_eligible() -> None:
    with pytest.raises(DomainProblem) as raised:
        peer_rules.check_eligible(
            FeedbackSource.PEER, None, DIRECTORY[WORKER], UNIT, nominated=False
        )
    assert raised.value.status == 403
    gone = record(factories.nip(), HEAD, active=False)
    with pytest.raises(DomainProblem):
        peer_rules.check_eligible(
            FeedbackSource.PEER, gone, DIRECTORY[WORKER], UNIT, nominated=False
        )


def test_an_unknown_ratee_is_invalid_input() -> None:
    with pytest.raises(DomainProblem) as raised:
        peer_rules.check_ratee(None)
    assert (raised.value.status, raised.value.field) == (422, "nip")


def test_a_nomination_adds_only_someone_not_eligible_already() -> None:
    assert peer_rules.check_nominee(DIRECTORY[WORKER], DIRECTORY[OUTSIDER])["nip"] == OUTSIDER
    for rater in (WORKER, HEAD, REPORT, PEER):
        with pytest.raises(DomainProblem) as raised:
            peer_rules.check_nominee(DIRECTORY[WORKER], DIRECTORY[rater])
        assert (raised.value.status, raised.value.field) == (422, "rater_nip")


def test_pseudonyms_are_stable_keyed_and_reveal_no_nip() -> None:
    keyed, other_key = Pseudonyms(b"secret-one"), Pseudonyms(b"secret-two")

    ref = keyed.rater_ref("palangkaraya", PEER)
    assert ref == keyed.rater_ref("palangkaraya", PEER)
    assert ref != keyed.rater_ref("kuranji", PEER)
    assert ref != other_key.rater_ref("palangkaraya", PEER)
    assert PEER not in ref
    assert len(ref) <= 80  # fits the contract's Identifier

    one = keyed.submission_id("palangkaraya", PEER, WORKER, "2026-11")
    assert one == keyed.submission_id("palangkaraya", PEER, WORKER, "2026-11")
    assert one != keyed.submission_id("palangkaraya", PEER, WORKER, "2026-12")
    assert one != keyed.submission_id("palangkaraya", WORKER, PEER, "2026-11")


def form(**overrides: Any) -> dict[str, Any]:
    return {
        "nip": WORKER,
        "period": "2026-11",
        "source": "peer",
        "scores": {"loyal": 4},
    } | overrides


def test_scores_are_one_to_five_per_known_value_and_at_least_one() -> None:
    assert FeedbackForm.model_validate(form(scores={"loyal": 1, "adaptif": 5})).scores
    for scores in ({"loyal": 0}, {"loyal": 6}, {}, {"rajin": 3}):
        with pytest.raises(ValidationError) as raised:
            FeedbackForm.model_validate(form(scores=scores))
        assert raised.value.errors()[0]["loc"][0] == "scores"


def test_supervisor_and_citizen_answers_do_not_come_through_this_form() -> None:
    for source in ("supervisor", "citizen", "boss"):
        with pytest.raises(ValidationError) as raised:
            FeedbackForm.model_validate(form(source=source))
        assert raised.value.errors()[0]["loc"] == ("source",)
