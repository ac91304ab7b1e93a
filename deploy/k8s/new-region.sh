#!/usr/bin/env bash
# `make new-region NAME=<slug>`: a new region overlay from deploy/k8s/template/region, then the
# generated national mirror refreshed, and the handful of files to review printed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NAME="${1:-}"
die() { printf '[k8s] ERROR: %s\n' "$*" >&2; exit 1; }

[ -n "$NAME" ] || die "usage: make new-region NAME=<region-slug>  (e.g. NAME=banjarbaru)"
# The same rule as contracts.vocabulary.Region: lowercase slug, 2-40 characters.
[[ "$NAME" =~ ^[a-z][a-z0-9-]{1,39}$ ]] || die "'$NAME' is not a region slug (^[a-z][a-z0-9-]{1,39}$)"
DEST="$ROOT/deploy/k8s/overlays/$NAME"
[ -e "$DEST" ] && die "deploy/k8s/overlays/$NAME exists already"

mkdir -p "$DEST"
for file in "$ROOT"/deploy/k8s/template/region/*; do
  sed "s/REGION_SLUG/$NAME/g" "$file" >"$DEST/$(basename "$file")"
done
sed -i '/^# Region overlay TEMPLATE/,/^# `make k8s-check` like a real region, so it never rots.$/d' "$DEST/kustomization.yaml"
sed -i "1i # Region $NAME (made by \`make new-region\` from deploy/k8s/template/region)." "$DEST/kustomization.yaml"
"$ROOT/.venv/bin/python" "$ROOT/deploy/k8s/topics.py" write >/dev/null

cat <<MSG
[k8s] created deploy/k8s/overlays/$NAME. Review and commit these files:
  deploy/k8s/overlays/$NAME/region.env          host, IdP (JWKS URL, issuer), UTC offset, telemetry backend
  deploy/k8s/overlays/$NAME/secret-store.yaml   the region's secret backend (Vault path and auth role)
  deploy/k8s/overlays/$NAME/kustomization.yaml  components (usually unchanged)
  deploy/k8s/overlays/$NAME/namespace.yaml      namespace kinerja-$NAME (usually unchanged)
  deploy/k8s/national/mirror.yaml                  regenerated: the national MirrorMaker 2 now mirrors $NAME
Then: make k8s-check, create the secrets in the region's backend, and follow
docs/operations/runbook.md ("Deploy a region").
MSG
