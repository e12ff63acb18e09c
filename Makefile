# The two set-up commands of the README: `make run` and `make test`. Both build .venv from scratch
# when it is missing or older than pyproject.toml.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium
APT_ENV := env DEBIAN_FRONTEND=noninteractive

.PHONY: run test bench eval lint clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	# An editable install compiles nothing; compiled modules keep a cold `dossier ask` short even where
	# PYTHONDONTWRITEBYTECODE stops Python from writing them itself.
	$(BIN)/python -m compileall -q bot search
	touch $@

run: $(BIN)/.installed
	$(BIN)/dossier run

test: $(BIN)/.installed $(CHROMIUM)
	$(BIN)/python -m pytest -q

# The browser test drives Debian's chromium (never a browser Playwright downloads). Installed only
# when missing, as root (CI) or through password-less sudo; otherwise the message says what to do.
$(CHROMIUM):
	@command -v apt-get >/dev/null 2>&1 || { echo "The browser test needs chromium at $(CHROMIUM)." >&2; exit 1; }
	@if [ "$$(id -u)" -eq 0 ]; then as_root=""; else as_root="sudo -n"; fi; \
	echo "Installing chromium for the browser test"; \
	$$as_root $(APT_ENV) apt-get update -qq && $$as_root $(APT_ENV) apt-get install -y -qq chromium >/dev/null \
	|| { echo "Could not install chromium: run 'apt-get install chromium' as root." >&2; exit 1; }

eval: $(BIN)/.installed
	$(BIN)/python tools/evaluate.py eval/dev-questions.json

lint: $(BIN)/.installed
	$(BIN)/ruff check bot search tests tools

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info

bench: $(BIN)/.installed
	$(BIN)/python tools/bench.py
