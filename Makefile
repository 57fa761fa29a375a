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
# Tests run on two workers (pytest-xdist): CI and the developers' machines have two cores.
PYTEST_WORKERS ?= 2
# Extra arguments for the benchmark, e.g. `make bench BENCH_ARGS="--runs 1"`; sizes: BENCH_N="100 1000".
BENCH_ARGS ?=
# Title of a new entry, e.g. `make news TITLE="…"` (asked for when empty); passed through the
# environment, so quotes in it need no escaping. FILES: attached files, separated by spaces
# (a practice with files becomes a folder with them). The targets that make entries are the
# scaffolds of mentoring/kinds/registry.py (tests/unit/test_registry.py holds them together);
# `make help` lists them.
TITLE ?=
export TITLE
FILES ?=
# Day of the event for `make event TITLE="…" DATE=ГГГГ-ММ-ДД` (asked for when empty).
DATE ?=
export DATE
# Source folders that `make serve` watches (only those that exist are passed). Python in
# mentoring/ and hooks/ is not among them: MkDocs keeps hook modules (and what they import)
# loaded, so a change of code needs `make serve` restarted.
WATCH_DIRS := content templates overrides
WATCH_ARGS := $(foreach d,$(WATCH_DIRS),$(if $(wildcard $(d)),--watch $(d)))

# ProperDocs (the maintained fork of MkDocs 1.6) in a virtualenv of its own, from its own lock.
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_STAMP := $(PROPERDOCS_VENV)/.installed

CHROMIUM := /usr/bin/chromium
# What the deploy tests start (sshd) and what deploy itself runs (ssh, rsync).
DEPLOY_TOOLS := /usr/sbin/sshd /usr/bin/ssh /usr/bin/rsync
DEPLOY_PACKAGES := openssh-server openssh-client rsync
# npm tools, pinned by version and integrity in package-lock.json and installed together by
# `npm ci`: the W3C Nu HTML Checker and ESLint (eslint.config.mjs).
NPM_TOOLS := node_modules/.installed

.PHONY: help venv build serve check practice news document event bench lint format test clean distclean
.PHONY: browser-deps deploy-deps validator-deps deploy rollback validate-html linkcheck validate
.PHONY: properdocs-venv properdocs-check js-deps
.PHONY: editor-vendor

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  %-14s %s\n", $$1, $$2}'

# $(call install-venv,DIR): a recipe that (re)installs the virtualenv DIR from the hashed
# lock that is the rule's first prerequisite, then this project; nothing unpinned is
# upgraded. The stamp (the target) is touched only after every step succeeded.
define install-venv
	$(PYTHON) -m venv $(1)
	$(1)/bin/pip install --quiet --require-hashes -r $<
	$(1)/bin/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@
endef

$(STAMP): requirements.txt pyproject.toml
	$(call install-venv,$(VENV))

venv: $(STAMP) ## Create or update the virtualenv in .venv

# The web editor /admin/: npm packages pinned by version and sha512 in mentoring/editor/vendor.json.
EDITOR_VENDOR := .cache/editor/.spec.json
$(EDITOR_VENDOR): mentoring/editor/vendor.json $(STAMP)
	$(BIN)/python -m mentoring.editor.vendor

editor-vendor: $(EDITOR_VENDOR) ## Fetch the editor's pinned npm files (npm pack + sha512 check)

build: $(STAMP) $(EDITOR_VENDOR) ## Build the site into site/ (strict)
	$(BIN)/mkdocs build --strict

# hooks/serve.py is `mkdocs serve` that shows content errors as a page in the browser.
serve: $(STAMP) $(EDITOR_VENDOR) ## Serve with live reload (ADDR=127.0.0.1:8000)
	$(BIN)/python hooks/serve.py --dev-addr $(ADDR) $(WATCH_ARGS)

check: $(STAMP) ## Find everything the build would refuse, without building (scripts/check.py)
	$(BIN)/python -m mentoring.editor.owners
	$(BIN)/python scripts/check.py

practice: $(STAMP) ## New practice from the template (TITLE="Название практики" FILES="…")
	$(BIN)/python -m mentoring new-practice --title "$$TITLE" --files $(FILES)

news: $(STAMP) ## New news item dated today (TITLE="Заголовок" FILES=фото.jpg)
	$(BIN)/python -m mentoring new-news --title "$$TITLE" --files $(FILES)

document: $(STAMP) ## New entry in content/documents.yaml (TITLE="Название" FILES=приказ.pdf)
	$(BIN)/python -m mentoring new-document --title "$$TITLE" --files $(FILES)

event: $(STAMP) ## New event announcement (TITLE="Название" DATE=ГГГГ-ММ-ДД, the day of the event)
	$(BIN)/python -m mentoring new-event --title "$$TITLE" --date "$$DATE"

lint: $(STAMP) js-deps ## ruff (lint, formatting), mypy on the core, ESLint on the JavaScript
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	node_modules/.bin/eslint overrides/assets/javascripts

format: $(STAMP) ## Format and autofix with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# $(call debian-packages,TARGET,PROGRAMS,PACKAGES): install PACKAGES from Debian when one of
# PROGRAMS (names or paths) is missing; as root only, otherwise say what to run.
define debian-packages
	@missing=""; \
	for program in $(2); do command -v $$program >/dev/null || missing="$$missing $$program"; done; \
	if [ -z "$$missing" ]; then \
		echo "$(1): $(2) present"; \
	elif [ "$$(id -u)" = 0 ]; then \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update && apt-get install -y --no-install-recommends $(3); \
	else \
		echo "$(1):$$missing missing and this is not root." >&2; \
		echo "$(1): run as root: apt-get install -y --no-install-recommends $(3)" >&2; \
		exit 1; \
	fi
endef

browser-deps: ## Install Debian Chromium for the browser tests (root only)
	$(call debian-packages,browser-deps,$(CHROMIUM),chromium fonts-dejavu-core)

deploy-deps: ## Install OpenSSH server/client and rsync for deploy and its tests (root only)
	$(call debian-packages,deploy-deps,$(DEPLOY_TOOLS),$(DEPLOY_PACKAGES))

# Java and npm from Debian, then the Nu HTML Checker pinned by version and integrity in
# package-lock.json (npm ci; no package scripts, see .npmrc).
validator-deps: ## Install Java (Debian) and the pinned W3C Nu HTML Checker (npm ci)
	$(call debian-packages,validator-deps,java npm,default-jre-headless npm)
	@$(MAKE) --no-print-directory $(NPM_TOOLS)

js-deps: ## Install npm (Debian) and the pinned ESLint (npm ci)
	$(call debian-packages,js-deps,npm,npm)
	@$(MAKE) --no-print-directory $(NPM_TOOLS)

$(NPM_TOOLS): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

validate-html: $(STAMP) validator-deps ## Check every page of site/ with the W3C Nu HTML Checker
	$(BIN)/python -m scripts.validate_site html site

linkcheck: $(STAMP) ## Check internal links and anchors of site/ with LinkChecker (no external hosts)
	$(BIN)/python -m scripts.validate_site links site

validate: validate-html linkcheck ## Both checks of the built site/ (make build first)

$(PROPERDOCS_STAMP): requirements-properdocs.txt pyproject.toml
	$(call install-venv,$(PROPERDOCS_VENV))

properdocs-venv: $(PROPERDOCS_STAMP) ## Create the ProperDocs virtualenv (.venv-properdocs)

properdocs-check: $(STAMP) $(EDITOR_VENDOR) $(PROPERDOCS_STAMP) ## Build with MkDocs and ProperDocs, require identical sites
	$(BIN)/python scripts/properdocs_check.py

# Settings come from the environment: DEPLOY_HOST, DEPLOY_USER, DEPLOY_PATH, DEPLOY_SSH_KEY
# (or DEPLOY_SSH_KEY_FILE), DEPLOY_KNOWN_HOSTS (or _FILE), SITE_URL: README.md,
# «Публикация на российский хостинг по SSH».
deploy: $(STAMP) ## Build for SITE_URL and publish site/ over SSH in one switch (DEPLOY_* settings)
	$(BIN)/python -m mentoring.publish check
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m mentoring.publish deploy

rollback: $(STAMP) ## Switch the host back to the previous release in one step
	$(BIN)/python -m mentoring.publish rollback

# Prerequisites run left to right: venv, the ProperDocs venv, Debian packages (Chromium;
# OpenSSH and rsync; Java) and the Nu checker, the editor's vendored files, lint, then all
# tests (tests/unit, content, build, browser, deploy).
test: $(STAMP) $(EDITOR_VENDOR) $(PROPERDOCS_STAMP) browser-deps deploy-deps validator-deps lint ## Lint, then run every test
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

bench: $(STAMP) ## Build times against plain MkDocs at N = 100, 1000, 5000 (BENCH_N, BENCH_ARGS)
	$(BIN)/python -m scripts.bench $(BENCH_ARGS)

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf site build .cache .pytest_cache .ruff_cache .mypy_cache .hypothesis
	rm -rf *.egg-info
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +

distclean: clean ## Also remove the virtualenv and node_modules
	rm -rf $(VENV) $(PROPERDOCS_VENV) node_modules
