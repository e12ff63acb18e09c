# The two set-up commands of the README: `make run` and `make test`. Both build .venv from scratch
# when it is missing or older than pyproject.toml.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench eval lint clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: $(BIN)/.installed
	$(BIN)/dossier run

test: $(BIN)/.installed
	$(BIN)/python -m pytest -q

eval: $(BIN)/.installed
	$(BIN)/python tools/evaluate.py eval/dev-questions.json

lint: $(BIN)/.installed
	$(BIN)/ruff check bot search tests tools

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info

bench: $(BIN)/.installed
	$(BIN)/python tools/bench.py
