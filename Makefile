# refterm: `make run` opens the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test check lint types demo bench screenshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(STAMP)
	$(BIN)/refterm $(ARGS)

demo: $(STAMP)
	test -f demo.db || $(BIN)/refterm --db demo.db demo
	$(BIN)/refterm --db demo.db $(ARGS)

test: $(TEST_STAMP)
	$(BIN)/python -m pytest -q -n auto $(PYTEST_ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check refterm tests benchmarks
	$(BIN)/ruff format --check refterm tests benchmarks

types: $(TEST_STAMP)
	$(BIN)/mypy

check: lint types test

bench: $(TEST_STAMP)
	$(BIN)/python -m benchmarks

screenshots: $(STAMP)
	$(BIN)/python -m refterm.screenshots screenshots

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
