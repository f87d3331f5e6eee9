# The README's two commands are `make run` and `make test`; the rest are the daily habits.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run dev test test-backend lint fmt typecheck install bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python -m jobtracker serve --host $(HOST) --port $(PORT)

dev: $(STAMP)
	$(BIN)/python -m jobtracker serve --reload --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

fmt: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

test-backend: $(STAMP)
	$(BIN)/pytest

test: lint typecheck test-backend

bench: $(STAMP)
	@echo "no benchmarks yet"

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
