# Two commands for everyone: `make serve` and `make test`. The rest are steps
# they use, and tools for maintainers. Every target installs what it needs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HC     := $(BIN)/python -m helpcenter
LOCALE ?=

.PHONY: serve build lint test browser audit bench requirements clean

## serve: preview one locale with live reload (LOCALE=xx, default en)
serve: $(VENV)/.installed
	$(HC) serve --locale $(or $(LOCALE),en)

## build: build every locale (or LOCALE=xx) strictly into site/
build: $(VENV)/.installed
	$(HC) build $(if $(LOCALE),--locale $(LOCALE))

## lint: check docs/ and includes/ (front matter, unsafe HTML, spelling, nav, ...)
lint: $(VENV)/.installed
	$(HC) lint

## test: lint, build everything, then run the whole test suite (installs Chromium if missing)
test: $(VENV)/.installed node_modules/.installed browser
	$(HC) lint
	$(HC) build
	$(BIN)/python -m pytest

## browser: find a Chromium for the browser tests, or install one
browser: $(VENV)/.installed
	$(HC) browser --install

## audit: Lighthouse (mobile) on four pages and vnu over the whole site; prints the scores
audit: $(VENV)/.installed audit/node_modules/.installed browser build
	$(HC) audit

audit/node_modules/.installed: audit/package.json audit/package-lock.json
	npm ci --prefix audit --ignore-scripts --no-audit --no-fund
	touch $@

## bench: our build against the stock single static-i18n build, side by side
bench: $(VENV)/.installed
	$(HC) bench

## requirements: re-pin requirements.txt (with hashes) from requirements.in
requirements: $(VENV)/.installed
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in

clean:
	rm -rf site .site.partial .site.old .bench

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

$(VENV)/.installed: requirements.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	touch $@
