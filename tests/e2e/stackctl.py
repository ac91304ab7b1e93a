"""Helpers of the end-to-end layer: control the service processes, sign in through the gateway."""

import os
import subprocess
import sys
from pathlib import Path

import httpx

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
        return subprocess.run(args, capture_output=True, text=True, timeout=180, check=False)

    def load_demo(self) -> subprocess.CompletedProcess[str]:
        """Run the demo loader against this stack (idempotent: it may run several times)."""
        command = [
            sys.executable,
            str(ROOT / "deploy/local/demo.py"),
            "--gateway",
            self.gateway,
            "--kafka",
            self.kafka,
        ]
        return subprocess.run(command, capture_output=True, text=True, timeout=400, check=False)

    def kill(self, service: str) -> None:
        """Take one service down (SIGKILL), as a crash would."""
        pid = int((self.run_dir / f"{service}.pid").read_text())
        os.kill(pid, 9)


def login(client: httpx.Client, nip: str) -> dict[str, str]:
    """Demo sign-in through the gateway; returns the bearer header."""
    answer = client.post("/api/v1/auth/demo-login", json={"nip": nip})
    assert answer.status_code == 200, answer.text
    return {"authorization": f"Bearer {answer.json()['access_token']}"}
