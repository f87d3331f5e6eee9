# The README's two commands are `make run` and `make test`; the rest are the daily habits.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
NPM ?= npm
FRONTEND := frontend
UI_DEPS := $(FRONTEND)/node_modules/.ci-stamp
UI_BUILD := src/jobtracker/static/index.html
UI_SOURCES := $(shell find $(FRONTEND)/src -type f 2>/dev/null) $(wildcard $(FRONTEND)/index.html \
	$(FRONTEND)/vite.config.ts $(FRONTEND)/tsconfig*.json $(FRONTEND)/package.json)

.PHONY: run dev test test-backend lint fmt typecheck install bench clean ui api-client

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The web UI: `npm ci` when the lock file changes, a build when any frontend source does.
$(UI_DEPS): $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && $(NPM) ci --no-audit --no-fund
	touch $@

$(UI_BUILD): $(UI_DEPS) $(UI_SOURCES)
	cd $(FRONTEND) && $(NPM) run build
	touch $@

ui: $(UI_BUILD)

# Regenerate the UI's typed API client from the backend's schema; commit both files.
api-client: $(STAMP) $(UI_DEPS)
	$(BIN)/python -m jobtracker openapi > $(FRONTEND)/openapi.json
	cd $(FRONTEND) && npx --no-install openapi-typescript openapi.json -o src/api/schema.d.ts

run: $(STAMP) ui
	$(BIN)/python -m jobtracker serve --host $(HOST) --port $(PORT)

# Backend with reload on :$(PORT) and Vite with hot reload on :5173 (proxying /api to it).
dev: $(STAMP) $(UI_DEPS)
	@echo "Open http://127.0.0.1:5173 (UI with hot reload); the API runs on http://$(HOST):$(PORT)"
	trap 'kill 0' INT TERM EXIT; \
	$(BIN)/python -m jobtracker serve --reload --host $(HOST) --port $(PORT) & \
	cd $(FRONTEND) && JOBTRACKER_API=http://$(HOST):$(PORT) $(NPM) run dev

lint: $(STAMP) $(UI_DEPS)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	cd $(FRONTEND) && $(NPM) run --silent typecheck

fmt: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

test-backend: $(STAMP)
	$(BIN)/pytest

test: ui lint typecheck test-backend

# The dashboard, load and API benchmarks need the local PostgreSQL; each records its figures,
# even on a miss.
bench: $(STAMP) ui
	$(BIN)/python bench/ui_bundle.py
	status=0; for benchmark in analytics export load api; do \
	  $(BIN)/python -m bench.$$benchmark || status=1; done; exit $$status

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
