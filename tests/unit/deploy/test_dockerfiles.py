"""Every service image: locked, production-only, non-root, read-only-root ready, one Dockerfile."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SERVICES = {"gateway": 8000, "targets": 8001, "feedback": 8002, "scoring": 8003, "rewards": 8004}


DOCKERFILE = ROOT / "deploy" / "docker" / "service.Dockerfile"


def dockerfile() -> str:
    return DOCKERFILE.read_text(encoding="utf-8")


def uv_version() -> str:
    match = re.search(r"^UV_VERSION := (\S+)$", (ROOT / "Makefile").read_text(), re.M)
    assert match
    return match.group(1)


def test_non_negotiables():
    text = dockerfile()
    assert text.count("ARG SERVICE\n") == 2, "built per service"
    assert "ARG PORT\n" in text
    assert re.search(r"^USER 10001:10001$", text, re.M), "runs as uid 10001, never root"
    assert 'ln -s "/app/.venv/bin/kinerja-$SERVICE" /app/service' in text
    assert text.rstrip().splitlines()[-1] == 'ENTRYPOINT ["/app/service"]'
    syncs = re.findall(r"uv sync ([^\n]+)", text)
    assert len(syncs) == 2
    for sync in syncs:
        assert "--frozen" in sync, "uv.lock is honoured"
        assert "--no-dev" in sync, "no dev dependencies in the image"
        assert '--package "$SERVICE"' in sync
    assert "--no-editable" in syncs[1], "the runtime stage needs no sources"
    assert f"FROM ghcr.io/astral-sh/uv:{uv_version()} AS uv" in text, "the project's uv pin"
    assert re.search(r"^ARG PYTHON_IMAGE=python:3\.11\.\d+-slim-\w+$", text, re.M), "pinned tag"
    assert "PYTHONDONTWRITEBYTECODE=1" in text
    assert "HOME=/tmp" in text
    assert "EXPOSE ${PORT}" in text
    # The last stage copies only the virtual environment.
    runtime = text.split("AS runtime", 1)[1]
    assert re.findall(r"^COPY .*$", runtime, re.M) == [
        "COPY --from=build --chown=0:0 /app/.venv /app/.venv"
    ]


def test_make_images_builds_each_service_with_its_port():
    script = (ROOT / "scripts" / "images.sh").read_text()
    for service, port in SERVICES.items():
        assert f"[{service}]={port}" in script


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_port_and_script_match_the_service(service):
    pyproject = tomllib.loads((ROOT / "services" / service / "pyproject.toml").read_text())
    assert f"kinerja-{service}" in pyproject["project"]["scripts"]
    settings = (ROOT / "services" / service / "src" / service / "settings.py").read_text()
    assert f"http_port: int = {SERVICES[service]}" in settings


def test_every_workspace_member_is_in_the_dependency_layer():
    root = tomllib.loads((ROOT / "pyproject.toml").read_text())
    members = []
    for pattern in root["tool"]["uv"]["workspace"]["members"]:
        members += [p.parent for p in ROOT.glob(f"{pattern}/pyproject.toml")]
    text = dockerfile()
    for member in members:
        rel = member.relative_to(ROOT).as_posix()
        assert f"COPY {rel}/pyproject.toml {rel}/" in text, f"{rel} missing: uv sync --frozen fails"


def test_build_context_leaves_out_local_state():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for path in (".venv", ".local", ".git", "tests"):
        assert path in ignored
