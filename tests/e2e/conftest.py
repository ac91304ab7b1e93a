"""End-to-end layer: the five services as real processes on the real broker and store."""

import os
from collections.abc import Iterator
from uuid import uuid4

import httpx
import pytest

from tests.e2e.stackctl import BASE_PORT, KAFKA, MONGO, Stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    # Every simulated person signs in from 127.0.0.1: one address for a whole office.
    os.environ.setdefault("GATEWAY_LOGIN_RATE_LIMIT", "1000/minute")
    run_dir = tmp_path_factory.mktemp("stack")
    running = Stack(run_dir)
    suffix = uuid4().hex[:8]
    started = running.stack(
        "start",
        "--base-port",
        str(BASE_PORT),
        "--kafka",
        KAFKA,
        "--mongo",
        MONGO,
        "--db-prefix",
        f"e2e_{suffix}",
        "--group-suffix",
        f"e2e{suffix}",
        "--environment",
        "test",
        # The demo regions only: integration tests running meanwhile use their own regions.
        "--regions",
        "palangkaraya,pematangsiantar",
    )
    print(started.stdout, started.stderr)
    try:
        assert started.returncode == 0, (
            f"stack did not start:\n{started.stdout}\n{started.stderr}\n"
            + "\n".join(
                f"--- {log.name}\n{log.read_text()[-3000:]}" for log in run_dir.glob("*.log")
            )
        )
        yield running
    finally:
        running.stack("stop")


@pytest.fixture
def client(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.gateway, timeout=20) as http:
        yield http
