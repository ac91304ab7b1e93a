#!/usr/bin/env bash
# Installs the pinned kustomize into .local/tools (built once from the Go module proxy, then
# reused) and prints its path. Usage: kustomize.sh [path|version]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_DIR="${KINERJA_LOCAL_DIR:-$ROOT/.local}"
KUSTOMIZE_VERSION="5.8.1"
HOME_DIR="$LOCAL_DIR/tools/kustomize-$KUSTOMIZE_VERSION"
BIN="$HOME_DIR/kustomize"

say() { printf '[k8s] %s\n' "$*" >&2; }
die() { printf '[k8s] ERROR: %s\n' "$*" >&2; exit 1; }

if [ ! -x "$BIN" ]; then
  command -v go >/dev/null || die "Go is needed to build kustomize $KUSTOMIZE_VERSION"
  say "building kustomize $KUSTOMIZE_VERSION from the Go module proxy (first run only; 1-3 minutes)"
  mkdir -p "$HOME_DIR"
  GOTOOLCHAIN=local GOFLAGS=-buildvcs=false GOBIN="$HOME_DIR/.build" \
    GOCACHE="$LOCAL_DIR/go-cache" GOMODCACHE="${GOMODCACHE:-$(go env GOMODCACHE)}" \
    go install "sigs.k8s.io/kustomize/kustomize/v5@v$KUSTOMIZE_VERSION" \
    || die "could not build sigs.k8s.io/kustomize/kustomize/v5@v$KUSTOMIZE_VERSION (see output above)"
  mv "$HOME_DIR/.build/kustomize" "$BIN"
  rmdir "$HOME_DIR/.build" 2>/dev/null || true
fi

case "${1:-path}" in
  path) echo "$BIN" ;;
  version) echo "$KUSTOMIZE_VERSION" ;;
  *) die "usage: kustomize.sh [path|version]" ;;
esac
