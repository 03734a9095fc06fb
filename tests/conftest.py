"""Fixtures: the built site (site/), parsed pages, a local server, Chromium."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from lxml import html as lxml_html

from helpcenter import locales
from helpcenter.build import SITE
from helpcenter.serve_static import serve

ROOT_DIR = locales.ROOT
LOCALES = locales.load()
SOURCE = locales.source()


@pytest.fixture(scope="session")
def site() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run `make test` (or `make build` first)")
    return SITE


@functools.lru_cache(maxsize=None)
def page(path: str):
    """The built page at `path` (relative to site/), parsed with lxml."""
    file = SITE / path
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return lxml_html.fromstring(file.read_bytes())


def html_files():
    return sorted(SITE.rglob("*.html"))


@pytest.fixture(scope="session")
def server(site):
    with serve(site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from helpcenter.browser import find

    executable = find()
    if executable is None:
        pytest.fail("no Chromium: run `make browser` (make test does this)")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, server):
    """A fresh page (own context) that records every request it makes."""
    contexts = []

    def make(locale: str = "en-US", **options):
        context = browser.new_context(locale=locale, **options)
        contexts.append(context)
        tab = context.new_page()
        tab.requests = []
        tab.on("request", lambda request: tab.requests.append(request.url))
        return tab

    yield make
    for context in contexts:
        context.close()


def search_index(slug: str) -> dict:
    return json.loads((SITE / slug / "search" / "search_index.json").read_text(encoding="utf-8"))
