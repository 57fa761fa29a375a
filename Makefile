# Developer and CI entry points. GNU make; run `make help` for the list.

export NO_MKDOCS_2_WARNING := 1

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Address for `make serve`; override with `make serve ADDR=0.0.0.0:8000`.
ADDR ?= 127.0.0.1:8000
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-k smoke -x"`.
PYTEST_ARGS ?=
# Extra arguments for the benchmark, e.g. `make bench BENCH_ARGS="--runs 1"`; sizes: BENCH_N="100 1000".
BENCH_ARGS ?=
# Title of a new practice for `make practice TITLE="…"` (asked for when empty); passed
# through the environment, so quotes in it need no escaping.
TITLE ?=
export TITLE
# Source folders that `make serve` watches (only those that exist are passed).
WATCH_DIRS := content templates mentoring hooks overrides
WATCH_ARGS := $(foreach d,$(WATCH_DIRS),$(if $(wildcard $(d)),--watch $(d)))

CHROMIUM := /usr/bin/chromium
# The W3C Nu HTML Checker, from npm (package.json, package-lock.json: version and integrity).
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: help venv build serve check practice bench lint format browser-deps test clean distclean
.PHONY: validator-deps validate-html linkcheck validate

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  %-14s %s\n", $$1, $$2}'

# The virtualenv is (re)installed only from the hashed lock; nothing unpinned
# is upgraded. The stamp is touched only after every step succeeded.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

venv: $(STAMP) ## Create or update the virtualenv in .venv

build: $(STAMP) ## Build the site into site/ (strict)
	$(BIN)/mkdocs build --strict

serve: $(STAMP) ## Serve with live reload (ADDR=127.0.0.1:8000)
	$(BIN)/mkdocs serve --dev-addr $(ADDR) $(WATCH_ARGS)

check: $(STAMP) ## Validate the content alone (no site build)
	$(BIN)/python -m mentoring check

practice: $(STAMP) ## New practice from the template (TITLE="Название практики")
	$(BIN)/python -m mentoring new-practice --title "$$TITLE"

lint: $(STAMP) ## Lint and check formatting with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## Format and autofix with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

browser-deps: ## Install Debian Chromium for the browser tests (root only)
	@if [ -x $(CHROMIUM) ]; then \
		echo "browser-deps: $(CHROMIUM) is present"; \
	elif [ "$$(id -u)" = 0 ]; then \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update && \
		apt-get install -y --no-install-recommends chromium fonts-dejavu-core; \
	else \
		echo "browser-deps: $(CHROMIUM) is missing and this is not root." >&2; \
		echo "browser-deps: run as root: apt-get install -y --no-install-recommends chromium fonts-dejavu-core" >&2; \
		exit 1; \
	fi

# Java and npm from Debian (root only, like browser-deps), then the Nu HTML Checker pinned
# by version and integrity in package-lock.json (npm ci; no package scripts, see .npmrc).
validator-deps: ## Install Java (Debian) and the pinned W3C Nu HTML Checker (npm ci)
	@missing=""; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -z "$$missing" ]; then \
		echo "validator-deps: java and npm are present"; \
	elif [ "$$(id -u)" = 0 ]; then \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update && apt-get install -y --no-install-recommends $$missing; \
	else \
		echo "validator-deps: missing$$missing and this is not root." >&2; \
		echo "validator-deps: run as root: apt-get install -y --no-install-recommends$$missing" >&2; \
		exit 1; \
	fi
	@$(MAKE) --no-print-directory $(VNU_JAR)

$(VNU_JAR): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

validate-html: $(STAMP) validator-deps ## Check every page of site/ with the W3C Nu HTML Checker
	$(BIN)/python scripts/validate_site.py html site

linkcheck: $(STAMP) ## Check internal links and anchors of site/ with LinkChecker (no external hosts)
	$(BIN)/python scripts/validate_site.py links site

validate: validate-html linkcheck ## Both checks of the built site/ (make build first)

# Prerequisites run left to right: venv, Chromium, Java and the Nu checker, lint, then all
# tests (tests/unit, tests/build, tests/browser).
test: $(STAMP) browser-deps validator-deps lint ## Lint, then run every test
	$(BIN)/pytest $(PYTEST_ARGS)

bench: $(STAMP) ## Build times against plain MkDocs at N = 100, 1000, 5000 (BENCH_N, BENCH_ARGS)
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf site build .cache .pytest_cache .ruff_cache .hypothesis
	rm -rf *.egg-info
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +

distclean: clean ## Also remove the virtualenv and node_modules
	rm -rf $(VENV) node_modules
