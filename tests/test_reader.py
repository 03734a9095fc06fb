"""Reader quality in a real Chromium: accessibility, privacy, weight, tools."""

from __future__ import annotations

import gzip
import json
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import PATHS, PROJECT

AXE = PATHS.root / "node_modules" / "axe-core" / "axe.min.js"
LOCALES_UNDER_TEST = ["en", "ar", "ja", "bn"]  # bn: a partial locale
PAGE_TYPES = {
    "home": "{slug}/",
    "article": "{slug}/your-rights/appeals/",
    "law-enforcement": "{slug}/law-enforcement/legal-process/",
    "404": "{slug}/no-such-page/",
    "fallback": "bn/commitments/",
    "dashboard": "en/translations/",
}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
ARTICLE = "en/your-rights/appeals/"


def _cases():
    seen = set()
    for slug in LOCALES_UNDER_TEST:
        for kind, pattern in PAGE_TYPES.items():
            path = pattern.format(slug=slug)
            if path not in seen:
                seen.add(path)
                yield kind, path


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.is_file():
        pytest.fail("node_modules/axe-core is missing: run `make test` (it runs npm ci)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind, path", list(_cases()), ids=lambda v: v)
def test_no_axe_violations(new_page, server, axe_source, kind, path, scheme, viewport):
    tab = new_page(color_scheme=scheme, viewport=VIEWPORTS[viewport], bypass_csp=True)
    tab.goto(f"{server}/{path}")
    tab.add_script_tag(content=axe_source)
    result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
    violations = [
        f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]
    ]
    assert not violations, f"{path} ({scheme}, {viewport}):\n" + "\n".join(violations)


@pytest.mark.parametrize("path", ["en/", ARTICLE, "ar/commitments/", "bn/commitments/", "ja/404.html",
                                  "en/translations/", "zh-cn/"])
def test_no_csp_violations_console_errors_cookies_or_other_hosts(new_page, server, path):
    tab = new_page()
    tab.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    errors = []
    tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(f"{server}/{path}")
    tab.wait_for_load_state("networkidle")
    query = tab.locator("input.md-search__input")
    query.focus()  # the search index loads now: it must pass the policy too
    tab.wait_for_load_state("networkidle")
    assert tab.evaluate("window.__csp") == []
    assert errors == []
    assert tab.context.cookies() == []
    assert all(url.startswith(server) for url in tab.requests), tab.requests
    policy = tab.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'"):
        assert directive in policy
    assert "'unsafe-inline'" not in policy


def test_article_first_view_fits_the_budget_and_search_index_waits(new_page, server):
    tab = new_page()
    finished = []
    tab.on("requestfinished", lambda request: finished.append(request))
    tab.goto(f"{server}/{ARTICLE}")
    tab.wait_for_load_state("networkidle")
    sizes = {r.url: len(gzip.compress(r.response().body())) for r in finished}
    assert len(finished) <= 12, list(sizes)
    assert sum(sizes.values()) <= 100 * 1024, sizes
    assert not [url for url in tab.requests if "search_index" in url]
    tab.locator("input.md-search__input").click()
    tab.wait_for_load_state("networkidle")
    assert [url for url in tab.requests if "search_index" in url] == [f"{server}/en/search/search_index.json"]


def test_keyboard_skip_link_language_menu_search_and_tabs(new_page, server):
    tab = new_page()
    tab.goto(f"{server}/{ARTICLE}")
    tab.keyboard.press("Tab")
    skip = tab.evaluate("document.activeElement.className")
    assert "md-skip" in skip
    assert tab.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    assert tab.evaluate("document.activeElement.getBoundingClientRect().width") > 0
    tab.keyboard.press("Enter")
    assert urlsplit(tab.url).fragment  # moved to the article's heading
    # The language menu opens on focus and its links are reachable by Tab.
    tab.locator(".md-select > button").focus()
    tab.keyboard.press("Tab")
    link = tab.evaluate("[document.activeElement.classList.contains('md-select__link'), document.activeElement.lang]")
    assert link == [True, "en"]
    assert tab.locator(".md-select__link").first.is_visible()
    # Search from the keyboard ("/"), and the tabs are focusable links.
    tab.keyboard.press("Escape")
    tab.locator("body").focus()
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.classList.contains('md-search__input')")
    tab.keyboard.press("Escape")
    first_tab = tab.locator(".md-tabs__link").first
    first_tab.focus()
    assert tab.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


def test_share_and_report_links(new_page, server):
    tab = new_page(permissions=["clipboard-read", "clipboard-write"])
    tab.goto(f"{server}/ja/commitments/")
    url = "https://help.example.org/ja/commitments/"
    assert tab.locator(".hc-share").get_attribute("data-url") == url
    email = tab.locator(".hc-share__email").get_attribute("href")
    assert email.startswith("mailto:?subject=") and email.endswith("&body=https%3A//help.example.org/ja/commitments/")
    tab.locator(".hc-share__copy").click()
    assert tab.evaluate("navigator.clipboard.readText()") == url
    assert tab.locator(".hc-share__status").text_content() == PROJECT.strings["ja"].site["share_copied"]
    report = tab.locator(".hc-feedback a").first.get_attribute("href")
    query = parse_qs(urlsplit(report).query)
    assert query["page"] == [url] and query["locale"] == ["ja"]
    assert query["template"] == ["content-error.yml"]
    edit = tab.locator(".hc-feedback a").nth(1).get_attribute("href")
    assert edit == "https://github.com/example/help-center/edit/main/docs/ja/commitments/index.md"
    tab.goto(f"{server}/bn/commitments/")  # a fallback: its source is the English page
    assert tab.locator(".hc-feedback a").nth(1).get_attribute("href").endswith("/docs/en/commitments/index.md")


def test_last_updated_is_in_the_readers_locale(new_page, server):
    tab = new_page()
    for path, sample in [("ja/commitments/", "年"), ("ar/commitments/", "")]:
        tab.goto(f"{server}/{path}")
        stamp = tab.locator(".hc-updated time")
        assert len(stamp.get_attribute("datetime")) == 10
        assert sample in stamp.text_content()


def test_law_enforcement_pages_print_cleanly(new_page, server):
    tab = new_page()
    tab.goto(f"{server}/en/law-enforcement/preservation-requests/")
    tab.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".hc-tools", ".md-tabs"):
        assert tab.locator(chrome).first.evaluate("e => getComputedStyle(e).display") == "none", chrome
    after = tab.evaluate(
        "getComputedStyle(document.querySelector('.md-typeset a[href^=\"http\"], .md-typeset a[href^=\"mailto:\"]'),"
        " '::after').content"
    )
    assert "attr" in after or "http" in after or "mailto" in after, after


def test_atom_feed_per_locale_linked_from_head_and_page(site):
    from lxml import etree, html

    for slug in ("en", "ja", "bn"):
        feed = etree.parse(str(site / slug / "feed.xml"))
        ns = {"a": "http://www.w3.org/2005/Atom"}
        updated = feed.xpath("//a:entry/a:updated/text()", namespaces=ns)
        assert updated and updated == sorted(updated, reverse=True)
        page = html.fromstring((site / slug / "resources/policy-changes/index.html").read_bytes())
        head = page.xpath('//head/link[@type="application/atom+xml"]/@href')
        body = page.xpath('//article//a[contains(@href, "feed.xml")]/@href')
        assert head == ["../../feed.xml"] and body == ["../../feed.xml"]


def test_open_graph_and_meta_description(site):
    from lxml import html

    page = html.fromstring((site / ARTICLE / "index.html").read_bytes())
    meta = {m.get("property") or m.get("name"): m.get("content") for m in page.xpath("//meta")}
    assert meta["og:title"] and meta["og:description"] == meta["description"]
    assert meta["og:url"] == "https://help.example.org/en/your-rights/appeals/"
    assert json.dumps(meta["og:locale"]) == '"en"'
