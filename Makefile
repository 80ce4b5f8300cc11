# The entry point for people and CI: `make help` lists every target.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
PYTEST_FLAGS ?=
FUZZ_EXAMPLES ?= 20000

.PHONY: help install check docs site serve report bench golden test fuzz lint format schema links constraints clean

help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $@

$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(INSTALLED) $(NODE_INSTALLED) ## Create .venv and install pinned Python and npm dependencies.

check: $(INSTALLED) ## Validate every record in content/ (warnings fail too).
	$(PY) -m generator check --strict

docs: install ## Generate the site's Markdown into build/docs/.
	$(PY) -m generator build --strict

site: install ## Generate and build the whole site into build/site/ (mkdocs build --strict).
	$(PY) -m generator site --strict

serve: install ## Live preview on http://127.0.0.1:8000 that regenerates when records or templates change.
	$(PY) -m generator serve

report: install ## Build the comparative report: build/report/report.html and report.pdf.
	$(PY) -m generator report

bench: install ## Run the scale benchmark and write BENCHMARKS.md.
	$(PY) -m generator.bench

golden: install ## Regenerate the golden Markdown tree in tests/golden/ from tests/fixtures/content/.
	$(PY) -m tests.golden

test: install ## Run the whole test suite (lint, types, unit, end-to-end, browser).
	$(VENV)/bin/ruff check generator tests
	$(VENV)/bin/mypy
	$(PY) -X warn_default_encoding -W error::EncodingWarning -m pytest $(PYTEST_FLAGS)

fuzz: install ## Fuzz check and rendering for long, with a new seed (FUZZ_EXAMPLES=20000 per test).
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest tests/test_fuzz.py -q -p no:cacheprovider

lint: install ## Run ruff and mypy.
	$(VENV)/bin/ruff check generator tests
	$(VENV)/bin/ruff format --check generator tests
	$(VENV)/bin/mypy

format: install ## Format the Python code.
	$(VENV)/bin/ruff check --fix generator tests
	$(VENV)/bin/ruff format generator tests

schema: install ## Regenerate the JSON Schemas in content/schema/ from the models.
	$(PY) -m generator schema

links: install ## Check every source URL on the network (opt-in; slow).
	$(PY) -m generator links

constraints: install ## Re-pin constraints.txt to what is installed.
	$(PY) -m pip freeze --exclude-editable | sed '/^incident-record/d' > constraints.txt

clean: ## Remove build/ (keeps .venv and node_modules).
	rm -rf build
