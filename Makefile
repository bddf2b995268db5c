# Two commands on a fresh machine: `make run` serves the API, `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The PostgreSQL server `make test` also runs the suite on; `make test POSTGRES=` skips that run.
POSTGRES ?= postgresql+psycopg://postgres@127.0.0.1:5432/postgres
# pytest-xdist workers per run (`make test JOBS=1` runs serially); idle workers steal queued
# tests. The tests marked `serial` (timing-sensitive) run alone afterwards.
JOBS ?= auto
PYTEST := $(BIN)/pytest -n $(JOBS) --dist worksteal
# How the locks are resolved: this kind of machine (Linux x86_64, CPython 3.11).
LOCK := $(BIN)/uv pip compile --quiet --generate-hashes \
	--python-version 3.11 --python-platform x86_64-manylinux_2_28

.PHONY: install system run test client docs lock format examples draft-table bench-smoke screenshots clean

# Exactly the locked versions (every hash checked), then the app and its client, editable.
$(BIN)/conflict-facts: pyproject.toml requirements-dev.lock clients/python/setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e . -e clients/python
	touch $@

# The client's generator, in a virtualenv of its own (it needs an older typer than the app).
.venv-client/bin/openapi-python-client: clients/generator.lock
	$(PYTHON) -m venv .venv-client
	.venv-client/bin/pip install --quiet --require-hashes --no-deps -r clients/generator.lock
	touch $@

# What the suite needs from npm, pinned by package-lock.json and kept here: the OpenAPI
# linters, and axe-core, which the browser tests inject into pages.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

install: $(BIN)/conflict-facts .venv-client/bin/openapi-python-client

## What the suite needs beside Python: Debian's chromium, wrk and npm, and the local PostgreSQL.
system:
	@scripts/system-packages '$(POSTGRES)'

## Install, migrate and seed the embedded SQLite database, then serve on $(HOST):$(PORT).
run: install
	$(BIN)/conflict-facts migrate
	$(BIN)/conflict-facts seed
	$(BIN)/conflict-facts serve --host $(HOST) --port $(PORT)

## Lint, type-check and run the whole test suite on SQLite, then on PostgreSQL.
test: system install node_modules/.package-lock.json
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy app
	TEST_DATABASE_URL= $(PYTEST) -m 'not serial'
	TEST_DATABASE_URL= $(BIN)/pytest -m serial
ifeq ($(POSTGRES),)
	@echo "POSTGRES is empty: the suite ran on SQLite only."
else
	TEST_DATABASE_URL='$(POSTGRES)' $(PYTEST) -m 'not serial'
	TEST_DATABASE_URL='$(POSTGRES)' $(BIN)/pytest -m serial
endif

## Regenerate the typed Python client in clients/python/ from the OpenAPI document.
client: install
	$(BIN)/python clients/generate.py

## The manual (docs/) as a site, in site/.
docs: install
	$(BIN)/mkdocs build --strict

## Resolve the dependencies again, with hashes: requirements.lock (the app and its PostgreSQL
## driver, for a deployment), requirements-dev.lock (every extra, for `make install`), and the
## client generator's own clients/generator.lock.
lock: install
	$(LOCK) pyproject.toml -c constraints.txt --extra postgres -o requirements.lock
	$(LOCK) pyproject.toml -c constraints.txt --all-extras -o requirements-dev.lock
	$(LOCK) clients/generator.in -o clients/generator.lock

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Regenerate the OpenAPI response examples from the seed.
examples: install
	TEST_DATABASE_URL= UPDATE_EXAMPLES=1 $(BIN)/pytest tests/test_openapi.py -k examples

## Take every screenshot of the explorer, its cards and the docs again, into tests/artifacts/.
screenshots: install node_modules/.package-lock.json
	TEST_DATABASE_URL= $(BIN)/pytest -m browser -q -p no:cacheprovider

## The drafting table (docs/drafting.md): the dev-set drafts scored against their bundles.
draft-table: install
	$(BIN)/python -m tests.evaluate_draft

## The benchmark smoke CI runs: a 2,000-event database, a few seconds per server (needs wrk).
bench-smoke: install system
	bench/run --quick

clean:
	rm -rf $(VENV) *.egg-info .mypy_cache .ruff_cache .pytest_cache conflict-facts.db* bench/.cache
	rm -rf node_modules site .venv-client
