# refterm: `make run` opens the app, `make test` runs the whole suite, `make install` puts
# `refterm` on the PATH.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test check lint types demo bench screenshots clean install uninstall messages

# The interface catalogs: edited as .po, compiled to .mo by the package build (hatch_build.py),
# so editing one reinstalls the package.
POS := $(wildcard refterm/locale/*/LC_MESSAGES/refterm.po)

# `make install`: refterm in a virtual environment of its own (never the system's Python, which
# Debian and Ubuntu refuse to pip into), its command linked into a folder on the PATH.
ROOT := $(filter 0,$(shell id -u))
INSTALL_DIR ?= $(if $(ROOT),/opt/refterm,$(HOME)/.local/lib/refterm)
BIN_DIR ?= $(if $(ROOT),/usr/local/bin,$(HOME)/.local/bin)

$(STAMP): pyproject.toml hatch_build.py $(POS)
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

# Bytecode, and pytest's rewritten test modules, are cached in .venv even where
# PYTHONDONTWRITEBYTECODE is set: otherwise every xdist worker compiles every test module again.
test: $(TEST_STAMP)
	env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX=$(CURDIR)/$(VENV)/pycache \
	  $(BIN)/python -m pytest -q -n auto $(PYTEST_ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check refterm tests benchmarks
	$(BIN)/ruff format --check refterm tests benchmarks

types: $(TEST_STAMP)
	$(BIN)/mypy

check: lint types test

# refterm's modules run from bytecode, as an installed package's do (pip compiles them) and as
# Textual's do for the bare app it is timed against: the same cache as `make test`.
bench: $(TEST_STAMP)
	env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX=$(CURDIR)/$(VENV)/pycache \
	  $(BIN)/python -m benchmarks

screenshots: $(STAMP)
	$(BIN)/python -m refterm.screenshots screenshots

# `make messages`: gather every string marked for translation from the code into the .po
# catalogs (new ones arrive untranslated, gone ones leave); then translate, and `make test`.
messages: $(TEST_STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg -k counted:2,3 --add-comments=i18n: \
	  --no-location --sort-output -o $(VENV)/refterm.pot refterm
	$(BIN)/pybabel -q update -i $(VENV)/refterm.pot -d refterm/locale -D refterm \
	  --no-fuzzy-matching --ignore-obsolete --width=100

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

install:
	$(PYTHON) -m venv --clear $(INSTALL_DIR)
	$(INSTALL_DIR)/bin/python -m pip install --quiet --upgrade pip
	$(INSTALL_DIR)/bin/python -m pip install --quiet .
	mkdir -p $(BIN_DIR)
	ln -sf $(INSTALL_DIR)/bin/refterm $(BIN_DIR)/refterm
	@case ":$$PATH:" in \
	  *":$(BIN_DIR):"*) echo "refterm is installed in $(BIN_DIR): type  refterm";; \
	  *) echo "refterm is installed in $(BIN_DIR), which is not on your PATH yet:"; \
	     echo "  echo 'export PATH=\"$(BIN_DIR):\$$PATH\"' >> ~/.profile"; \
	     echo "then open a new terminal and type  refterm";; \
	esac

uninstall:
	rm -f $(BIN_DIR)/refterm
	rm -rf $(INSTALL_DIR)
	@echo "refterm removed; your database and settings stay (refterm locate showed where)"
