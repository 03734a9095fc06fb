# Two commands for everyone: `make serve` and `make test`. The rest are steps
# they use, and tools for writers, translators and maintainers. Every target
# installs what it needs into .venv (the pinned requirements, then our package).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HC     := $(BIN)/python -m helpcenter
LOCALE ?=
SHARD  ?=
SCALE  ?= 0
JOBS   ?= auto

.PHONY: serve build merge check lint links affected status test test-site browser audit bench requirements clean

## serve: preview one locale with live reload (LOCALE=xx, default en)
serve: $(VENV)/.installed
	$(HC) serve --locale $(or $(LOCALE),en)

## build: build every locale (or LOCALE="xx yy", or SHARD=i/n into .shards/) strictly into site/
build: $(VENV)/.installed
	$(HC) build $(foreach l,$(LOCALE),--locale $(l)) $(if $(SHARD),--shard $(SHARD))

## check: every rule CI runs on content, as file:line: message (LOCALE=xx: one locale, in seconds)
check: $(VENV)/.installed node_modules/.installed
	$(HC) check $(foreach l,$(LOCALE),--locale $(l))

## merge: assemble the shard builds in .shards/ into site/
merge: $(VENV)/.installed
	$(HC) merge .shards/*

## lint: the source rules of `check` alone (front matter, layout, spelling, nav, ...)
lint: $(VENV)/.installed
	$(HC) lint

## links: check every link of the built site/
links: $(VENV)/.installed
	$(HC) links

## affected: the locales a change since BASE touches (CI: test only those on a pull request)
affected: $(VENV)/.installed
	@$(HC) affected --base $(BASE)

## status: translation status of every locale (LOCALE=xx: one)
status: $(VENV)/.installed
	$(HC) status $(LOCALE)

## test: check the content, build every locale (or LOCALE="en xx"), run the whole suite (installs Chromium if missing)
test: $(VENV)/.installed node_modules/.installed browser
	$(HC) check --no-build $(foreach l,$(LOCALE),--locale $(l))
	$(HC) build $(foreach l,$(LOCALE),--locale $(l))
	$(BIN)/python -m pytest -n $(JOBS)

## test-site: check the content and run the suite against the site/ already built (e.g. merged shards)
test-site: $(VENV)/.installed node_modules/.installed browser
	$(HC) check --no-build
	$(BIN)/python -m pytest -n $(JOBS)

## browser: find a Chromium for the browser tests, or install one
browser: $(VENV)/.installed
	$(HC) browser --install

## audit: Lighthouse (mobile) on four pages and vnu over the whole site; prints the scores
audit: $(VENV)/.installed audit/node_modules/.installed browser build
	$(HC) audit

audit/node_modules/.installed: audit/package.json audit/package-lock.json
	npm ci --prefix audit --ignore-scripts --no-audit --no-fund
	touch $@

## bench: our build against the stock single static-i18n build (SCALE=10: also 1x vs 10x pages)
bench: $(VENV)/.installed browser
	$(HC) bench --scale $(SCALE)

## requirements: re-pin requirements.txt (with hashes) from requirements.in
requirements: $(VENV)/.installed
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in

clean:
	rm -rf site .site.*.partial .site.old .site.lock .shards .bench

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

$(VENV)/.installed: requirements.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	touch $@
