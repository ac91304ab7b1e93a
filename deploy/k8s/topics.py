"""Strimzi ``KafkaTopic`` manifests generated from ``contracts`` and the services' consumers.

Topic names, partitions and compaction are never typed twice:

- one topic per event class in ``contracts.EVENTS`` (``Event.topic()``), compacted when it is
  in ``contracts.COMPACTED_TOPICS``;
- one dead-letter topic ``<topic>.dlt.<group>`` per topic a service consumes, read from the
  service's own wiring: each service's ``create_app`` is built (nothing connects) and the
  topics of its ``ServiceRuntime.consumers`` are collected;
- partitions = ``kit``'s ``kafka_partitions`` default, the number the services use when they
  create a topic themselves; replicas = 1 here, raised by the production component.

It also writes the national roll-up's pieces from ``NATIONAL_TOPICS`` and the region overlays
(``deploy/k8s/overlays/<region>/``): the regional ``KafkaUser`` that MirrorMaker 2 reads with
(ACLs on exactly those topics) and the national ``KafkaMirrorMaker2`` with one source cluster
per region (docs/operations/national-rollup.md).

Usage: ``python deploy/k8s/topics.py write|check`` (``make k8s-topics`` writes).
"""

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

from contracts import COMPACTED_TOPICS, EVENTS
from kit.runtime import ServiceRuntime
from kit.settings import ServiceSettings

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy/k8s"
TOPICS_FILE = K8S / "base/kafka/topics.yaml"
MIRROR_USER_FILE = K8S / "base/kafka/national-mirror-user.yaml"
NATIONAL_FILE = K8S / "national/mirror.yaml"
OVERLAYS = K8S / "overlays"
CLUSTER = "kinerja"
NATIONAL_CLUSTER = "kinerja-national"
MIRROR_USER = "national-mirror"
# What the national dashboards read: scores, rewards and the directory that names people and
# units. Every event carries its region (body ``region``, header ``ce_source``), and
# MirrorMaker 2 prefixes the mirrored topic with the region alias (``<region>.<topic>``).
NATIONAL_TOPICS = (
    "directory.employee.upserted.v1",
    "directory.unit.upserted.v1",
    "score.computed.v1",
    "reward.granted.v1",
    "skp.approved.v1",
    "assessment.submitted.v1",
)
# Services built on ServiceRuntime (the gateway has no consumer and no store).
CONSUMER_SERVICES = ("targets", "feedback", "scoring", "rewards")
PARTITIONS = int(ServiceSettings.model_fields["kafka_partitions"].default)
KAFKA_VERSION = "4.1.1"
# Dead letters are evidence for an operator: kept four weeks, then gone.
DLT_RETENTION_MS = 28 * 24 * 3600 * 1000


@contextmanager
def _recording_runtimes() -> Iterator[list[ServiceRuntime]]:
    """Every ``ServiceRuntime`` constructed inside the block, in order."""
    created: list[ServiceRuntime] = []
    original = ServiceRuntime.__init__

    def record(self: ServiceRuntime, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        created.append(self)

    with mock.patch.object(ServiceRuntime, "__init__", record):
        yield created


def consumed_topics() -> dict[str, list[str]]:
    """Service (= consumer group) -> the event topics it consumes, from its own wiring."""
    consumed: dict[str, list[str]] = {}
    for service in CONSUMER_SERVICES:
        create_app: Callable[[], object] = importlib.import_module(f"{service}.app").create_app
        with _recording_runtimes() as runtimes:
            create_app()
        if len(runtimes) != 1:
            raise RuntimeError(f"{service}.app.create_app built {len(runtimes)} runtimes, not 1")
        runtime = runtimes[0]
        group = runtime.settings.service_name
        consumed[group] = sorted(t for t in runtime.consumers.topics if ".dlt." not in t)
    return consumed


def topic_resource_name(topic: str) -> str:
    """A Kubernetes name for a topic: ``.`` and ``_`` become ``-`` (the real name is in spec)."""
    return topic.replace("_", "-").replace(".", "-")


def _topic(topic: str, config: dict[str, str | int], labels: dict[str, str]) -> dict[str, Any]:
    return {
        "apiVersion": "kafka.strimzi.io/v1beta2",
        "kind": "KafkaTopic",
        "metadata": {
            "name": topic_resource_name(topic),
            "labels": {"strimzi.io/cluster": CLUSTER, **labels},
        },
        "spec": {
            "topicName": topic,
            "partitions": PARTITIONS,
            "replicas": 1,
            "config": config,
        },
    }


def topic_resources() -> list[dict[str, Any]]:
    """Every KafkaTopic: the events' topics, then the dead-letter topics."""
    resources: list[dict[str, Any]] = []
    event_topics = sorted(event_class.topic() for event_class in EVENTS)
    for topic in event_topics:
        compacted = topic in COMPACTED_TOPICS
        config: dict[str, str | int] = {
            "cleanup.policy": "compact" if compacted else "delete",
            "min.insync.replicas": 1,
        }
        if not compacted:
            config["retention.ms"] = -1  # events are the record: kept, replayable
        resources.append(_topic(topic, config, {"kinerja.go.id/topic-kind": "event"}))
    for group, topics in sorted(consumed_topics().items()):
        for topic in topics:
            if topic not in event_topics:
                raise RuntimeError(f"{group} consumes {topic}, which no event in contracts has")
            resources.append(
                _topic(
                    f"{topic}.dlt.{group}",
                    {
                        "cleanup.policy": "delete",
                        "min.insync.replicas": 1,
                        "retention.ms": DLT_RETENTION_MS,
                    },
                    {"kinerja.go.id/topic-kind": "dead-letter", "kinerja.go.id/group": group},
                )
            )
    return resources


def regions() -> list[str]:
    """The regions with an overlay (``deploy/k8s/overlays/<region>/kustomization.yaml``)."""
    return sorted(p.parent.name for p in OVERLAYS.glob("*/kustomization.yaml"))


def _check_national_topics() -> None:
    known = {event_class.topic() for event_class in EVENTS}
    unknown = sorted(set(NATIONAL_TOPICS) - known)
    if unknown:
        raise RuntimeError(f"NATIONAL_TOPICS names topics no event in contracts has: {unknown}")


def mirror_user() -> dict[str, Any]:
    """The regional Kafka user MirrorMaker 2 reads as: read-only on the mirrored topics."""
    _check_national_topics()
    acls: list[dict[str, Any]] = [
        {
            "resource": {"type": "topic", "name": topic, "patternType": "literal"},
            "operations": ["Describe", "DescribeConfigs", "Read"],
        }
        for topic in NATIONAL_TOPICS
    ]
    acls.append(
        {
            "resource": {"type": "group", "name": "*", "patternType": "literal"},
            "operations": ["Describe"],
        }
    )
    return {
        "apiVersion": "kafka.strimzi.io/v1beta2",
        "kind": "KafkaUser",
        "metadata": {"name": MIRROR_USER, "labels": {"strimzi.io/cluster": CLUSTER}},
        "spec": {
            "authentication": {
                "type": "scram-sha-512",
                "password": {
                    "valueFrom": {
                        "secretKeyRef": {"name": "kinerja-national-mirror", "key": "password"}
                    }
                },
            },
            "authorization": {"type": "simple", "acls": acls},
        },
    }


def national_resources() -> list[dict[str, Any]]:
    """The national KafkaMirrorMaker2 and, per region, the secrets it needs (as references)."""
    _check_national_topics()
    pattern = "|".join(topic.replace(".", "\\.") for topic in NATIONAL_TOPICS)
    clusters: list[dict[str, Any]] = [
        {"alias": "national", "bootstrapServers": f"{NATIONAL_CLUSTER}-kafka-bootstrap:9092"}
    ]
    mirrors: list[dict[str, Any]] = []
    secrets: list[dict[str, Any]] = []
    for region in regions():
        clusters.append(
            {
                "alias": region,
                "bootstrapServers": f"kafka.{region}.kinerja.go.id:9094",
                "tls": {
                    "trustedCertificates": [
                        {"secretName": f"kinerja-{region}-cluster-ca", "pattern": "*.crt"}
                    ]
                },
                "authentication": {
                    "type": "scram-sha-512",
                    "username": MIRROR_USER,
                    "passwordSecret": {
                        "secretName": f"kinerja-{region}-mirror-credentials",
                        "password": "password",
                    },
                },
            }
        )
        mirrors.append(
            {
                "sourceCluster": region,
                "targetCluster": "national",
                "topicsPattern": pattern,
                "groupsExcludePattern": ".*",
                "sourceConnector": {
                    "tasksMax": PARTITIONS,
                    "config": {
                        "replication.factor": 3,
                        "offset-syncs.topic.location": "target",
                        "offset-syncs.topic.replication.factor": 3,
                        "sync.topic.acls.enabled": "false",
                        "sync.topic.configs.enabled": "true",
                    },
                },
            }
        )
        for name, remote, key in (
            (f"kinerja-{region}-cluster-ca", f"kinerja/{region}/kafka-cluster-ca", "ca.crt"),
            (
                f"kinerja-{region}-mirror-credentials",
                f"kinerja/{region}/national-mirror",
                "password",
            ),
        ):
            secrets.append(
                {
                    "apiVersion": "external-secrets.io/v1",
                    "kind": "ExternalSecret",
                    "metadata": {"name": name, "labels": {"kinerja.go.id/region": region}},
                    "spec": {
                        "refreshInterval": "1h",
                        "secretStoreRef": {"kind": "SecretStore", "name": "kinerja"},
                        "target": {"name": name, "creationPolicy": "Owner"},
                        "data": [{"secretKey": key, "remoteRef": {"key": remote, "property": key}}],
                    },
                }
            )
    mirror = {
        "apiVersion": "kafka.strimzi.io/v1beta2",
        "kind": "KafkaMirrorMaker2",
        "metadata": {"name": "regional-mirror"},
        "spec": {
            "version": KAFKA_VERSION,
            "replicas": 2,
            "connectCluster": "national",
            "clusters": clusters,
            "mirrors": mirrors,
            "resources": {
                "requests": {"cpu": "250m", "memory": "1Gi"},
                "limits": {"memory": "2Gi"},
            },
        },
    }
    return [mirror, *secrets]


def _documents(header: str, resources: list[dict[str, Any]]) -> str:
    """A header, then one JSON document per resource (JSON is valid YAML)."""
    lines = [
        f"# GENERATED by deploy/k8s/topics.py from {header}.",
        "# Do not edit: run `make k8s-topics`.",
    ]
    for resource in resources:
        lines.append("---")
        lines.append(json.dumps(resource, indent=2))
    return "\n".join(lines) + "\n"


def render() -> dict[Path, str]:
    """Every generated file and its content."""
    return {
        TOPICS_FILE: _documents(
            "contracts.EVENTS, contracts.COMPACTED_TOPICS and the services' consumers",
            topic_resources(),
        ),
        MIRROR_USER_FILE: _documents("NATIONAL_TOPICS (topics.py)", [mirror_user()]),
        NATIONAL_FILE: _documents(
            "NATIONAL_TOPICS (topics.py) and the overlays in deploy/k8s/overlays",
            national_resources(),
        ),
    }


def main(argv: list[str] | None = None) -> int:
    """``write`` regenerates the files; ``check`` exits 1 when one is stale."""
    parser = argparse.ArgumentParser(description="KafkaTopic manifests from contracts")
    parser.add_argument("command", choices=["write", "check"])
    args = parser.parse_args(argv)
    stale = 0
    for path, wanted in render().items():
        name = path.relative_to(ROOT)
        if args.command == "write":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(wanted, encoding="utf-8")
            print(f"[k8s] wrote {name} ({wanted.count(chr(10) + '---')} resources)")
            continue
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != wanted:
            stale += 1
            print(
                f"[k8s] {name} is stale (contracts, consumers or regions changed): "
                "run `make k8s-topics` and commit it",
                file=sys.stderr,
            )
        else:
            print(f"[k8s] {name} matches contracts and regions")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
