"""KafkaTopic manifests are generated from contracts and the services' consumers, never typed."""

import json
from pathlib import Path
from typing import Any

from contracts import COMPACTED_TOPICS, EVENTS, dead_letter_topic
from kit.settings import ServiceSettings

ROOT = Path(__file__).resolve().parents[3]


def documents(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    return [json.loads(doc) for doc in text.split("\n---\n")[1:]]


def test_generated_files_are_fresh(topics):
    for path, wanted in topics.render().items():
        assert path.read_text(encoding="utf-8") == wanted, (
            f"{path.relative_to(ROOT)} is stale: run `make k8s-topics`"
        )


def test_every_event_topic_once_with_kits_partitions_and_compaction(topics):
    resources = topics.topic_resources()
    by_name = {r["spec"]["topicName"]: r for r in resources}
    assert len(by_name) == len(resources)
    partitions = ServiceSettings.model_fields["kafka_partitions"].default
    for event_class in EVENTS:
        resource = by_name[event_class.topic()]
        assert resource["kind"] == "KafkaTopic"
        assert resource["apiVersion"] == "kafka.strimzi.io/v1beta2"
        assert resource["metadata"]["labels"]["strimzi.io/cluster"] == "kinerja"
        assert resource["spec"]["partitions"] == partitions
        policy = resource["spec"]["config"]["cleanup.policy"]
        assert policy == ("compact" if event_class.topic() in COMPACTED_TOPICS else "delete")


def test_dead_letter_topics_follow_the_consumers(topics):
    consumed = topics.consumed_topics()
    assert set(consumed) == {"targets", "feedback", "scoring", "rewards"}
    assert {"skp.approved.v1", "progress.reported.v1", "assessment.submitted.v1"} <= set(
        consumed["scoring"]
    )
    assert "score.computed.v1" in consumed["rewards"]
    names = {r["spec"]["topicName"] for r in topics.topic_resources()}
    expected = {dead_letter_topic(t, g) for g, ts in consumed.items() for t in ts}
    assert {n for n in names if ".dlt." in n} == expected


def test_national_mirror_reads_only_known_topics_of_every_region(topics):
    known = {event_class.topic() for event_class in EVENTS}
    assert set(topics.NATIONAL_TOPICS) <= known
    user = documents(ROOT / "deploy/k8s/base/kafka/national-mirror-user.yaml")[0]
    acl_topics = {
        acl["resource"]["name"]
        for acl in user["spec"]["authorization"]["acls"]
        if acl["resource"]["type"] == "topic"
    }
    assert acl_topics == set(topics.NATIONAL_TOPICS)
    for acl in user["spec"]["authorization"]["acls"]:
        assert set(acl["operations"]) <= {"Describe", "DescribeConfigs", "Read"}, "read-only"
    mirror = documents(ROOT / "deploy/k8s/national/mirror.yaml")[0]
    sources = {m["sourceCluster"] for m in mirror["spec"]["mirrors"]}
    assert sources == set(topics.regions())
