"""The rules `make k8s-check` applies to rendered manifests, on small hand-made resources."""

from typing import Any


def deployment(name: str, *, replicas: int = 2, **container: Any) -> dict[str, Any]:
    base = {
        "name": name,
        "securityContext": {
            "readOnlyRootFilesystem": True,
            "allowPrivilegeEscalation": False,
            "capabilities": {"drop": ["ALL"]},
        },
        "resources": {"limits": {"memory": "512Mi"}},
        "image": "kinerja/scoring",
        "livenessProbe": {"httpGet": {"path": "/health/live", "port": 8003}},
        "readinessProbe": {"httpGet": {"path": "/health/ready", "port": 8003}},
    }
    base.update(container)
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name},
        "spec": {
            "replicas": replicas,
            "template": {"spec": {"securityContext": {"runAsNonRoot": True}, "containers": [base]}},
        },
    }


def hpa(name: str, maximum: int) -> dict[str, Any]:
    return {
        "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": name},
        "spec": {"scaleTargetRef": {"name": name}, "maxReplicas": maximum},
    }


def topic(partitions: int) -> dict[str, Any]:
    return {"kind": "KafkaTopic", "spec": {"topicName": "a.v1", "partitions": partitions}}


def test_consumers_never_outnumber_partitions(check):
    resources = [
        deployment("targets"),
        deployment("scoring", replicas=1),
        deployment("rewards"),
        deployment("feedback", replicas=1),
        hpa("targets", 3),
        hpa("rewards", 4),
        topic(3),
    ]
    findings: list[str] = []
    check.check_scaling(resources, findings)
    assert findings == [
        "HorizontalPodAutoscaler/rewards: maxReplicas 4 > 3 partitions (idle consumers)"
    ]


def test_feedback_and_scoring_stay_on_one_replica(check):
    resources = [deployment(s) for s in ("targets", "scoring", "rewards", "feedback")]
    resources += [hpa(s, 3) for s in ("targets", "scoring", "rewards", "feedback")] + [topic(3)]
    findings: list[str] = []
    check.check_scaling(resources, findings)
    assert sorted(f.split(" must run exactly one replica")[0] for f in findings) == [
        "feedback",
        "scoring",
    ]


def test_containers_must_be_locked_down(check):
    findings: list[str] = []
    check.check_workloads(
        [
            deployment(
                "scoring",
                securityContext={"readOnlyRootFilesystem": False},
                readinessProbe={"httpGet": {"path": "/"}},
            )
        ],
        findings,
    )
    assert any("readOnlyRootFilesystem" in f for f in findings)
    assert any("allowPrivilegeEscalation" in f for f in findings)
    assert any("readinessProbe is not GET /health/ready" in f for f in findings)


def test_strict_schema_refuses_unknown_fields_and_lists_custom_kinds(check):
    findings: list[str] = []
    bad = deployment("scoring", imagee="typo")
    bad["spec"]["selector"] = {"matchLabels": {"a": "b"}}
    kafka = {
        "apiVersion": "kafka.strimzi.io/v1beta2",
        "kind": "Kafka",
        "metadata": {"name": "k"},
        "spec": {"kafka": {"version": "4.1.1", "listeners": []}},
    }
    custom = check.validate_schemas([bad, kafka], findings)
    assert custom == {"kafka.strimzi.io/v1beta2 Kafka": 1}
    assert len(findings) == 1
    assert "'imagee' was unexpected" in findings[0]


def test_rendered_environment_must_load_into_the_services_settings(check):
    container = {
        "envFrom": [{"configMapRef": {"name": "scoring-config"}}],
        "env": [
            {
                "name": "SCORING_REGIONS",
                "valueFrom": {"configMapKeyRef": {"name": "r", "key": "R"}},
            },
            {
                "name": "SCORING_MONGO_URL",
                "valueFrom": {"secretKeyRef": {"name": "m", "key": "connectionString.standard"}},
            },
        ],
    }
    maps = {
        "scoring-config": {
            "SCORING_ENVIRONMENT": "production",
            "SCORING_AUTH_JWKS_URL": "https://idp/jwks",
            "SCORING_HTTP_PORT": "8003",
            "SCORING_KAFKA_BOOTSTRAPP": "typo:9092",
        },
        "r": {"R": '["kuranji"]'},
    }
    env = check.rendered_environment(container, maps)
    assert env["SCORING_REGIONS"] == '["kuranji"]'
    assert env["SCORING_MONGO_URL"].startswith("mongodb://")
    scoring = deployment("scoring")
    scoring["spec"]["template"]["spec"]["containers"][0].update(container)
    resources: list[dict[str, Any]] = [
        {"kind": "ConfigMap", "metadata": {"name": n}, "data": d} for n, d in maps.items()
    ]
    resources.append(scoring)
    findings: list[str] = []
    check.check_service_settings("kuranji", resources, findings)
    assert findings == ["Deployment/scoring: ScoringSettings has no ['SCORING_KAFKA_BOOTSTRAPP']"]
