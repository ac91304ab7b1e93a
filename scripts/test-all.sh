#!/usr/bin/env bash
# `make test`: lint, then every test layer against fresh test infrastructure that this script
# starts on its own ports and always stops again, whatever happened.
set -euo pipefail
cd "$(dirname "$0")/.."

export KINERJA_KAFKA_PORT="${KINERJA_KAFKA_PORT:-19192}"
export KINERJA_KAFKA_CONTROLLER_PORT="${KINERJA_KAFKA_CONTROLLER_PORT:-19193}"
export KINERJA_MONGO_PORT="${KINERJA_MONGO_PORT:-27217}"
export KINERJA_DATA_DIR="$PWD/.local/test-data"
export KINERJA_TEST_KAFKA="127.0.0.1:$KINERJA_KAFKA_PORT"
export KINERJA_TEST_MONGO="127.0.0.1:$KINERJA_MONGO_PORT"
export KINERJA_RUN_DIR="$PWD/.local/run/test"

make --no-print-directory lint
bash scripts/ensure-chromium.sh
make --no-print-directory k8s-check

cleanup() { bash deploy/local/infra.sh down || true; }
trap cleanup EXIT
bash deploy/local/infra.sh down >/dev/null 2>&1 || true
rm -rf "$KINERJA_DATA_DIR"
bash deploy/local/infra.sh up

echo "[test] unit + contract + integration + e2e"
.venv/bin/python -m pytest tests -q -p no:cacheprovider --durations=10
