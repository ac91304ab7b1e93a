"""Start, stop or report the five Kinerja services as local processes (pid files, logs, readiness).

Used by ``make run`` and by the end-to-end tests, with different ports and database names.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("targets", "feedback", "scoring", "rewards", "gateway")
PORT_OFFSET = {"gateway": 0, "targets": 1, "feedback": 2, "scoring": 3, "rewards": 4}


def service_env(name: str, args: argparse.Namespace) -> dict[str, str]:
    """Environment of one service process: every setting under that service's own prefix."""
    prefix = name.upper() + "_"
    values = {
        "HTTP_PORT": str(args.base_port + PORT_OFFSET[name]),
        "KAFKA_BOOTSTRAP": args.kafka,
        "MONGO_URL": f"mongodb://{args.mongo}/?directConnection=true",
        "MONGO_DATABASE": f"{args.db_prefix}_{name}",
        "ENVIRONMENT": args.environment,
        "SERVICE_NAME": name if not args.group_suffix else f"{name}-{args.group_suffix}",
    }
    if args.regions:
        values["REGIONS"] = json.dumps(args.regions.split(","))
    if name == "feedback":
        # Ticket links (QR codes) point at this stack's gateway, whatever its port.
        values["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{args.base_port}"
    if name == "gateway":
        for upstream in SERVICES[:-1]:
            values[f"{upstream.upper()}_URL"] = (
                f"http://127.0.0.1:{args.base_port + PORT_OFFSET[upstream]}"
            )
        # Demo sign-in (API and web) offers the people of every demo region.
        values["DEMO_USERS_FILES"] = json.dumps(
            [str(path) for path in sorted(args.demo_dir.glob("*.json"))]
        )
    return os.environ | {prefix + key: value for key, value in values.items()}


def _pid(run_dir: Path, name: str) -> int | None:
    path = run_dir / f"{name}.pid"
    if not path.exists():
        return None
    pid = int(path.read_text().strip() or 0)
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        path.unlink(missing_ok=True)
        return None
    return pid


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback URL we built
            return bool(response.status == 200)
    except OSError:
        return False


def start(args: argparse.Namespace) -> int:
    """Start every service that is not running yet, then wait until each answers /health/ready."""
    args.run_dir.mkdir(parents=True, exist_ok=True)
    for name in SERVICES:
        if (pid := _pid(args.run_dir, name)) is not None:
            print(f"[stack] {name} already running (pid {pid})")
            continue
        log = (args.run_dir / f"{name}.log").open("ab")
        process = subprocess.Popen(  # noqa: S603 - our own console script
            [str(Path(sys.executable).parent / f"kinerja-{name}")],
            env=service_env(name, args),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        (args.run_dir / f"{name}.pid").write_text(str(process.pid))
        print(
            f"[stack] started {name} (pid {process.pid}) on port {args.base_port + PORT_OFFSET[name]}"
        )
    deadline = time.monotonic() + args.timeout
    for name in SERVICES:
        url = f"http://127.0.0.1:{args.base_port + PORT_OFFSET[name]}/health/ready"
        while not _ready(url):
            if _pid(args.run_dir, name) is None:
                print(
                    f"[stack] ERROR: {name} exited; see {args.run_dir / (name + '.log')}",
                    file=sys.stderr,
                )
                return 1
            if time.monotonic() > deadline:
                print(
                    f"[stack] ERROR: {name} not ready after {args.timeout}s; see its log",
                    file=sys.stderr,
                )
                return 1
            time.sleep(0.5)
        print(f"[stack] {name} ready")
    return 0


def stop(args: argparse.Namespace) -> int:
    """Stop every service by its pid file: TERM, then KILL after a grace period."""
    for name in reversed(SERVICES):
        pid = _pid(args.run_dir, name)
        if pid is None:
            continue
        os.kill(pid, signal.SIGTERM)
        for _ in range(60):
            if _pid(args.run_dir, name) is None:
                break
            time.sleep(0.25)
        else:
            os.kill(pid, signal.SIGKILL)
        (args.run_dir / f"{name}.pid").unlink(missing_ok=True)
        print(f"[stack] stopped {name}")
    return 0


def status(args: argparse.Namespace) -> int:
    """Print which services run."""
    for name in SERVICES:
        pid = _pid(args.run_dir, name)
        print(f"[stack] {name}: {f'running (pid {pid})' if pid else 'stopped'}")
    return 0


def main() -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["start", "stop", "status"])
    parser.add_argument("--base-port", type=int, default=8000)
    parser.add_argument(
        "--kafka", default=os.environ.get("KINERJA_KAFKA_BOOTSTRAP", "127.0.0.1:19092")
    )
    parser.add_argument(
        "--mongo", default=os.environ.get("KINERJA_MONGO_ADDRESS", "127.0.0.1:27117")
    )
    parser.add_argument("--db-prefix", default="kinerja")
    parser.add_argument("--group-suffix", default="", help="isolates consumer groups (tests)")
    parser.add_argument(
        "--regions", default="", help="comma-separated regions served (default: any region)"
    )
    parser.add_argument(
        "--environment", default="development", choices=["development", "test", "production"]
    )
    parser.add_argument("--run-dir", type=Path, default=ROOT / ".local" / "run" / "stack")
    parser.add_argument(
        "--demo-dir",
        type=Path,
        default=ROOT / "deploy" / "local" / "demo",
        help="demo region files",
    )
    parser.add_argument("--timeout", type=float, default=90)
    args = parser.parse_args()
    return {"start": start, "stop": stop, "status": status}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
