# Kinerja: every target is a thin wrapper; `make help` lists them.
SHELL := /bin/bash
# Trust the machine's certificate store (some networks re-sign registry TLS with a local CA).
export UV_SYSTEM_CERTS := 1
.DEFAULT_GOAL := help

UV_VERSION := 0.13.9
TOOLS := .local/tools
UV := $(TOOLS)/bin/uv
PY := .venv/bin/python

.PHONY: help install infra-prepare infra-up infra-down infra-status contracts lint test test-unit \
	test-contract test-integration test-e2e test-all-layers run stop status bench clean \
	images k8s-tools k8s-topics k8s-check new-region

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

$(UV):
	@echo "[install] bootstrapping uv $(UV_VERSION) into $(TOOLS)"
	@python3 -m venv $(TOOLS)
	@$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

install: $(UV) ## Install Python 3.11 dependencies from uv.lock into .venv
	@echo "[install] syncing the workspace from uv.lock"
	@$(UV) sync --frozen --python 3.11 --quiet

infra-prepare: install ## Fetch Kafka jars and build FerretDB (cached in .local/)
	@bash deploy/local/infra.sh prepare

infra-up: infra-prepare ## Start local Kafka + FerretDB (idempotent)
	@bash deploy/local/infra.sh up

infra-down: ## Stop local Kafka + FerretDB
	@bash deploy/local/infra.sh down

infra-status: ## Show whether Kafka and FerretDB run
	@bash deploy/local/infra.sh status

contracts: install ## Regenerate JSON Schema snapshots (refuses breaking changes)
	@echo "[contracts] writing contracts/schemas"
	@$(PY) -m contracts.snapshots write contracts/schemas

lint: install ## ruff, mypy (strict) and import-linter
	@echo "[lint] ruff"; .venv/bin/ruff check . && .venv/bin/ruff format --check .
	@echo "[lint] mypy"; .venv/bin/mypy
	@echo "[lint] import-linter"; .venv/bin/lint-imports

test-unit: install ## Unit tests (no infrastructure)
	@echo "[test] unit"; $(PY) -m pytest tests/unit -q

test-contract: install ## Contract tests (schema snapshots)
	@echo "[test] contract"; $(PY) -m pytest tests/contract -q

test-integration: install ## Integration tests against the running local Kafka + FerretDB
	@echo "[test] integration"; $(PY) -m pytest tests/integration -q

test-e2e: install ## End-to-end tests: all services as processes behind the gateway
	@bash scripts/ensure-chromium.sh
	@echo "[test] e2e"; $(PY) -m pytest tests/e2e -q

k8s-tools: ## Build the pinned kustomize into .local/tools (Go module proxy; cached)
	@bash deploy/k8s/kustomize.sh path >/dev/null

k8s-topics: install ## Regenerate KafkaTopic manifests and the national mirror from contracts
	@$(PY) deploy/k8s/topics.py write

k8s-check: install k8s-tools ## Render every overlay (kustomize) and validate it strictly
	@echo "[k8s] generated topics match contracts?"; $(PY) deploy/k8s/topics.py check
	@echo "[k8s] rendering and validating overlays"
	@$(PY) deploy/k8s/check.py --kustomize "$$(bash deploy/k8s/kustomize.sh path)"

new-region: install ## Add a region overlay: make new-region NAME=<slug>
	@bash deploy/k8s/new-region.sh "$(NAME)"

images: ## Build the five service images (needs a Docker engine)
	@bash scripts/images.sh

test: infra-prepare ## Everything: lint + k8s render/validate + unit + contract + integration + e2e on fresh test infrastructure
	@bash scripts/test-all.sh

run: infra-up ## Start infra + all services, load the demo region, print the URL
	@$(PY) deploy/local/stack.py start
	@$(PY) deploy/local/demo.py
	@echo
	@echo "Kinerja runs at http://127.0.0.1:8000  (sign in: http://127.0.0.1:8000/masuk, API docs: /docs)"
	@echo "Demo people (web sign-in, or POST /api/v1/auth/demo-login with {\"nip\": ...}):"
	@$(PY) -c "import glob, json; [print(f\"  {d['region']:<16} {e['nip']}  {e['name']:<32} {', '.join(e['roles'])}\") for f in sorted(glob.glob('deploy/local/demo/*.json')) for d in [json.load(open(f))] for e in d['employees']]"
	@echo "Stop everything with: make stop"

stop: ## Stop the services and the local infrastructure
	@$(PY) deploy/local/stack.py stop || true
	@bash deploy/local/infra.sh down

status: ## Show what runs
	@$(PY) deploy/local/stack.py status; bash deploy/local/infra.sh status

bench: infra-up ## Run the benchmarks (numbers printed, never asserted)
	@$(PY) bench/consumer_throughput.py --events 5000 --repeats 3
	@$(PY) bench/scoring_throughput.py --employees 2000 --events 100000

clean: stop ## Stop everything and delete local data (keeps downloaded jars and built binaries)
	@rm -rf .local/data .local/test-data .local/run
