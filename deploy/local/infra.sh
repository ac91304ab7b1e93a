#!/usr/bin/env bash
# Brings the whole local infrastructure (Kafka + FerretDB) up, down, or reports it.
# Usage: infra.sh up|down|status|prepare
here="$(dirname "${BASH_SOURCE[0]}")"
set -euo pipefail
case "${1:-}" in
  prepare) bash "$here/kafka.sh" fetch && bash "$here/ferretdb.sh" build ;;
  up) bash "$here/ferretdb.sh" start && bash "$here/kafka.sh" start ;;
  down) bash "$here/kafka.sh" stop; bash "$here/ferretdb.sh" stop ;;
  status) bash "$here/kafka.sh" status; bash "$here/ferretdb.sh" status ;;
  *) echo "usage: infra.sh up|down|status|prepare" >&2; exit 2 ;;
esac
