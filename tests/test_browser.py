"""In a real Chromium, against site/ served on 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.conftest import LOCALES


def test_language_menu_takes_english_commitments_to_arabic_commitments(new_page, server):
    tab = new_page()
    tab.goto(f"{server}/en/commitments/")
    tab.locator(".md-header__option .md-select").hover()
    tab.locator('.md-select__link[hreflang="ar"]').click()
    tab.wait_for_url(f"{server}/ar/commitments/")
    assert tab.evaluate("document.documentElement.dir") == "rtl"
    assert tab.evaluate("document.documentElement.lang") == "ar"
    assert not tab.locator(".hc-notice--fallback").count()  # a real translation


@pytest.mark.parametrize(
    "languages, expected",
    [("ja", "ja"), ("fr-CA", "fr"), ("zh-HK", "zh-tw"), ("zh", "zh-cn"), ("nn-NO", "no"), ("xx", "en")],
)
def test_root_sends_the_browser_to_its_best_locale(new_page, server, languages, expected):
    tab = new_page(locale=languages)
    tab.goto(f"{server}/")
    tab.wait_for_url(f"{server}/{expected}/")


def test_root_without_javascript_lists_all_languages(new_page, server):
    tab = new_page(locale="ja", java_script_enabled=False)
    tab.goto(f"{server}/")
    assert tab.url == f"{server}/"
    assert tab.locator("#hc-locales a").count() == len(LOCALES)


def test_searching_japanese_on_ja_finds_only_japanese_pages(new_page, server):
    tab = new_page(locale="ja")
    tab.goto(f"{server}/ja/")
    query = tab.locator("input.md-search__input")
    query.click()
    query.fill("表現")  # "expression"
    query.press("End")
    results = tab.locator(".md-search-result__item a")
    results.first.wait_for()
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert any(href.startswith(f"{server}/ja/commitments/") for href in hrefs), hrefs
    assert all(urlsplit(href).path.startswith("/ja/") for href in hrefs), hrefs
    indexes = [url for url in tab.requests if url.endswith("search_index.json")]
    assert indexes == [f"{server}/ja/search/search_index.json"]


@pytest.mark.parametrize("path", ["en/", "en/commitments/", "ar/commitments/", "bn/commitments/", "ja/404.html"])
def test_pages_request_nothing_from_other_hosts_and_no_sitemap(new_page, server, path):
    tab = new_page()
    tab.goto(f"{server}/{path}")
    tab.wait_for_load_state("networkidle")
    assert tab.requests
    assert all(url.startswith(server) for url in tab.requests), tab.requests
    assert not [url for url in tab.requests if "sitemap" in url]
