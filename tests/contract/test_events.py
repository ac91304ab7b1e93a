"""Event envelope rules every producer and consumer relies on."""

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from contracts import (
    COMPACTED_TOPICS,
    EVENTS,
    EmployeeUpserted,
    Event,
    ProgressReported,
    UnitUpserted,
    dead_letter_topic,
    event_class_for_topic,
)
from tests import factories

WIB = timezone(timedelta(hours=7))


@pytest.mark.parametrize("event_class", EVENTS, ids=lambda cls: cls.__name__)
def test_topic_is_type_and_major_version(event_class: type[Event]) -> None:
    assert event_class.topic() == f"{event_class.event_type()}.v{event_class.major_version()}"
    assert event_class_for_topic(event_class.topic()) is event_class


def test_every_event_class_has_its_own_topic() -> None:
    topics = [event_class.topic() for event_class in EVENTS]

    assert len(set(topics)) == len(topics)


def test_unknown_topic_has_no_event_class() -> None:
    with pytest.raises(KeyError):
        event_class_for_topic("skp.approved.v9")


def test_dead_letter_topic_names_topic_and_consumer() -> None:
    assert dead_letter_topic("skp.approved.v1", "scoring") == "skp.approved.v1.dlt.scoring"


def test_only_reference_data_topics_are_compacted() -> None:
    assert {EmployeeUpserted.topic(), UnitUpserted.topic()} == COMPACTED_TOPICS


def test_unit_events_are_keyed_by_unit_and_others_by_nip() -> None:
    unit = UnitUpserted(region="palangkaraya", producer="tests", unit_id="u-7", name="Dinas")
    report = factories.progress(factories.nip(), 50)

    assert unit.key() == "u-7"
    assert report.key() == report.nip


def test_occurred_at_is_stored_in_utc_whatever_zone_was_given() -> None:
    local = datetime(2026, 11, 2, 8, 30, tzinfo=WIB)

    event = factories.progress(factories.nip(), 50, occurred_at=local)

    assert event.occurred_at.utcoffset() == timedelta(0)
    assert event.occurred_at == local
    assert event.occurred_at.hour == 1
    assert json.loads(event.to_json())["occurred_at"] == "2026-11-02T01:30:00Z"


def test_default_occurred_at_is_utc() -> None:
    assert factories.progress(factories.nip(), 50).occurred_at.utcoffset() == timedelta(0)


def test_naive_timestamp_is_refused() -> None:
    with pytest.raises(ValidationError):
        factories.progress(factories.nip(), 50, occurred_at=datetime(2026, 11, 2, 8, 30))


def test_consumer_ignores_fields_a_newer_producer_added() -> None:
    sent = factories.progress(factories.nip(), 50)
    body = json.loads(sent.to_json()) | {"added_in_v1_1": {"anything": [1, 2]}}

    received = ProgressReported.from_json(json.dumps(body))

    assert received == sent


def test_events_are_immutable() -> None:
    event: ProgressReported = factories.progress(factories.nip(), 50)

    with pytest.raises(ValidationError):
        event.realisation = 10  # type: ignore[misc]


reports = st.builds(
    ProgressReported,
    occurred_at=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    )
    | st.datetimes(min_value=datetime(2000, 1, 1), timezones=st.just(WIB)),
    region=st.from_regex(r"^[a-z][a-z0-9-]{1,39}$", fullmatch=True),
    producer=st.text(min_size=1, max_size=60),
    progress_id=st.text(min_size=1, max_size=80),
    skp_id=st.text(min_size=1, max_size=80),
    nip=st.from_regex(r"^[0-9]{18}$", fullmatch=True),
    year=st.integers(2000, 2100),
    period=st.from_regex(r"^[0-9]{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$", fullmatch=True),
    rhk_id=st.text(min_size=1, max_size=80),
    iki_id=st.text(min_size=1, max_size=80),
    realisation=st.floats(min_value=0, allow_infinity=False),
    achievement_pct=st.floats(min_value=0, allow_infinity=False),
    evidence=st.lists(st.text(max_size=50), max_size=3).map(tuple),
    note=st.text(max_size=200),
)


@settings(deadline=None)  # pydantic models per example; timing varies under load
@given(reports)
def test_json_round_trip_is_identity(event: ProgressReported) -> None:
    assert ProgressReported.from_json(event.to_json()) == event
