# The README's two commands are `make run` and `make test`; the rest are the daily habits.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two installs from the locks in requirements/: what running needs (make run), and the test,
# lint and type-check tools on top (make test). Each has its stamp, so neither redoes the other.
APP_STAMP := $(VENV)/.installed-app
DEV_STAMP := $(VENV)/.installed-dev
APP_LOCK := requirements/app.txt
DEV_LOCK := requirements/dev.txt
HOST ?= 127.0.0.1
PORT ?= 8000
NPM ?= npm
FRONTEND := frontend
UI_DEPS := $(FRONTEND)/node_modules/.ci-stamp
UI_BUILD := src/jobtracker/static/index.html
LIGHTHOUSE_DEPS := bench/lighthouse/node_modules/.ci-stamp
UI_SOURCES := $(shell find $(FRONTEND)/src -type f 2>/dev/null) $(wildcard $(FRONTEND)/index.html \
	$(FRONTEND)/vite.config.ts $(FRONTEND)/tsconfig*.json $(FRONTEND)/package.json \
	$(FRONTEND)/scripts/*)

.PHONY: run dev test test-backend lint fmt typecheck install install-dev bench clean ui \
	api-client lock lock-upgrade extension bench-lighthouse bench-board

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Exact versions with their hashes, then the app itself (editable) without resolving again.
$(APP_STAMP): $(APP_LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r $(APP_LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	@$(BIN)/pip check || { echo "requirements/ lags pyproject.toml: run make lock"; exit 1; }
	touch $@

$(DEV_STAMP): $(DEV_LOCK) $(APP_STAMP)
	$(BIN)/pip install --quiet --require-hashes -r $(DEV_LOCK)
	touch $@

install: $(APP_STAMP)

install-dev: $(DEV_STAMP)

# After a change to the dependencies in pyproject.toml: the locks follow it and keep every
# other version as it is. `make lock-upgrade` moves everything to the newest allowed versions
# (then run `make test`). The dev lock takes the app lock's versions of what both need.
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --quiet --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock"

lock: $(DEV_STAMP)
	$(UV_COMPILE) $(UPGRADE) -o $(APP_LOCK)
	$(UV_COMPILE) $(UPGRADE) --extra dev -c $(APP_LOCK) -o $(DEV_LOCK)

lock-upgrade:
	$(MAKE) lock UPGRADE=--upgrade

# The web UI: `npm ci` when the lock file changes, a build when any frontend source does.
$(UI_DEPS): $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && $(NPM) ci --no-audit --no-fund
	touch $@

$(UI_BUILD): $(UI_DEPS) $(UI_SOURCES)
	cd $(FRONTEND) && $(NPM) run build
	touch $@

ui: $(UI_BUILD)

# Regenerate the UI's typed API client from the backend's schema; commit both files.
api-client: $(APP_STAMP) $(UI_DEPS)
	$(BIN)/python -m jobtracker openapi > $(FRONTEND)/openapi.json
	cd $(FRONTEND) && npx --no-install openapi-typescript openapi.json -o src/api/schema.d.ts

run: $(APP_STAMP) ui
	$(BIN)/python -m jobtracker serve --host $(HOST) --port $(PORT)

# Backend with reload on :$(PORT) and Vite with hot reload on :5173 (proxying /api to it).
dev: $(APP_STAMP) $(UI_DEPS)
	@echo "Open http://127.0.0.1:5173 (UI with hot reload); the API runs on http://$(HOST):$(PORT)"
	trap 'kill 0' INT TERM EXIT; \
	$(BIN)/python -m jobtracker serve --reload --host $(HOST) --port $(PORT) & \
	cd $(FRONTEND) && JOBTRACKER_API=http://$(HOST):$(PORT) $(NPM) run dev

lint: $(DEV_STAMP) $(UI_DEPS)
	$(BIN)/ruff check src tests bench extension
	$(BIN)/ruff format --check src tests bench extension
	cd $(FRONTEND) && $(NPM) run --silent typecheck

fmt: $(DEV_STAMP)
	$(BIN)/ruff format src tests bench extension
	$(BIN)/ruff check --fix src tests bench extension

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

# pytest-xdist: PYTEST_WORKERS processes, each with a PostgreSQL database of its own (see
# tests/conftest.py). --dist load hands tests out in collection order, where every SQLite test
# comes before every PostgreSQL one, so a worker migrates each database once; per-module
# grouping (loadscope) would switch and migrate again for every module. PYTEST_WORKERS=0 runs
# in this process; for a single test, plain `.venv/bin/pytest path::test` is serial.
# Three on two cores: browser and process tests spend much of their time waiting on another
# process, and 3 beat 2 on a mixed subset (247 s against 340 s).
PYTEST_WORKERS ?= 3
test-backend: $(DEV_STAMP)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist load

# The UI build, the linters and mypy need nothing from each other: they run side by side (each
# one's output printed whole when it ends), then the tests, which serve the built UI.
test:
	$(MAKE) --no-print-directory --output-sync=target -j3 ui lint typecheck
	$(MAKE) --no-print-directory test-backend

# The dashboard, load and API benchmarks need the local PostgreSQL, the API one also wrk
# (apt-get install wrk); each records its figures, even on a miss. The browser ones (a few
# minutes) drive the system Chromium on SQLite.
bench: $(DEV_STAMP) ui $(LIGHTHOUSE_DEPS)
	$(BIN)/python bench/ui_bundle.py
	status=0; for benchmark in analytics export load api extraction capture_extraction csv_import \
	  lighthouse board fit; do $(BIN)/python -m bench.$$benchmark || status=1; done; exit $$status

# Lighthouse lives in its own npm project, installed here and never by `make test`.
$(LIGHTHOUSE_DEPS): bench/lighthouse/package-lock.json
	cd bench/lighthouse && $(NPM) ci --no-audit --no-fund
	touch $@

bench-lighthouse: $(DEV_STAMP) ui $(LIGHTHOUSE_DEPS)
	$(BIN)/python -m bench.lighthouse

bench-board: $(DEV_STAMP) ui
	$(BIN)/python -m bench.board

# The browser extension, packaged for Chromium-based browsers and Firefox into extension/dist/.
extension:
	$(PYTHON) extension/build.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
