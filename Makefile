# The two commands a newcomer needs: `make serve` and `make test`. Both set everything up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt plugins/pyproject.toml | cksum | cut -d' ' -f1)
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1753315200)
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build check test lint browser-deps bench search-bench urls schemas clean

help:
	@echo "make serve   preview both languages at http://127.0.0.1:8000 with live reload (data changes too)"
	@echo "make build   strict build into site/ (replaced only when the whole build succeeds)"
	@echo "make check   validate data/ and the commentary in seconds, without building"
	@echo "make test    the whole test suite (lint, types, unit, build, browser, accessibility)"
	@echo "make bench   the benchmarks (not part of make test): build (plugin vs plain Markdown, Zensical), then search"
	@echo "make search-bench  the search benchmark alone: 95 queries typed into the search box in Chromium"
	@echo "make urls    after review: record new published URLs in published-urls.txt"
	@echo "make schemas regenerate schemas/*.json (for editors) from the plugin's schema"

$(STAMP): requirements.txt plugins/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet -e plugins
	@mkdir -p .cache
	@rm -f $(VENV)/.installed-*
	touch $@

# Both languages are separate builds; `actionplan serve` rebuilds them on every change and keeps
# the last good site up (with the problem shown on every page) when a change breaks the build.
serve: $(STAMP)
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/actionplan serve -p 8000

build: $(STAMP)
	$(BIN)/actionplan build

check: $(STAMP)
	$(BIN)/actionplan check

lint: $(STAMP)
	$(BIN)/ruff check plugins tests bench
	$(BIN)/mypy

# Browser tests need Debian's chromium (driven by Playwright through executable_path) and a CJK
# font; as root we install them, otherwise they must already be there.
browser-deps:
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "CJK"; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing chromium and fonts-noto-cjk (Debian packages)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	else echo "need /usr/bin/chromium and a CJK font: run 'make test' as root once, or apt-get install chromium fonts-noto-cjk" >&2; exit 1; fi

test: $(STAMP) browser-deps lint
	$(BIN)/pytest

urls: build
	$(BIN)/actionplan urls site --write

schemas: $(STAMP)
	$(BIN)/actionplan schemas

# The build benchmark, then the search benchmark on the site `actionplan build` makes (Chromium);
# both print their numbers and write bench/results/ and the performance page.
bench: $(STAMP) browser-deps
	$(BIN)/python bench/run.py

search-bench: $(STAMP) browser-deps
	$(BIN)/python bench/run.py --search-only

clean:
	rm -rf site .cache test-artifacts $(VENV)
