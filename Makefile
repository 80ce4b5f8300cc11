# The entry point for people and CI: `make help` lists every target.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
PYTEST_FLAGS ?=
SYSTEM_PACKAGES := .ci/system-packages.txt
APT_INSTALL := apt-get install -y --no-install-recommends

# The Debian packages that $(SYSTEM_PACKAGES) names for one target (site or test).
system_packages = $(shell awk '$$1 !~ /^\#/ && index("," $$2 ",", ",$(1),") { print $$1 }' $(SYSTEM_PACKAGES))

# Installs whichever of the packages $(1) dpkg-query does not report as installed: as root with
# apt-get, otherwise it stops with the exact command to run. Off Debian it only names them.
define require_packages
	@if ! command -v dpkg-query >/dev/null 2>&1; then \
	  echo "not a Debian system: make sure these (or your system's equivalents) are installed: $(1)"; \
	  exit 0; \
	fi; \
	missing=""; \
	for package in $(1); do \
	  dpkg-query -W -f='$${db:Status-Status}' "$$package" 2>/dev/null | grep -qx installed \
	    || missing="$$missing $$package"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "missing Debian packages:$$missing; install them with:" >&2; \
	  echo "  sudo $(APT_INSTALL)$$missing" >&2; \
	  exit 1; \
	fi; \
	echo "installing Debian packages:$$missing"; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(APT_INSTALL) -qq$$missing
endef

FUZZ_EXAMPLES ?= 20000

.PHONY: help system system-test install check docs site serve report bench golden test test-fast fuzz lint format schema links constraints clean

help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $@

$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

system: ## Install the Debian packages the site and report need, when missing (as root).
	$(call require_packages,$(call system_packages,site))

system-test: system ## Also install the Debian packages only the tests need (Chromium).
	$(call require_packages,$(call system_packages,test))

install: system $(INSTALLED) $(NODE_INSTALLED) ## Install Debian packages, then .venv and npm dependencies.

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

bench: install ## Run the scale benchmark (a first search in Chromium too) and write BENCHMARKS.md.
	$(call require_packages,$(call system_packages,bench))
	$(PY) -m generator.bench

golden: install ## Regenerate the golden Markdown tree in tests/golden/ from tests/fixtures/content/.
	$(PY) -m tests.golden

test: install system-test ## Run the whole test suite (lint, types, import contracts, unit, end-to-end, browser).
	$(VENV)/bin/ruff check generator tests
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(VENV)/bin/deptry .
	$(PY) -X warn_default_encoding -W error::EncodingWarning -m pytest $(PYTEST_FLAGS)

test-fast: install ## Run the unit and golden tests only (about a minute; no site, PDF or browser).
	$(PY) -X warn_default_encoding -W error::EncodingWarning -m pytest -m "not slow" $(PYTEST_FLAGS)

fuzz: install ## Fuzz check and rendering for long, with a new seed (FUZZ_EXAMPLES=20000 per test).
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest tests/test_fuzz.py -q -p no:cacheprovider

lint: install ## Run ruff, mypy, the import contracts between stages and deptry.
	$(VENV)/bin/ruff check generator tests
	$(VENV)/bin/ruff format --check generator tests
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(VENV)/bin/deptry .

format: install ## Format the Python code.
	$(VENV)/bin/ruff check --fix generator tests
	$(VENV)/bin/ruff format generator tests

schema: install ## Regenerate the JSON Schemas in content/schema/ from the models.
	$(PY) -m generator schema

links: install ## Check every source URL on the network (opt-in; slow).
	$(PY) -m generator links

constraints: install ## Re-pin constraints.txt to what is installed.
	{ grep '^#' constraints.txt; $(PY) -m pip freeze --exclude-editable | sed '/^incident-record/d'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

clean: ## Remove build/ (keeps .venv and node_modules).
	rm -rf build
