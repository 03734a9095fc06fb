"""What readers get, in a real Chromium against site/ served on 127.0.0.1:
accessibility (axe, contrast on hover and focus, keyboard paths), privacy
(storage, cookies, other hosts, what search sends), weight, the reader
tools, print. Locales are chosen from those built, by what they exercise."""

from __future__ import annotations

import gzip
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect  # waits with locators: the CSP forbids the eval wait_for_function needs

from tests.conftest import BUILT, PATHS, PROJECT, SOURCE, built

AXE = PATHS.root / "node_modules" / "axe-core" / "axe.min.js"
RTL = built(lambda loc: loc.is_rtl)
CJK = built(lambda loc: loc.tag.split("-")[0] in ("ja", "zh", "ko"))
PARTIAL = built(lambda loc: not loc.full)
TRANSLATED = built(lambda loc: loc != SOURCE and PROJECT.is_translated(loc.slug, "commitments/index.md"))
ARTICLE = "your-rights/appeals/"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


def _pages():
    pages = {f"{SOURCE.slug}/": "home", f"{SOURCE.slug}/{ARTICLE}": "article",
             f"{SOURCE.slug}/law-enforcement/legal-process/": "law enforcement",
             f"{SOURCE.slug}/translations/": "dashboard", "index.html": "language chooser"}
    for loc in filter(None, (RTL, CJK, PARTIAL)):
        pages.update({f"{loc.slug}/": f"{loc.slug} home", f"{loc.slug}/{ARTICLE}": f"{loc.slug} article",
                      f"{loc.slug}/no-such-page/": f"{loc.slug} 404"})
    if TRANSLATED:
        pages[f"{TRANSLATED.slug}/commitments/"] = f"{TRANSLATED.slug} translation"
    return pages


PAGES = _pages()


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.is_file():
        pytest.fail("node_modules/axe-core is missing: run `make test` (it runs npm ci)")
    return AXE.read_text(encoding="utf-8")


# Every page type in both schemes and both widths; the other locales' copies
# of a page type in one width per scheme (their layout is the same templates').
FULL_AXE = {f"{SOURCE.slug}/", f"{SOURCE.slug}/{ARTICLE}", f"{SOURCE.slug}/translations/", "index.html",
            *(f"{loc.slug}/{ARTICLE}" for loc in (RTL, CJK) if loc)}


@pytest.mark.parametrize("path", PAGES, ids=list(PAGES.values()))
def test_no_axe_violations_light_dark_phone_desktop(new_page, server, axe_source, path):
    found = []
    for scheme in ("light", "dark"):
        tab = new_page(color_scheme=scheme, bypass_csp=True)
        tab.goto(f"{server}/{path}")
        if path == "index.html":
            tab.wait_for_url(re.compile(r"/[a-z-]+/$"))  # the chooser sends the browser on
        if "no-such-page" in path:  # the site's 404 puts the locale's 404 page in place
            expect(tab.locator("html")).to_have_attribute("lang", PROJECT.registry.get(path.split("/")[0]).tag)
        tab.add_script_tag(content=axe_source)
        widths = VIEWPORTS if path in FULL_AXE else {"phone" if scheme == "dark" else "desktop":
                                                      VIEWPORTS["phone" if scheme == "dark" else "desktop"]}
        for name, size in widths.items():
            tab.set_viewport_size(size)
            result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
            found += [f"{scheme}, {name}: {v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
                      for v in result["violations"]]
    assert not found, f"{path}:\n" + "\n".join(found)


def _contrast(a: str, b: str) -> float:
    def luminance(rgb: str) -> float:
        values = [int(v) / 255 for v in re.findall(r"\d+", rgb)[:3]]
        linear = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_buttons_and_links_keep_their_contrast_on_hover_and_focus(new_page, server, scheme):
    tab = new_page(color_scheme=scheme)
    tab.goto(f"{server}/{SOURCE.slug}/{ARTICLE}")
    button = tab.locator(".hc-share__email")
    for state in ("hover", "focus"):
        button.hover() if state == "hover" else button.focus()
        tab.wait_for_timeout(400)  # Material's colour transitions
        colours = button.evaluate("e => { const s = getComputedStyle(e); return [s.color, s.backgroundColor]; }")
        assert "0, 0, 0, 0" not in colours[1] or state == "focus"
        if "0, 0, 0, 0" not in colours[1]:
            assert _contrast(*colours) >= 4.5, (state, colours)
    tab.keyboard.press("Tab")
    outline = tab.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                           " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()")
    assert outline[0] != "none" and outline[1] >= 2


def test_keyboard_skip_link_language_menu_and_search(new_page, server):
    tab = new_page()
    tab.goto(f"{server}/{SOURCE.slug}/{ARTICLE}")
    tab.keyboard.press("Tab")
    assert "md-skip" in tab.evaluate("document.activeElement.className")
    tab.keyboard.press("Enter")
    assert urlsplit(tab.url).fragment  # moved to the article's heading
    summary = tab.locator(".hc-languages summary")
    summary.focus()
    tab.keyboard.press("Tab")  # closed: its 50-odd links are not in the way
    assert not tab.evaluate("document.activeElement.classList.contains('hc-languages__link')")
    tab.keyboard.press("Escape")  # that Tab reached the search field, which opened the search: close it
    summary.focus()
    tab.keyboard.press("Enter")  # the menu's toggle event moves focus to the filter
    expect(tab.locator(".hc-languages__filter")).to_be_focused()
    other = next(loc for loc in PROJECT.registry if loc.slug != SOURCE.slug)
    tab.keyboard.type(other.name[:3])
    expect(tab.locator(".hc-languages__list li[hidden]")).not_to_have_count(0)  # some filtered out
    assert tab.locator(".hc-languages__link:visible").count() >= 1
    tab.keyboard.press("ArrowDown")
    assert tab.evaluate("document.activeElement.classList.contains('hc-languages__link')")
    tab.keyboard.press("Escape")
    assert not tab.locator(".hc-languages").evaluate("e => e.open")
    assert tab.evaluate("document.activeElement.tagName") == "SUMMARY"
    tab.locator("body").focus()
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.classList.contains('md-search__input')")


def test_language_menu_names_the_current_language_and_marks_english_pages(new_page, server):
    loc = PARTIAL or SOURCE
    tab = new_page()
    tab.goto(f"{server}/{loc.slug}/{ARTICLE}")
    assert tab.locator(".hc-languages__current").text_content().strip() == loc.menu_name
    links = tab.locator(".hc-languages__link")
    assert links.count() == len(PROJECT.registry)
    english = tab.locator(".hc-languages__link--english")
    untranslated = [o for o in PROJECT.registry if not PROJECT.is_translated(o.slug, "your-rights/appeals.md")]
    assert english.count() == len(untranslated)
    note = PROJECT.strings[loc.slug].site["language_untranslated"]
    if untranslated:
        assert note in english.first.text_content()  # read out too: it is text, not a colour


def test_menu_works_on_a_phone_and_without_javascript(browser, server):
    context = browser.new_context(viewport=VIEWPORTS["phone"], java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{server}/{SOURCE.slug}/{ARTICLE}")
    tab.locator(".hc-languages summary").click()
    target = next(loc for loc in BUILT if loc != SOURCE) if len(BUILT) > 1 else SOURCE
    link = tab.locator(f'.hc-languages__link[hreflang="{target.tag}"]')
    assert link.is_visible() and link.bounding_box()["x"] >= 0
    link.click()
    tab.wait_for_url(f"{server}/{target.slug}/{ARTICLE}")
    context.close()


@pytest.mark.parametrize("path", [f"{SOURCE.slug}/", f"{SOURCE.slug}/{ARTICLE}",
                                  *([f"{RTL.slug}/commitments/"] if RTL else []), "index.html"])
def test_no_csp_violations_console_errors_cookies_or_other_hosts(new_page, server, path):
    tab = new_page()
    tab.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    errors = []
    tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(f"{server}/{path}")
    tab.wait_for_load_state("networkidle")
    tab.locator("input.md-search__input").focus()  # the search index and worker load now: the policy holds
    tab.wait_for_load_state("networkidle")
    assert tab.evaluate("window.__csp") == [] and errors == []
    assert tab.context.cookies() == []
    assert all(url.startswith(server) for url in tab.requests), tab.requests
    assert not [url for url in tab.requests if "sitemap" in url]


def test_first_view_fits_the_budget_and_the_search_index_waits(new_page, server):
    for path in (f"{SOURCE.slug}/{ARTICLE}", *([f"{RTL.slug}/{ARTICLE}"] if RTL else [])):
        tab = new_page()
        finished = []
        tab.on("requestfinished", lambda request: finished.append(request))
        tab.goto(f"{server}/{path}")
        tab.wait_for_load_state("networkidle")
        sizes = {r.url: len(gzip.compress(r.response().body())) for r in finished}
        assert len(finished) <= 12 and sum(sizes.values()) <= 100 * 1024, sizes
        assert not [url for url in tab.requests if "search_index" in url]
        tab.locator("input.md-search__input").click()
        tab.wait_for_load_state("networkidle")
        slug = path.split("/")[0]
        assert f"{server}/{slug}/search/search_index.json" in tab.requests


def test_nothing_is_stored_until_the_reader_chooses_and_the_choice_holds_in_every_language(new_page, server):
    tab = new_page(color_scheme="light")
    tab.goto(f"{server}/{SOURCE.slug}/{ARTICLE}")
    tab.wait_for_load_state("networkidle")
    assert tab.evaluate("[localStorage.length, sessionStorage.length]") == [0, 0]
    tab.locator("[data-md-component=palette] label:visible").first.click()
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert tab.evaluate("Object.keys(localStorage)") == ["/.__palette"]
    other = next((loc for loc in BUILT if loc != SOURCE), SOURCE)
    tab.goto(f"{server}/{other.slug}/")
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert tab.context.cookies() == []


def test_search_words_never_reach_the_server_and_are_highlighted_on_the_page(new_page, server):
    tab = new_page()
    tab.goto(f"{server}/{SOURCE.slug}/")
    query = tab.locator("input.md-search__input")
    query.click()
    query.fill("appeal")
    query.press("End")
    result = tab.locator(".md-search-result__item a").first
    result.wait_for()
    assert "h=" not in result.get_attribute("href")
    result.click()
    tab.wait_for_load_state("networkidle")
    expect(tab.locator("mark[data-md-highlight]").first).to_be_attached()
    assert not urlsplit(tab.url).query and not [url for url in tab.requests if "appeal" in urlsplit(url).query]
    assert tab.evaluate("window.name") == "" and tab.evaluate("localStorage.length + sessionStorage.length") == 0


def test_share_report_and_edit_links(new_page, server):
    loc = TRANSLATED or SOURCE
    tab = new_page(permissions=["clipboard-read", "clipboard-write"])
    tab.goto(f"{server}/{loc.slug}/commitments/")
    url = f"{PROJECT.site_url(PATHS)}{loc.slug}/commitments/"
    assert tab.locator(".hc-share").get_attribute("data-url") == url
    assert tab.locator(".hc-share__device").is_hidden()  # no Web Share API in this browser: no button
    tab.locator(".hc-share__copy").click()
    assert tab.evaluate("navigator.clipboard.readText()") == url
    assert tab.locator(".hc-share__status").text_content() == PROJECT.strings[loc.slug].site["share_copied"]
    query = parse_qs(urlsplit(tab.locator(".hc-feedback a").first.get_attribute("href")).query)
    assert query["page"] == [url] and query["locale"] == [loc.slug]
    assert tab.locator(".hc-feedback a").nth(1).get_attribute("href").endswith(f"/docs/{loc.slug}/commitments/index.md")
    if PARTIAL and not PROJECT.is_translated(PARTIAL.slug, "your-rights/appeals.md"):
        tab.goto(f"{server}/{PARTIAL.slug}/{ARTICLE}")  # a fallback: its source is the English page
        assert tab.locator(".hc-feedback a").nth(1).get_attribute("href").endswith("/docs/en/your-rights/appeals.md")


def test_share_without_javascript_is_the_email_link_alone(browser, server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{server}/{SOURCE.slug}/{ARTICLE}")
    assert [b.is_visible() for b in tab.locator(".hc-share .md-button").all()] == [False, False, True]
    context.close()


def test_print_keeps_notices_and_dates_and_writes_out_links_once(new_page, server):
    loc = PARTIAL or SOURCE
    tab = new_page()
    tab.goto(f"{server}/{loc.slug}/commitments/")
    tab.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".hc-share", ".md-tabs"):
        assert tab.locator(hidden).first.evaluate("e => getComputedStyle(e).display") == "none", hidden
    for shown in (".hc-updated", *([".hc-notice"] if loc != SOURCE else [])):
        assert tab.locator(shown).first.evaluate("e => getComputedStyle(e).display") != "none", shown
    after = tab.evaluate("(() => { const a = document.querySelector('.md-typeset a.hc-bare');"
                         " return a ? getComputedStyle(a, '::after').content : 'none'; })()")
    assert after in ("none", "normal")


def test_last_updated_is_in_the_readers_locale(new_page, server):
    loc = TRANSLATED or SOURCE
    tab = new_page()
    tab.goto(f"{server}/{loc.slug}/commitments/")
    stamp = tab.locator(".hc-updated time")
    assert len(stamp.get_attribute("datetime")) == 10
    from babel.dates import format_date
    import datetime

    date = datetime.date.fromisoformat(stamp.get_attribute("datetime"))
    assert stamp.text_content() == format_date(date, format="long", locale=loc.cldr)
