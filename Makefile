# Two commands on a fresh machine: `make run` serves the API, `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The PostgreSQL server `make test` also runs the suite on; `make test POSTGRES=` skips that run.
POSTGRES ?= postgresql+psycopg://postgres@127.0.0.1:5432/postgres

.PHONY: install run test format examples draft-table bench-smoke screenshots clean

$(BIN)/conflict-facts: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,postgres,draft]'
	touch $@

# axe-core, which the browser tests inject into pages, pinned by package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

install: $(BIN)/conflict-facts node_modules/.package-lock.json

## Install, migrate and seed the embedded SQLite database, then serve on $(HOST):$(PORT).
run: install
	$(BIN)/conflict-facts migrate
	$(BIN)/conflict-facts seed
	$(BIN)/conflict-facts serve --host $(HOST) --port $(PORT)

## Lint, type-check and run the whole test suite on SQLite, then on PostgreSQL.
test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy app
	TEST_DATABASE_URL= $(BIN)/pytest
ifeq ($(POSTGRES),)
	@echo "POSTGRES is empty: the suite ran on SQLite only."
else
	TEST_DATABASE_URL='$(POSTGRES)' $(BIN)/pytest
endif

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Regenerate the OpenAPI response examples from the seed.
examples: install
	TEST_DATABASE_URL= UPDATE_EXAMPLES=1 $(BIN)/pytest tests/test_openapi.py -k examples

## Take every screenshot of the explorer, its cards and the docs again, into tests/artifacts/.
screenshots: install
	TEST_DATABASE_URL= $(BIN)/pytest -m browser -q -p no:cacheprovider

## The drafting table (docs/drafting.md): the dev-set drafts scored against their bundles.
draft-table: install
	$(BIN)/python -m tests.evaluate_draft

## The benchmark smoke CI runs: a 2,000-event database, a few seconds per server (needs wrk).
bench-smoke: install
	bench/run --quick

clean:
	rm -rf $(VENV) node_modules *.egg-info .mypy_cache .ruff_cache .pytest_cache conflict-facts.db* bench/.cache
