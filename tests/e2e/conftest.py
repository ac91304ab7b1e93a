"""End-to-end layer: the five services as real processes on the real broker and store."""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
KAFKA = os.environ.get("KINERJA_TEST_KAFKA", "127.0.0.1:19092")
MONGO = os.environ.get("KINERJA_TEST_MONGO", "127.0.0.1:27117")
BASE_PORT = int(os.environ.get("KINERJA_E2E_BASE_PORT", "18100"))


class Stack:
    """How to reach and control the running stack."""

    def __init__(self, run_dir: Path) -> None:
        self.run_dir = run_dir
        self.gateway = f"http://127.0.0.1:{BASE_PORT}"
        self.kafka = KAFKA

    def stack(self, *command: str) -> subprocess.CompletedProcess[str]:
        args = [
            sys.executable,
            str(ROOT / "deploy/local/stack.py"),
            *command,
            "--run-dir",
            str(self.run_dir),
        ]
        return subprocess.run(args, capture_output=True, text=True, timeout=180, check=False)  # noqa: S603

    def kill(self, service: str) -> None:
        """Take one service down (SIGKILL), as a crash would."""
        pid = int((self.run_dir / f"{service}.pid").read_text())
        os.kill(pid, 9)


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
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


def login(client: httpx.Client, nip: str) -> dict[str, str]:
    """Demo sign-in through the gateway; returns the bearer header."""
    answer = client.post("/api/v1/auth/demo-login", json={"nip": nip})
    assert answer.status_code == 200, answer.text
    return {"authorization": f"Bearer {answer.json()['access_token']}"}
