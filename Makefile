# The two commands a newcomer needs: `make serve` and `make test`. Both set everything up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt plugins/pyproject.toml | cksum | cut -d' ' -f1)
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1753315200)
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build check test test-fast lint browser-deps html-checker bench search-bench urls schemas release publish archive clean pdf pdf-deps

help:
	@echo "make serve   preview both languages at http://127.0.0.1:8000 with live reload (data changes too)"
	@echo "make build   strict build into site/ (replaced only when the whole build succeeds)"
	@echo "make check   validate data/ and the commentary in seconds, without building"
	@echo "make test    the whole test suite (lint, types, unit, build, browser, accessibility)"
	@echo "make test-fast  lint, types and the tests that neither build a site nor drive a browser (pytest -m 'not browser and not slow')"
	@echo "make bench   the benchmarks (not part of make test): build (plugin vs plain Markdown, Zensical), then search, then the PDFs (WeasyPrint vs Chromium)"
	@echo "make search-bench  the search benchmark alone: 95 queries typed into the search box in Chromium"
	@echo "make urls    after review: record new published URLs in published-urls.txt"
	@echo "make pdf     after make build: the PDF of the annotated edition in each language into site/ (WeasyPrint; 1.2-2x a build)"
	@echo "make archive store every published release's edition v/<version>/, built from its commit, on the editions branch (once; never rebuilt)"
	@echo "make schemas regenerate schemas/*.json (for editors) from the plugin's schema"
	@echo "make release VERSION=x.y.z  open that release in data/changelog.yaml (units from git diff since the last release's commit), then check"
	@echo "make publish once the release is merged: record its commit in data/changelog.yaml; from then on it is frozen"

$(STAMP): requirements.txt plugins/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet -e plugins
	@rm -f $(VENV)/.installed-*
	touch $@

# Both languages are separate builds; `actionplan serve` rebuilds only the pages a change touched, the
# language being read first (plugins/actionplan/preview.py), and keeps the last good site up (with the
# problem shown on every page) when a change breaks the build.
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

# The PDF of the annotated edition in each language, printed from the built whole-plan page by
# WeasyPrint (plugins/actionplan/pdf.py). It costs 1.2 to 2 times a whole build (bench/pdf_bench.py),
# so it is a step of its own, run after `make build` on the site it built (CONTRIBUTING §8); CI's
# deploy and `make archive` make it, `make build` does not. WeasyPrint (requirements.txt) needs Pango and a CJK font from Debian.
pdf-deps: $(STAMP)
	@if $(BIN)/python -c "import weasyprint" 2>/dev/null && fc-list 2>/dev/null | grep -qi "CJK"; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing Pango and fonts-noto-cjk for WeasyPrint (Debian packages)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk >/dev/null; \
	else echo "the PDF needs Pango and a CJK font: run 'make pdf' as root once, or apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk" >&2; exit 1; fi

pdf: $(STAMP) pdf-deps
	$(BIN)/actionplan pdf site

# The Nu Html Checker (the W3C validator's engine), pinned, from npm's vnu-jar; it runs on Java.
VNU_VERSION := 26.9.27
export VNU_JAR := $(CURDIR)/$(VENV)/vnu-$(VNU_VERSION)/package/build/dist/vnu.jar
$(VNU_JAR): $(STAMP)
	@if command -v npm >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing npm to fetch the HTML checker (Debian's npm)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	else echo "the HTML checker is fetched with npm: run 'make test' as root once, or apt-get install npm" >&2; exit 1; fi
	rm -rf $(VENV)/vnu-$(VNU_VERSION) && mkdir -p $(VENV)/vnu-$(VNU_VERSION)
	cd $(VENV)/vnu-$(VNU_VERSION) && npm pack --silent vnu-jar@$(VNU_VERSION) >/dev/null && tar xzf vnu-jar-$(VNU_VERSION).tgz

html-checker: $(VNU_JAR)
	@if command -v java >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing Java for the HTML checker (Debian's default-jre-headless)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	else echo "the HTML checker needs Java 11+: run 'make test' as root once, or apt-get install default-jre-headless" >&2; exit 1; fi

test: $(STAMP) browser-deps pdf-deps html-checker lint
	$(BIN)/pytest

# The quick loop while editing: no site build, no git repositories, no browser, no fuzzing (see the
# markers in pyproject.toml); `make test` is still the whole suite.
test-fast: $(STAMP) lint
	$(BIN)/pytest -m "not browser and not slow"

urls: build
	$(BIN)/actionplan urls site --write

# The version lives in the newest entry of data/changelog.yaml; this adds that entry.
release: $(STAMP)
	$(if $(VERSION),,$(error usage: make release VERSION=x.y.z))
	$(BIN)/actionplan release $(VERSION)

# Once a release is merged: its commit (HEAD) recorded in its entry; commit that line. The release
# is then published: check refuses to extend it, and the next release diffs from that commit.
publish: $(STAMP)
	$(BIN)/actionplan publish

# Every published release's edition (CONTRIBUTING §10), built from its recorded commit, committed to
# the editions branch once; every build copies the branch's editions unchanged and builds the others
# from their commits (cached in .cache/editions/). Set SITE_URL as for the deploy.
archive: $(STAMP) pdf-deps
	$(BIN)/actionplan archive

schemas: $(STAMP)
	$(BIN)/actionplan schemas

# The build benchmark, then the search benchmark on the site `actionplan build` makes (Chromium);
# both print their numbers and write bench/results/ and the performance page.
bench: $(STAMP) browser-deps pdf-deps
	$(BIN)/python bench/run.py

search-bench: $(STAMP) browser-deps pdf-deps
	$(BIN)/python bench/run.py --search-only

clean:
	rm -rf site .cache test-artifacts $(VENV)
