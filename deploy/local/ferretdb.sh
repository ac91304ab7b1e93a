#!/usr/bin/env bash
# Builds (Go module proxy), starts, stops and reports FerretDB 1.x on SQLite: the local
# MongoDB-wire store. Usage: ferretdb.sh build|start|stop|status
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FERRET_HOME="$LOCAL_DIR/ferretdb-$FERRETDB_VERSION"
PATCH_LEVEL=1 # bump when a patch in deploy/local/ferretdb changes, so old builds are not reused
BIN="$FERRET_HOME/ferretdb-p$PATCH_LEVEL"
FERRET_DATA="$DATA_DIR/ferretdb-$MONGO_PORT"
LOG="$RUN_DIR/ferretdb.log"
SRC="$ROOT/deploy/local/ferretdb"

build() {
  if [ -x "$BIN" ]; then return 0; fi
  command -v go >/dev/null || die "Go is needed to build FerretDB"
  say "building FerretDB $FERRETDB_VERSION from the Go module proxy (first run only; takes minutes)"
  mkdir -p "$FERRET_HOME"
  export GOTOOLCHAIN=local GOFLAGS=-buildvcs=false GOCACHE="$LOCAL_DIR/go-cache"
  # The upstream module, patched in a copy (ADR 016): its _id index is otherwise never used.
  local module="github.com/FerretDB/FerretDB" work="$FERRET_HOME/build"
  (cd "$SRC" && go mod download "$module") || die "could not download $module@v$FERRETDB_VERSION"
  rm -rf "$work" && mkdir -p "$work"
  cp -r "$(cd "$SRC" && go list -m -f '{{.Dir}}' "$module")" "$work/ferretdb"
  chmod -R u+w "$work/ferretdb"
  patch -s -d "$work/ferretdb" -p1 <"$SRC/id-index.patch" || die "could not patch $module"
  cp "$SRC/main.go" "$SRC/go.mod" "$SRC/go.sum" "$work/"
  (cd "$work" && go mod edit -replace "$module=./ferretdb" && go build -o "$BIN.tmp" .) \
    || die "could not build $module@v$FERRETDB_VERSION (see output above)"
  mv "$BIN.tmp" "$BIN"
  rm -rf "$work"
}

start() {
  if pid="$(live_pid ferretdb)"; then
    say "ferretdb already running (pid $pid) on 127.0.0.1:$MONGO_PORT"
    return 0
  fi
  port_open "$MONGO_PORT" && die "port $MONGO_PORT is taken by another process"
  build
  mkdir -p "$FERRET_DATA"
  say "starting ferretdb $FERRETDB_VERSION on 127.0.0.1:$MONGO_PORT"
  nohup "$BIN" -listen-addr "127.0.0.1:$MONGO_PORT" -sqlite-dir "$FERRET_DATA" >>"$LOG" 2>&1 &
  echo $! >"$RUN_DIR/ferretdb.pid"
  wait_port ferretdb "$MONGO_PORT" 60 "$LOG"
  "$ROOT/.venv/bin/python" "$ROOT/deploy/local/ready.py" mongo "127.0.0.1:$MONGO_PORT" --seconds 30 \
    || die "ferretdb did not answer a ping; see $LOG"
  say "ferretdb ready"
}

status() {
  if pid="$(live_pid ferretdb)"; then
    say "ferretdb: running (pid $pid) on 127.0.0.1:$MONGO_PORT, data $FERRET_DATA"
  else
    say "ferretdb: stopped"
  fi
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop_pid ferretdb ;;
  status) status ;;
  *) die "usage: ferretdb.sh build|start|stop|status" ;;
esac
