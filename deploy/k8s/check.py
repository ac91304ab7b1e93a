"""Render every Kubernetes overlay with the pinned kustomize and validate what it renders.

For each region overlay (``deploy/k8s/overlays/*``), the region template (made into a region
called ``example`` in a scratch folder) and the national roll-up (``deploy/k8s/national``):

1. ``kustomize build`` (the pinned binary from ``deploy/k8s/kustomize.sh``);
2. every built-in kind is validated **strictly** (unknown fields refused) against the
   Kubernetes JSON schemas bundled in the ``kubernetes-validate`` package, offline;
3. custom resources (Strimzi, MongoDB operator, External Secrets) have no bundled schema: they
   get structural checks here and are listed as such;
4. Kinerja's own rules: no placeholder left, the region's namespace and ``REGIONS``, non-root
   read-only containers with probes and memory limits, consumers' ``maxReplicas`` within the
   topic partitions, feedback on one replica, and each service's rendered environment loads
   into that service's own settings class in ``production`` (secret values replaced by
   stand-ins), with no variable the class does not know.

Usage: ``python deploy/k8s/check.py [--kustomize PATH]``; exit 1 on any finding.
"""

import argparse
import functools
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import kubernetes_validate
import kubernetes_validate.utils
import yaml
from pydantic import ValidationError

from kit.settings import ServiceSettings

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy/k8s"
KUBERNETES_VERSION = "1.33.0"
SERVICES = {"gateway": 8000, "targets": 8001, "feedback": 8002, "scoring": 8003, "rewards": 8004}
CONSUMER_SERVICES = ("targets", "feedback", "scoring", "rewards")
PARTITIONS = int(ServiceSettings.model_fields["kafka_partitions"].default)
SINGLE_REPLICA = {
    "feedback": "in-memory citizen rate limits (services/feedback settings)",
    "scoring": "the engine is the single writer of its region years (ADR 015)",
}
PLACEHOLDERS = ("set-by-overlay", "REGION_SLUG")
# Custom resources: no schema is bundled; these fields must be present.
CUSTOM_KINDS: dict[str, tuple[str, ...]] = {
    "Kafka": ("spec.kafka.listeners", "spec.kafka.version"),
    "KafkaNodePool": ("spec.replicas", "spec.roles", "spec.storage"),
    "KafkaTopic": ("spec.topicName", "spec.partitions", "spec.replicas"),
    "KafkaUser": ("spec.authentication",),
    "KafkaMirrorMaker2": ("spec.clusters", "spec.mirrors", "spec.connectCluster"),
    "MongoDBCommunity": ("spec.members", "spec.type", "spec.version", "spec.users"),
    "ExternalSecret": ("spec.secretStoreRef", "spec.target", "spec.data"),
    "SecretStore": ("spec.provider",),
}


# The package re-reads and re-parses its (large) schema files for every resource: read each once.
kubernetes_validate.utils.schema_contents = functools.lru_cache(maxsize=None)(
    kubernetes_validate.utils.schema_contents
)


@contextmanager
def template_as_region(name: str) -> Iterator[Path]:
    """The region template made into region ``name`` in a scratch tree beside base/components."""
    with tempfile.TemporaryDirectory(prefix="kinerja-k8s-") as scratch:
        tree = Path(scratch)
        for shared in ("base", "components"):
            (tree / shared).symlink_to(K8S / shared)
        overlay = tree / "overlays" / name
        overlay.mkdir(parents=True)
        for source in (K8S / "template/region").iterdir():
            text = source.read_text(encoding="utf-8").replace("REGION_SLUG", name)
            (overlay / source.name).write_text(text, encoding="utf-8")
        yield overlay


def build(kustomize: str, path: Path) -> list[dict[str, Any]]:
    """``kustomize build`` of one folder, as resources."""
    done = subprocess.run(  # noqa: S603 - our pinned binary, our folders
        [kustomize, "build", str(path)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"kustomize build {path} failed:\n{done.stderr.strip()}")
    return [doc for doc in yaml.safe_load_all(done.stdout) if doc]


def field(resource: dict[str, Any], dotted: str) -> Any:
    """A nested field by dotted path, or None."""
    value: Any = resource
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def validate_schemas(resources: list[dict[str, Any]], findings: list[str]) -> Counter[str]:
    """Strict schema validation of built-in kinds; structural checks of custom ones."""
    custom: Counter[str] = Counter()
    for resource in resources:
        kind = resource.get("kind", "?")
        name = f"{kind}/{field(resource, 'metadata.name')}"
        if kind in CUSTOM_KINDS:
            custom[f"{resource['apiVersion']} {kind}"] += 1
            missing = [f for f in CUSTOM_KINDS[kind] if field(resource, f) is None]
            if missing or not str(resource.get("apiVersion", "")).count("/"):
                findings.append(f"{name}: custom resource lacks {missing or 'apiVersion group'}")
            continue
        try:
            kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.ValidationError as error:
            path = ".".join(str(p) for p in error.path)
            findings.append(f"{name}: {path}: {error.message}")
        except kubernetes_validate.SchemaNotFoundError:
            findings.append(f"{name}: no bundled schema and not a known custom kind")
    return custom


def _containers(resource: dict[str, Any]) -> list[dict[str, Any]]:
    spec = field(resource, "spec.template.spec") or field(
        resource, "spec.jobTemplate.spec.template.spec"
    )
    return list((spec or {}).get("containers", []))


def _pod_spec(resource: dict[str, Any]) -> dict[str, Any]:
    return dict(
        field(resource, "spec.template.spec")
        or field(resource, "spec.jobTemplate.spec.template.spec")
        or {}
    )


def check_workloads(resources: list[dict[str, Any]], findings: list[str]) -> None:
    """Non-root, read-only root filesystem, no escalation, memory limits; probes on services."""
    for resource in resources:
        if resource["kind"] not in ("Deployment", "CronJob", "StatefulSet", "Job"):
            continue
        name = f"{resource['kind']}/{resource['metadata']['name']}"
        pod = _pod_spec(resource)
        if not field(pod, "securityContext.runAsNonRoot"):
            findings.append(f"{name}: pod securityContext.runAsNonRoot is not true")
        for container in _containers(resource):
            where = f"{name} container {container['name']}"
            security = container.get("securityContext", {})
            if security.get("readOnlyRootFilesystem") is not True:
                findings.append(f"{where}: readOnlyRootFilesystem is not true")
            if security.get("allowPrivilegeEscalation") is not False:
                findings.append(f"{where}: allowPrivilegeEscalation is not false")
            if "ALL" not in (field(security, "capabilities.drop") or []):
                findings.append(f"{where}: capabilities are not all dropped")
            if not field(container, "resources.limits.memory"):
                findings.append(f"{where}: no memory limit")
            if resource["metadata"]["name"] in SERVICES:
                for probe, path in (
                    ("livenessProbe", "/health/live"),
                    ("readinessProbe", "/health/ready"),
                ):
                    if field(container, f"{probe}.httpGet.path") != path:
                        findings.append(f"{where}: {probe} is not GET {path}")


def check_scaling(resources: list[dict[str, Any]], findings: list[str]) -> None:
    """A consumer never has more replicas than its topics have partitions."""
    autoscalers = {
        r["spec"]["scaleTargetRef"]["name"]: r
        for r in resources
        if r["kind"] == "HorizontalPodAutoscaler"
    }
    deployments = {r["metadata"]["name"]: r for r in resources if r["kind"] == "Deployment"}
    partitions = [
        r["spec"]["partitions"]
        for r in resources
        if r["kind"] == "KafkaTopic" and ".dlt." not in r["spec"]["topicName"]
    ]
    limit = min(partitions) if partitions else PARTITIONS
    for service in CONSUMER_SERVICES:
        deployment = deployments.get(service)
        if deployment is None:
            findings.append(f"Deployment/{service} is missing")
            continue
        if service in SINGLE_REPLICA:
            if service in autoscalers or deployment["spec"].get("replicas") != 1:
                findings.append(
                    f"{service} must run exactly one replica, without an autoscaler: "
                    f"{SINGLE_REPLICA[service]}"
                )
            continue
        hpa = autoscalers.get(service)
        if hpa is None:
            findings.append(f"{service} has no HorizontalPodAutoscaler")
        elif hpa["spec"]["maxReplicas"] > limit:
            findings.append(
                f"HorizontalPodAutoscaler/{service}: maxReplicas {hpa['spec']['maxReplicas']} "
                f"> {limit} partitions (idle consumers)"
            )


def _settings_class(service: str) -> type[ServiceSettings]:
    module = importlib.import_module(f"{service}.settings")
    classes = [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, ServiceSettings)
        and value is not ServiceSettings
        and value.__module__ == module.__name__
    ]
    if len(classes) != 1:
        raise RuntimeError(f"{service}.settings has {len(classes)} settings classes, not 1")
    return classes[0]


def rendered_environment(
    container: dict[str, Any], config_maps: dict[str, dict[str, str]]
) -> dict[str, str]:
    """The container's environment as Kubernetes would set it; secret values as stand-ins."""
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        env.update(config_maps[source["configMapRef"]["name"]])
    for index, item in enumerate(container.get("env", [])):
        if "value" in item:
            env[item["name"]] = item["value"]
        elif ref := field(item, "valueFrom.configMapKeyRef"):
            env[item["name"]] = config_maps[ref["name"]][ref["key"]]
        elif ref := field(item, "valueFrom.secretKeyRef"):
            # A distinct 40-character stand-in per secret; a Mongo URL where one is expected.
            env[item["name"]] = (
                "mongodb://user:stand-in@mongo:27017/?replicaSet=kinerja-mongo"
                if ref["key"].startswith("connectionString")
                else f"stand-in-secret-{index:02d}-{ref['name']}".ljust(40, "x")
            )
    return env


def check_service_settings(
    region: str, resources: list[dict[str, Any]], findings: list[str]
) -> None:
    """Each service's rendered env loads into its settings class in production."""
    config_maps = {
        r["metadata"]["name"]: dict(r.get("data", {}))
        for r in resources
        if r["kind"] == "ConfigMap"
    }
    for resource in resources:
        service = resource["metadata"]["name"]
        if resource["kind"] != "Deployment" or service not in SERVICES:
            continue
        container = _containers(resource)[0]
        try:
            env = rendered_environment(container, config_maps)
        except KeyError as missing:
            findings.append(
                f"Deployment/{service}: env refers to a missing ConfigMap key {missing}"
            )
            continue
        prefix = f"{service.upper()}_"
        settings_class = _settings_class(service)
        known = {prefix + name.upper() for name in settings_class.model_fields}
        unknown = sorted(k for k in env if k.startswith(prefix) and k not in known)
        if unknown:
            findings.append(f"Deployment/{service}: {settings_class.__name__} has no {unknown}")
        saved = dict(os.environ)
        try:
            os.environ.clear()
            os.environ.update(env)
            settings = settings_class()
        except ValidationError as error:
            findings.append(f"Deployment/{service}: settings refuse the rendered env: {error}")
            continue
        finally:
            os.environ.clear()
            os.environ.update(saved)
        if settings.environment != "production":
            findings.append(f"Deployment/{service}: environment is {settings.environment}")
        if settings.http_port != SERVICES[service]:
            findings.append(f"Deployment/{service}: port {settings.http_port}")
        if region != "national" and settings.regions != frozenset({region}):
            findings.append(f"Deployment/{service}: regions {sorted(settings.regions)}")


def check_region(region: str, resources: list[dict[str, Any]], findings: list[str]) -> None:
    """The overlay serves its own region, in its own namespace, with every placeholder set."""
    text = json.dumps(resources)
    for placeholder in PLACEHOLDERS:
        if placeholder in text:
            findings.append(f"a placeholder {placeholder!r} is left in the rendered manifests")
    namespaces = {r["metadata"].get("namespace") for r in resources if r["kind"] != "Namespace"}
    if namespaces != {f"kinerja-{region}"}:
        findings.append(f"resources in namespaces {sorted(map(str, namespaces))}")
    check_workloads(resources, findings)
    check_scaling(resources, findings)
    check_service_settings(region, resources, findings)


def main(argv: list[str] | None = None) -> int:
    """Render, validate and report; 1 when anything is wrong."""
    parser = argparse.ArgumentParser(description="render and validate the Kubernetes overlays")
    parser.add_argument("--kustomize", default=shutil.which("kustomize") or "kustomize")
    args = parser.parse_args(argv)
    failed = 0
    custom_seen: Counter[str] = Counter()
    targets: list[tuple[str, Path | None]] = [
        (p.parent.name, p.parent) for p in sorted((K8S / "overlays").glob("*/kustomization.yaml"))
    ]
    targets += [("example (template)", None), ("national", K8S / "national")]
    for label, path in targets:
        findings: list[str] = []
        try:
            if path is None:
                with template_as_region("example") as overlay:
                    resources = build(args.kustomize, overlay)
                region = "example"
            else:
                resources = build(args.kustomize, path)
                region = label
        except RuntimeError as error:
            print(f"[k8s] FAIL {label}: {error}")
            failed += 1
            continue
        custom = validate_schemas(resources, findings)
        custom_seen.update(custom)
        if region == "national":
            check_workloads(resources, findings)
        else:
            check_region(region, resources, findings)
        builtin = len(resources) - sum(custom.values())
        if findings:
            failed += 1
            print(f"[k8s] FAIL {label}: {len(findings)} finding(s)")
            for finding in findings:
                print(f"[k8s]   - {finding}")
        else:
            print(
                f"[k8s] ok   {label}: {len(resources)} resources, {builtin} built-in validated "
                f"strictly (Kubernetes {KUBERNETES_VERSION}), {sum(custom.values())} custom "
                "checked structurally"
            )
    print("[k8s] custom resources without a bundled schema (structural checks only):")
    for kind, count in sorted(custom_seen.items()):
        print(f"[k8s]   {kind}: {count}")
    if failed:
        print(f"[k8s] {failed} target(s) failed")
        return 1
    print(f"[k8s] {len(targets)} targets rendered and validated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
