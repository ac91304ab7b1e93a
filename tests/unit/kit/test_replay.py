"""Dead-letter replay: where a parked record goes back to, and with which headers."""

import pytest

from contracts import headers as h
from kit.replay import main, original_topic, replay_headers


def test_original_topic_from_the_header_or_the_name():
    assert original_topic("x.dlt.scoring", {h.DLT_ORIGINAL_TOPIC: b"skp.approved.v1"}) == (
        "skp.approved.v1"
    )
    assert original_topic("skp.approved.v1.dlt.scoring", {}) == "skp.approved.v1"
    with pytest.raises(ValueError, match="not a dead-letter topic"):
        original_topic("skp.approved.v1", {})


def test_replay_keeps_original_headers_in_order_and_drops_error_details():
    headers = [
        (h.CE_ID, b"1"),
        (h.DLT_ERROR, b"boom"),
        (h.TRACEPARENT, b"00-abc"),
        (h.DLT_ORIGINAL_OFFSET, b"7"),
    ]
    assert replay_headers(headers) == [(h.CE_ID, b"1"), (h.TRACEPARENT, b"00-abc")]


def test_cli_needs_a_bootstrap(capsys):
    with pytest.raises(SystemExit):
        main(["skp.approved.v1.dlt.scoring"])
    assert "--bootstrap" in capsys.readouterr().err
