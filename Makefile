# The two set-up commands of the README: `make run` and `make test`. Each installs its lock file into
# .venv, creating .venv when missing and installing again when the lock or pyproject.toml is newer than
# the stamp: requirements.lock (run time and both chat platforms) for `make run`, requirements-dev.lock
# (that plus the test, lint and benchmark tools) for `make test`, `make lint`, `make bench` and `make eval`.
# `make lock` writes both lock files from pyproject.toml.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(BIN)/.installed-run
DEV_STAMP := $(BIN)/.installed-dev
PIP := $(BIN)/pip install --quiet --disable-pip-version-check
CHROMIUM := /usr/bin/chromium
APT_ENV := env DEBIAN_FRONTEND=noninteractive
LINT_PATHS := bot search tests tools
TYPED_PATHS := bot search

.PHONY: run test bench eval lint lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Every package comes pinned with its hashes from the lock, setuptools included, so the project itself
# installs without a build environment of its own (--no-build-isolation) and adds no package (--no-deps).
# An editable install compiles nothing; compiled modules keep a cold `dossier ask` short even where
# PYTHONDONTWRITEBYTECODE stops Python from writing them itself.
$(RUN_STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(PIP) --require-hashes -r requirements.lock
	$(PIP) --no-deps --no-build-isolation -e .
	@$(BIN)/python -m compileall -q bot search
	@touch $@

$(DEV_STAMP): requirements-dev.lock pyproject.toml | $(BIN)/python
	$(PIP) --require-hashes -r requirements-dev.lock
	$(PIP) --no-deps --no-build-isolation -e .
	@$(BIN)/python -m compileall -q bot search
	@touch $@

run: $(RUN_STAMP)
	$(BIN)/dossier run

test: $(DEV_STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest -q

# The browser test drives Debian's chromium (never a browser Playwright downloads). Installed only
# when missing, as root (CI) or through password-less sudo; otherwise the message says what to do.
$(CHROMIUM):
	@command -v apt-get >/dev/null 2>&1 || { echo "The browser test needs chromium at $(CHROMIUM)." >&2; exit 1; }
	@if [ "$$(id -u)" -eq 0 ]; then as_root=""; else as_root="sudo -n"; fi; \
	echo "Installing chromium for the browser test"; \
	$$as_root $(APT_ENV) apt-get update -qq && $$as_root $(APT_ENV) apt-get install -y -qq chromium >/dev/null \
	|| { echo "Could not install chromium: run 'apt-get install chromium' as root." >&2; exit 1; }

eval: $(DEV_STAMP)
	$(BIN)/python tools/evaluate.py eval/dev-questions.json

# Both checks run even when the first fails, so one run shows every finding.
lint: $(DEV_STAMP)
	@status=0; \
	echo "ruff check $(LINT_PATHS)"; $(BIN)/ruff check $(LINT_PATHS) || status=1; \
	echo "mypy $(TYPED_PATHS)"; $(BIN)/mypy $(TYPED_PATHS) || status=1; \
	exit $$status

bench: $(DEV_STAMP)
	$(BIN)/python tools/bench.py

# pip-tools runs from a venv of its own, outside the project. The locks name only packages of the
# default index: pip's configuration files and PIP_* locations of the machine are left out, so no
# local mirror, wheel folder or constraint reaches them. The development lock is held to the run-time
# lock's pins, so `make test` only adds packages to a venv that `make run` made. pip-compile keeps the
# pins it finds in an existing lock: `make lock LOCK_ARGS=--upgrade` moves them all to the newest releases.
# The locks are for the CPython 3.11 on Linux of the Dockerfile; run `make lock` with that Python.
LOCK_VENV := $(or $(TMPDIR),/tmp)/dossier-pip-tools
PIP_TOOLS_VERSION := 7.7.0
PIP_COMPILE_TOOL := $(LOCK_VENV)/.pip-tools-$(PIP_TOOLS_VERSION)
LOCK_ENV := env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL -u PIP_CONSTRAINT \
	PIP_CONFIG_FILE=/dev/null CUSTOM_COMPILE_COMMAND="make lock"
PIP_COMPILE := $(LOCK_ENV) $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--all-build-deps --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)

lock: $(PIP_COMPILE_TOOL)
	$(PIP_COMPILE) --extra all --output-file requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra all --extra dev --constraint requirements.lock --output-file requirements-dev.lock pyproject.toml

$(PIP_COMPILE_TOOL):
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_ENV) $(LOCK_VENV)/bin/pip install --quiet --disable-pip-version-check pip-tools==$(PIP_TOOLS_VERSION)
	@touch $@

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
