"""What an employee sees of 360 answers: groups of at least k, no figure with a hidden group."""

from typing import Any

from feedback.anonymity import POOLED, summarize

K = 3


def answer(source: str, strengths: str = "", improve: str = "", **scores: int) -> dict[str, Any]:
    return {"source": source, "scores": scores, "strengths": strengths, "improve": improve}


def peers(count: int, **scores: int) -> list[dict[str, Any]]:
    return [{"source": "peer", "scores": scores} for _ in range(count)]


def test_a_group_below_k_is_hidden_without_its_count() -> None:
    summary = summarize(peers(2, loyal=5), K, with_self=True)

    peer = summary["groups"]["peer"]
    assert peer["shown"] is False
    assert "count" not in peer
    assert "values" not in peer
    assert peer["reason_en"] == "Hidden: fewer than 3 answers"
    # An empty group looks exactly like a small one: nobody learns whether 0, 1 or 2 answered.
    assert summary["groups"]["subordinate"] == peer
    assert summary["overall"] == {"values": {}, "mean": None}


def test_a_group_of_k_shows_count_means_and_sorted_comments_without_names() -> None:
    answers = [
        answer("peer", strengths="Teliti", improve="Lebih cepat", loyal=4, adaptif=3),
        answer("peer", strengths="Ramah", loyal=5, adaptif=3),
        answer("peer", improve="Dokumentasi", loyal=3, adaptif=3),
    ]

    peer = summarize(answers, K, with_self=False)["groups"]["peer"]

    assert peer["shown"] is True
    assert peer["count"] == 3
    assert peer["values"]["loyal"] == {"shown": True, "count": 3, "mean": 4.0}
    assert peer["mean"] == 3.5
    assert peer["strengths"] == ["Ramah", "Teliti"]
    assert peer["improve"] == ["Dokumentasi", "Lebih cepat"]
    assert "rater_ref" not in str(peer)


def test_a_value_scored_by_fewer_than_k_is_hidden_and_left_out_of_every_mean() -> None:
    answers = [*peers(2, loyal=4), answer("peer", loyal=4, kompeten=1)]

    summary = summarize(answers, K, with_self=False)

    peer = summary["groups"]["peer"]
    assert peer["values"]["kompeten"]["shown"] is False
    assert peer["mean"] == 4.0  # the lone 1 for kompeten would pull it down
    assert summary["overall"]["values"] == {"loyal": 4.0}


def test_with_exactly_one_group_hidden_no_combined_figure_includes_it() -> None:
    answers = [*peers(3, loyal=4), answer("subordinate", loyal=1), answer("subordinate", loyal=1)]

    summary = summarize(answers, K, with_self=False)

    assert summary["groups"]["subordinate"]["shown"] is False
    assert POOLED not in summary["groups"]
    # The overall is exactly the shown peer figure: subtracting reveals nothing.
    assert summary["overall"] == {"values": {"loyal": 4.0}, "mean": 4.0}


def test_when_both_groups_are_hidden_they_may_be_shown_pooled_once_together_k() -> None:
    answers = [*peers(2, loyal=4), answer("subordinate", loyal=1, strengths="Sabar")]

    summary = summarize(answers, K, with_self=False)

    assert summary["groups"]["peer"]["shown"] is False
    assert summary["groups"]["subordinate"]["shown"] is False
    pooled = summary["groups"][POOLED]
    assert (pooled["count"], pooled["values"]["loyal"]["mean"]) == (3, 3.0)
    assert pooled["strengths"] == ["Sabar"]
    assert summary["overall"]["mean"] == 3.0

    too_few = summarize(
        [answer("peer", loyal=4), answer("subordinate", loyal=1)], K, with_self=False
    )
    assert too_few["groups"][POOLED]["shown"] is False


def test_team_and_self_are_named_raters_and_self_stays_out_of_the_overall() -> None:
    answers = [*peers(3, loyal=4), answer("team", loyal=2), answer("self", loyal=5)]

    summary = summarize(answers, K, with_self=True)

    assert summary["groups"]["team"]["count"] == 1
    assert summary["groups"]["self"]["values"]["loyal"]["mean"] == 5.0
    assert summary["overall"]["values"] == {"loyal": 3.5}  # three peers at 4 and the team's 2
    assert "self" not in summarize(answers, K, with_self=False)["groups"]


def test_k_is_configurable() -> None:
    assert summarize(peers(4, loyal=3), 5, with_self=False)["groups"]["peer"]["shown"] is False
    assert summarize(peers(5, loyal=3), 5, with_self=False)["groups"]["peer"]["count"] == 5
