# Shared helpers for the local infrastructure scripts: versions, folders, pid files, waiting.
# Sourced, never run. Every path lives under one git-ignored folder keyed by version.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_DIR="${KINERJA_LOCAL_DIR:-$ROOT/.local}"
RUN_DIR="${KINERJA_RUN_DIR:-$LOCAL_DIR/run}"
DATA_DIR="${KINERJA_DATA_DIR:-$LOCAL_DIR/data}"

KAFKA_VERSION="4.1.1"
LOG4J_VERSION="2.24.3"
FERRETDB_VERSION="1.24.2"

KAFKA_PORT="${KINERJA_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KINERJA_KAFKA_CONTROLLER_PORT:-19093}"
MONGO_PORT="${KINERJA_MONGO_PORT:-27117}"

mkdir -p "$RUN_DIR" "$DATA_DIR"

say() { printf '[infra] %s\n' "$*"; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

# Prints the pid recorded in a pid file when that process is still alive; cleans stale files.
live_pid() {
  local pidfile="$RUN_DIR/$1.pid"
  [ -f "$pidfile" ] || return 1
  local pid
  pid="$(cat "$pidfile")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    echo "$pid"
    return 0
  fi
  rm -f "$pidfile"
  return 1
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits until a port accepts connections, failing early when the process died.
wait_port() {
  local name="$1" port="$2" seconds="$3" log="$4" i
  for ((i = 0; i < seconds * 4; i++)); do
    port_open "$port" && return 0
    live_pid "$name" >/dev/null || die "$name exited during start-up; last log lines:
$(tail -n 30 "$log" 2>/dev/null)"
    sleep 0.25
  done
  die "$name did not open port $port within ${seconds}s; see $log"
}

# Stops a process by its pid file: TERM, then KILL after a grace period.
stop_pid() {
  local name="$1" pid i
  if ! pid="$(live_pid "$name")"; then
    say "$name is not running"
    return 0
  fi
  say "stopping $name (pid $pid)"
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 80; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  rm -f "$RUN_DIR/$name.pid"
}
