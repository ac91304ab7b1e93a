#!/usr/bin/env bash
# `make images`: build the five service images from deploy/docker/service.Dockerfile (context = repo root).
# Needs a running Docker engine; says so and exits 1 where there is none.
set -euo pipefail
cd "$(dirname "$0")/.."
TAG="${TAG:-0.1.0}"
PREFIX="${IMAGE_PREFIX:-kinerja}"
declare -A PORTS=([gateway]=8000 [targets]=8001 [feedback]=8002 [scoring]=8003 [rewards]=8004)
SERVICES=(gateway targets feedback scoring rewards)

if ! command -v docker >/dev/null 2>&1; then
  echo "[images] ERROR: docker is not installed; images need Docker (BuildKit). Nothing built." >&2
  exit 1
fi
if ! docker info >/dev/null 2>&1; then
  echo "[images] ERROR: the docker client is here but no Docker engine answers (docker info failed); nothing built." >&2
  exit 1
fi
for service in "${SERVICES[@]}"; do
  echo "[images] building $PREFIX/$service:$TAG"
  DOCKER_BUILDKIT=1 docker build -f deploy/docker/service.Dockerfile \
    --build-arg "SERVICE=$service" --build-arg "PORT=${PORTS[$service]}" -t "$PREFIX/$service:$TAG" .
done
echo "[images] built: ${SERVICES[*]/#/$PREFIX/} (tag $TAG)"
