# syntax=docker/dockerfile:1
# The image of one service: the five images differ only in SERVICE and PORT, so one file builds
# them all (no five copies to drift apart). From the repository root (the uv workspace):
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=targets \
#     --build-arg PORT=8001 -t kinerja/targets:0.1.0 .                 (or: make images)
ARG PYTHON_IMAGE=python:3.11.14-slim-bookworm

FROM ghcr.io/astral-sh/uv:0.13.9 AS uv

# --- build: the service and its locked runtime dependencies in /app/.venv, nothing else ---
FROM ${PYTHON_IMAGE} AS build
ARG SERVICE
COPY --from=uv /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PYTHON=/usr/local/bin/python3.11 \
    UV_PROJECT_ENVIRONMENT=/app/.venv
WORKDIR /src
# Dependencies first (cached until uv.lock or a pyproject changes): the workspace's metadata.
COPY pyproject.toml uv.lock ./
COPY contracts/pyproject.toml contracts/
COPY libs/kit/pyproject.toml libs/kit/
COPY services/gateway/pyproject.toml services/gateway/
COPY services/targets/pyproject.toml services/targets/
COPY services/feedback/pyproject.toml services/feedback/
COPY services/scoring/pyproject.toml services/scoring/
COPY services/rewards/pyproject.toml services/rewards/
COPY tools/importer/pyproject.toml tools/importer/
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-install-workspace --package "$SERVICE"
# Then the code: workspace members installed as wheels (not editable), so /src is not needed.
COPY contracts contracts
COPY libs libs
COPY services services
COPY tools tools
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-editable --package "$SERVICE"

# --- runtime: the virtual environment only, as uid 10001, read-only root filesystem ready ---
FROM ${PYTHON_IMAGE} AS runtime
ARG SERVICE
ARG PORT
RUN groupadd --system --gid 10001 kinerja \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /tmp \
       --shell /usr/sbin/nologin kinerja
COPY --from=build --chown=0:0 /app/.venv /app/.venv
# One entry point name for every image: the service's console script.
RUN ln -s "/app/.venv/bin/kinerja-$SERVICE" /app/service
# Nothing writes outside /tmp (an emptyDir in Kubernetes): no bytecode, no home directory.
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/tmp \
    TMPDIR=/tmp \
    SERVICE_PORT=${PORT}
WORKDIR /tmp
USER 10001:10001
EXPOSE ${PORT}
# Kubernetes probes /health/*; this is for plain `docker run` (listen on 0.0.0.0 there with
# <PREFIX>_HTTP_HOST=0.0.0.0, as the manifests set it).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; sys.exit(urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"SERVICE_PORT\"]}/health/live', timeout=4).status != 200)"]
ENTRYPOINT ["/app/service"]
