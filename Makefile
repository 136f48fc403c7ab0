# The two quick-start commands: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: run test verify lint typecheck pytest migrate seed bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

## Migrate the SQLite database (or DATABASE_URL), load demo content if empty, and serve.
run: $(VENV)/.installed
	$(BIN)/python -m app.cli serve

migrate: $(VENV)/.installed
	$(BIN)/python -m app.cli migrate

seed: $(VENV)/.installed
	$(BIN)/python -m app.cli seed

## Lint, type-check, lint the Dockerfile, and run the tests (TEST_DATABASE_URL picks the database).
test: $(VENV)/.installed-dev lint typecheck pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hadolint Dockerfile

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy app tests

pytest: $(VENV)/.installed-dev
	$(BIN)/pytest

## Every hardening check with thorough settings, on SQLite and PostgreSQL, then a one-screen
## summary (verify/__main__.py): ~20 min. Narrow it with VERIFY_ARGS="--only tests,crash".
verify: $(VENV)/.installed-dev
	$(BIN)/python -m verify $(VERIFY_ARGS)

## Load benchmark (bench/README.md): small data set, 2 s warm-up + 5 s per scenario, < 3 min.
## Add flags with BENCH_ARGS, e.g. make bench BENCH_ARGS="--scale large --budget 0".
bench: $(VENV)/.installed-dev
	$(BIN)/python -m bench --scale small --duration 5 --warmup 2 --budget 175 $(BENCH_ARGS)

clean:
	rm -rf $(VENV) smart_meditation.db smart_meditation.db-wal smart_meditation.db-shm
