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
# What the deploy tests start (sshd) and what deploy itself runs (ssh, rsync).
DEPLOY_TOOLS := /usr/sbin/sshd /usr/bin/ssh /usr/bin/rsync
DEPLOY_PACKAGES := openssh-server openssh-client rsync

.PHONY: help venv build serve check practice bench lint format browser-deps deploy-deps test \
	deploy rollback clean distclean editor-vendor

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

# The web editor /admin/: npm packages pinned by version and sha512 in mentoring/editor/vendor.json.
EDITOR_VENDOR := .cache/editor/.spec.json
$(EDITOR_VENDOR): mentoring/editor/vendor.json $(STAMP)
	$(BIN)/python -m mentoring.editor.vendor

editor-vendor: $(EDITOR_VENDOR) ## Fetch the editor's pinned npm files (npm pack + sha512 check)

build: $(STAMP) $(EDITOR_VENDOR) ## Build the site into site/ (strict)
	$(BIN)/mkdocs build --strict

serve: $(STAMP) $(EDITOR_VENDOR) ## Serve with live reload (ADDR=127.0.0.1:8000)
	$(BIN)/mkdocs serve --dev-addr $(ADDR) $(WATCH_ARGS)

check: $(STAMP) ## Find everything the build would refuse, without building (scripts/check.py)
	$(BIN)/python scripts/check.py

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

deploy-deps: ## Install OpenSSH server/client and rsync for deploy and its tests (root only)
	@if ls $(DEPLOY_TOOLS) >/dev/null 2>&1; then \
		echo "deploy-deps: $(DEPLOY_TOOLS) are present"; \
	elif [ "$$(id -u)" = 0 ]; then \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update && \
		apt-get install -y --no-install-recommends $(DEPLOY_PACKAGES); \
	else \
		echo "deploy-deps: some of $(DEPLOY_TOOLS) are missing and this is not root." >&2; \
		echo "deploy-deps: run as root: apt-get install -y --no-install-recommends $(DEPLOY_PACKAGES)" >&2; \
		exit 1; \
	fi

# Settings come from the environment: DEPLOY_HOST, DEPLOY_USER, DEPLOY_PATH, DEPLOY_SSH_KEY
# (or DEPLOY_SSH_KEY_FILE), DEPLOY_KNOWN_HOSTS (or _FILE), SITE_URL: README.md,
# «Публикация на российский хостинг по SSH».
deploy: $(STAMP) ## Build for SITE_URL and publish site/ over SSH in one switch (DEPLOY_* settings)
	$(BIN)/python -m mentoring.publish check
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m mentoring.publish deploy

rollback: $(STAMP) ## Switch the host back to the previous release in one step
	$(BIN)/python -m mentoring.publish rollback

# Prerequisites run left to right: venv, Chromium, OpenSSH and rsync, lint, then all tests
# (tests/unit, tests/build, tests/browser, tests/deploy).
test: $(STAMP) $(EDITOR_VENDOR) browser-deps deploy-deps lint ## Lint, then run every test
	$(BIN)/pytest $(PYTEST_ARGS)

bench: $(STAMP) ## Build times against plain MkDocs at N = 100, 1000, 5000 (BENCH_N, BENCH_ARGS)
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf site build .cache .pytest_cache .ruff_cache .hypothesis
	rm -rf *.egg-info
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +

distclean: clean ## Also remove the virtualenv
	rm -rf $(VENV)
