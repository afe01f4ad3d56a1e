# Two commands do everything: `make serve` (build content/ and serve it) and
# `make test` (lint and the whole test suite). Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-requirements

INPUTDIR ?= content
OUTPUTDIR ?= output
CONFFILE ?= pelicanconf.py
PUBLISHCONF ?= publishconf.py
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM := /usr/bin/chromium

# The build checks every article first, then builds into a staging folder and
# swaps it in whole: a failed build leaves $(OUTPUTDIR)/ as it was.
NEWSROOM := $(BIN)/python -m newsroom
FOLDERS := -i $(INPUTDIR) -o $(OUTPUTDIR)
# The build only replaces a folder it made itself (its manifest says so).
# ADOPT=1 takes over a site built before the manifest existed; ALLOW_EMPTY=1
# publishes a site with no article over one that has some.
BUILD_FLAGS := $(if $(filter 1,$(ADOPT)),--adopt) $(if $(filter 1,$(ALLOW_EMPTY)),--allow-empty)

.PHONY: help venv html publish deploy serve serve-nginx check new bench bench-property test lint format chromium hugo rsync nginx clean distclean

help:
	@echo "make serve    build $(INPUTDIR)/ and serve it on http://$(HOST):$(PORT)"
	@echo "make test     lint, then run the whole test suite (browser tests included)"
	@echo "make html     build $(INPUTDIR)/ into $(OUTPUTDIR)/ (INPUTDIR=… OUTPUTDIR=… to change)"
	@echo "make publish  build with $(PUBLISHCONF): absolute URLs (SITEURL=… for another address), .br/.gz copies"
	@echo "make deploy DEPLOY_TARGET=host:/path   build with $(PUBLISHCONF), send changed files with rsync"
	@echo "make serve-nginx OUTPUTDIR=… PORT=…   serve a built site with the shipped nginx configuration"
	@echo "make check    check the articles in $(INPUTDIR)/ and write nothing"
	@echo 'make new TITLE="…" CATEGORY="…"   start a new article (a draft dated now)'
	@echo "make bench    this build against stock Pelican and Hugo on N=$(N) synthetic articles"
	@echo "make bench-property  the incremental = cold property test, larger and freshly drawn"
	@echo "make clean    remove what the build made in $(OUTPUTDIR)/, and caches"

$(INSTALLED): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

venv: $(INSTALLED)

html: $(INSTALLED)
	@$(NEWSROOM) build -s $(CONFFILE) $(FOLDERS) $(BUILD_FLAGS)

publish: $(INSTALLED)
	@$(NEWSROOM) build -s $(PUBLISHCONF) $(FOLDERS) $(BUILD_FLAGS)

# Builds with $(PUBLISHCONF) into a staging folder of the deploy's own, kept
# between deploys so builds stay incremental, then sends it to DEPLOY_TARGET (a
# folder or host:/path) with rsync: changed files only, new files before the
# HTML that links them, deletions (only of files an earlier deploy sent) last.
# A failed build sends nothing. SITEURL=… reaches publishconf.py as it is.
# The target reaches Python through the environment, where no shell reads it.
DEPLOY_OUTPUTDIR ?= .cache/deploy/output
deploy: export NEWSROOM_DEPLOY_TARGET = $(value DEPLOY_TARGET)
deploy: $(INSTALLED) rsync
	@$(NEWSROOM) deploy -s $(PUBLISHCONF) -i $(INPUTDIR) --staging $(DEPLOY_OUTPUTDIR) \
		$(if $(filter 1,$(ALLOW_EMPTY)),--allow-empty)

check: $(INSTALLED)
	@$(NEWSROOM) check -s $(CONFFILE) -i $(INPUTDIR)

# The title and section reach Python through the environment, exactly as typed:
# $(value …) keeps make from expanding a `$`, and no shell ever reads them, so
# quotes, backticks or `$(…)` in a headline are text, never a command.
new: export NEWSROOM_TITLE = $(value TITLE)
new: export NEWSROOM_CATEGORY = $(value CATEGORY)
new: $(INSTALLED)
	@$(NEWSROOM) new -s $(CONFFILE) -i $(INPUTDIR)

# This build against stock Pelican and Hugo on N synthetic articles
# (make bench N=20000); the last line sums it up. Without Hugo (not root, no
# apt-get) the bench says what to run and goes on with the other figures.
N ?= 5000
bench: $(INSTALLED)
	@$(MAKE) --no-print-directory -s hugo 2>/dev/null || true
	@$(BIN)/python bench/run.py --n $(N)

# The property test of tests/test_incremental_equals_cold.py at a size CI has
# no time for, with new random sequences on every run (SEED=… repeats one).
PROPERTY_ARTICLES ?= 2000
PROPERTY_STEPS ?= 40
PROPERTY_EXAMPLES ?= 10
bench-property: SEED ?= $(shell date +%s)
bench-property: $(INSTALLED)
	NEWSROOM_PROPERTY_ARTICLES=$(PROPERTY_ARTICLES) NEWSROOM_PROPERTY_STEPS=$(PROPERTY_STEPS) \
	NEWSROOM_PROPERTY_EXAMPLES=$(PROPERTY_EXAMPLES) \
	NEWSROOM_PROPERTY_SEED=$(SEED) \
	$(BIN)/python -m pytest -x -p no:cacheprovider tests/test_incremental_equals_cold.py

# Rebuilds on every save; a broken article prints its errors and the last good
# build stays on the page.
serve: $(INSTALLED)
	@$(NEWSROOM) serve -s $(CONFFILE) $(FOLDERS) $(BUILD_FLAGS) --bind $(HOST) --port $(PORT)

# The production web server's configuration (nginx/site.conf), run in the
# foreground on 127.0.0.1: pid, logs and temporary files under .cache/nginx/.
# Serve a `make publish SITEURL=http://127.0.0.1:$(PORT)` build.
serve-nginx: $(INSTALLED) nginx
	@$(NEWSROOM) serve-nginx -o $(OUTPUTDIR) --port $(PORT)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# $(call debian_package,TEST,PACKAGE,WHAT): Debian's PACKAGE, for WHAT, unless
# the shell TEST passes: installed with apt-get when root, else the command to run.
debian_package = @if $(1); then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's $(2) for $(3)…"; \
		apt-get update -qq && apt-get install -y -qq $(2) >/dev/null; \
	else \
		echo "Debian's $(2) is missing ($(3) need it). Run:" >&2; \
		echo "    sudo apt-get update && sudo apt-get install -y $(2)" >&2; \
		exit 1; \
	fi

# The browser tests drive Debian's Chromium (Playwright cannot download one here).
chromium:
	$(call debian_package,[ -x $(CHROMIUM) ],chromium,the browser tests)

# The benchmark and its test compare with Debian's Hugo (any `hugo` on PATH will
# do: the bench prints its version).
hugo:
	$(call debian_package,command -v hugo >/dev/null,hugo,the benchmark and its test)

# The deploy and its tests send the site with rsync.
rsync:
	$(call debian_package,command -v rsync >/dev/null,rsync,the deploy and its tests)

# Debian's nginx with its Brotli module, for make serve-nginx and its tests.
nginx:
	$(call debian_package,[ -x /usr/sbin/nginx ] && [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ],nginx libnginx-mod-http-brotli-static,the nginx tests)

test: lint chromium hugo rsync nginx
	$(BIN)/python -m pytest

# Only what the build made goes: newsroom deletes the files its manifest lists
# and refuses any other folder (OUTPUTDIR=/ included). The caches are the
# project's own folders.
clean: $(INSTALLED)
	@$(NEWSROOM) clean -s $(CONFFILE) $(FOLDERS)
	rm -rf cache .cache .pytest_cache .ruff_cache
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
