"""The pure parts of the scoring throughput bench: population, events, offsets, arguments."""

import re
from collections import Counter

import pytest
from aiokafka.structs import TopicPartition

from bench._kafka import fresh_name
from bench.scoring_throughput import (
    RATEES_MAX,
    RATEES_MIN,
    directory_events,
    input_events,
    lag,
    make_population,
    parse_args,
    rater_ref,
)
from contracts import FeedbackSubmitted, ProgressReported, SurveySubmitted
from contracts.vocabulary import FeedbackSource

REGION = "bench-test"
SEED, EMPLOYEES = 3, 130


def test_the_population_is_deterministic_for_a_seed() -> None:
    first = make_population(SEED, EMPLOYEES, REGION)

    assert first == make_population(SEED, EMPLOYEES, REGION)
    assert first.links != make_population(SEED + 1, EMPLOYEES, REGION).links


def test_units_of_about_twenty_with_their_head_reporting_to_the_top() -> None:
    population = make_population(SEED, EMPLOYEES, REGION)
    sizes = Counter(member.unit_id for member in population.members)
    heads = {unit.unit_id: unit.head_nip for unit in population.units}
    top = population.units[0].head_nip

    assert len(population.members) == EMPLOYEES
    assert all(15 <= size <= 25 for size in sizes.values())
    for member in population.members:
        if member.heads_unit:
            assert heads[member.unit_id] == member.nip
            assert member.supervisor_nip == (None if member.nip == top else top)
        else:
            assert member.supervisor_nip == heads[member.unit_id]


def test_every_rater_rates_a_handful_of_colleagues_in_their_own_unit() -> None:
    population = make_population(SEED, EMPLOYEES, REGION)
    rated = Counter(link.rater.nip for link in population.links)

    assert set(rated) == {member.nip for member in population.members}
    assert all(RATEES_MIN <= count <= RATEES_MAX for count in rated.values())
    for link in population.links:
        assert link.rater.unit_id == link.ratee.unit_id
        assert link.rater.nip != link.ratee.nip


def test_sources_follow_the_feedback_services_eligibility_rules() -> None:
    population = make_population(SEED, EMPLOYEES, REGION)

    for link in population.links:
        rater, ratee = link.rater, link.ratee
        if link.source is FeedbackSource.SUBORDINATE:
            assert rater.supervisor_nip == ratee.nip
        elif link.source is FeedbackSource.TEAM:
            assert rater.heads_unit
        else:
            assert link.source is FeedbackSource.PEER
            assert ratee.nip != rater.supervisor_nip
            assert rater.nip != ratee.supervisor_nip
    assert {link.source for link in population.links} == {
        FeedbackSource.PEER,
        FeedbackSource.SUBORDINATE,
        FeedbackSource.TEAM,
    }


def test_every_event_round_trips_through_its_contract() -> None:
    population = make_population(SEED, EMPLOYEES, REGION)
    events = [*directory_events(population), *input_events(population, 300, 0.3, SEED)]

    for event in events:
        assert type(event).from_json(event.to_json()) == event
        assert event.region == REGION


def test_the_mix_is_exact_and_starts_with_feedback() -> None:
    population = make_population(SEED, EMPLOYEES, REGION)
    events = list(input_events(population, 300, 0.3, SEED))
    kinds = Counter(type(event) for event in events)

    assert isinstance(events[0], FeedbackSubmitted)
    assert kinds == {FeedbackSubmitted: 210, ProgressReported: 45, SurveySubmitted: 45}
    assert {event.period for event in events} == {f"2026-{month:02d}" for month in range(1, 13)}


def test_input_events_are_deterministic_for_a_seed() -> None:
    population = make_population(SEED, EMPLOYEES, REGION)

    def payloads() -> list[dict[str, object]]:
        events = input_events(population, 200, 0.2, SEED)
        return [event.model_dump(exclude={"event_id", "occurred_at"}) for event in events]

    assert payloads() == payloads()


def test_rater_refs_are_stable_pseudonyms_per_region() -> None:
    nip = make_population(SEED, EMPLOYEES, REGION).members[5].nip

    assert rater_ref(REGION, nip) == rater_ref(REGION, nip)
    assert rater_ref(REGION, nip) != rater_ref("other-region", nip)
    assert nip not in rater_ref(REGION, nip)


def test_fresh_regions_are_valid_region_slugs() -> None:
    assert re.fullmatch(r"[a-z][a-z0-9-]{1,39}", fresh_name("bench"))


def test_lag_counts_what_the_group_has_not_committed_since_the_start() -> None:
    a, b, c = (TopicPartition("feedback.submitted.v1", n) for n in range(3))
    starts = {a: 10, b: 0, c: 5}
    ends = {a: 110, b: 50, c: 5}

    assert lag(ends, {}, starts) == 150
    assert lag(ends, {a: 60, b: 50}, starts) == 50
    assert lag(ends, {a: 120, b: 50, c: 5}, starts) == 0


def test_arguments_default_to_the_issue_numbers_and_refuse_nonsense() -> None:
    args = parse_args([])

    assert (args.employees, args.events, args.mix, args.repeats) == (2000, 100_000, 0.0, 1)
    for bad in (["--employees", "1"], ["--events", "0"], ["--mix", "0.95"], ["--limit", "0"]):
        with pytest.raises(SystemExit):
            parse_args(bad)
