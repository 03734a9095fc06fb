"""Readers of every language, in Chromium: search in every script, English
pages that stay left to right in right-to-left locales, 404 pages in the
reader's language, the home page, and the language chooser."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect  # waits with locators: the CSP forbids the eval wait_for_function needs

from tests.conftest import BUILT, PROJECT, SOURCE, built

ARTICLE = "your-rights/appeals/"


def _script(text: str) -> str:
    """The script most letters of `text` are in (from their Unicode names)."""
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "").split(" ")[0]
            name = "HAN" if name == "CJK" else name
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.get) if counts else ""


def _by_script():
    """One built locale per script, with its home page translated."""
    chosen: dict[str, str] = {}
    for loc in BUILT:
        page = PROJECT.pages.get((loc.slug, "index.md"))
        if page is not None:
            chosen.setdefault(_script(page.body), loc.slug)
    return chosen


SCRIPTS = _by_script()
SEGMENTS = """(() => {
  const parts = document.querySelectorAll('article .hc-home__text');  // the page's own text, not the cards
  const text = [...(parts.length ? parts : [document.querySelector('article')])].map(e => e.innerText).join(' ');
  const seg = new Intl.Segmenter(document.documentElement.lang, {granularity: 'word'});
  return [...seg.segment(text)].map(s => [s.segment, s.isWordLike]);
})()"""


def _pages_holding(slug: str):
    """How many pages of the locale's search index hold a text (the index read once)."""
    from tests.conftest import search_index

    docs = [(doc["location"].split("#")[0], (doc["title"] + " " + doc["text"]).lower())
            for doc in search_index(slug)["docs"]]
    return lambda text: len({page for page, words in docs if text.lower() in words})


def _queries(slug: str, segments: list) -> list[str]:
    """Words and a phrase of the page that few other pages hold (so the page
    is among the first results), the words as the browser's segmenter cuts them."""
    holding = _pages_holding(slug)
    words = [(i, s) for i, (s, is_word) in enumerate(segments)
             if is_word and len(s) >= 2 and not s.isdigit() and "\u0640" not in s]  # not drawn out with tatweel
    chosen = []
    for _, word in sorted(words, key=lambda w: -len(w[1])):
        if word not in chosen and holding(word) <= 2:
            chosen.append(word)
        if len(chosen) == 3:
            break
    for (i, word), (j, following) in zip(words, words[1:]):
        phrase = "".join(s for s, _ in segments[i:j + 1])
        # words with spaces between them are searched one by one: not two short (stop) words
        spaced = any(s.isspace() for s, _ in segments[i:j + 1])
        if spaced and max(len(word), len(following)) < 5:
            continue
        if j - i <= 2 and "\n" not in phrase and holding(phrase) <= 2:
            return chosen + [phrase]
    return chosen


@pytest.mark.parametrize("slug", list(SCRIPTS.values()), ids=list(SCRIPTS))
def test_search_finds_the_home_page_by_its_own_words_and_phrases(new_page, server, slug):
    tab = new_page()
    tab.goto(f"{server}/{slug}/")
    queries = _queries(slug, tab.evaluate(SEGMENTS))
    assert len(queries) >= 3, queries
    query = tab.locator("input.md-search__input")
    query.click()
    for term in queries:
        query.fill(term)
        query.press("End")
        results = tab.locator(".md-search-result__item a")
        results.first.wait_for(timeout=10_000)
        hrefs = results.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
        assert f"/{slug}/" in hrefs, (term, hrefs)
        assert all(href.startswith(f"/{slug}/") for href in hrefs), hrefs


RTL_LOCALES = [loc for loc in BUILT if loc.is_rtl]
FALLBACK_PAGES = ["your-rights/appeals/", "law-enforcement/legal-process/", "resources/glossary/",
                  "law-enforcement/data-we-hold/"]


@pytest.mark.parametrize("loc", RTL_LOCALES, ids=lambda loc: loc.slug)
def test_english_pages_in_right_to_left_locales_stay_left_to_right_on_a_phone(new_page, server, loc):
    tab = new_page(viewport={"width": 390, "height": 844})
    for path in FALLBACK_PAGES:
        if PROJECT.is_translated(loc.slug, path.rstrip("/") + ".md"):
            continue
        tab.goto(f"{server}/{loc.slug}/{path}")
        assert tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0, path
        english = tab.locator(".hc-english")
        assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
        layout = english.evaluate("""e => {
          const li = e.querySelector('.md-typeset li'), cell = e.querySelector('td'), text = e.querySelector('p');
          const box = e.getBoundingClientRect();
          return {li: li && [parseFloat(getComputedStyle(li).marginLeft), parseFloat(getComputedStyle(li).marginRight)],
                  cell: cell && getComputedStyle(cell).textAlign,
                  start: text.getBoundingClientRect().left - box.left};
        }""")
        if layout["li"]:
            assert layout["li"][0] > layout["li"][1], (path, layout)  # bullets on the left
        if layout["cell"]:
            assert layout["cell"] in ("left", "start"), (path, layout)
        assert layout["start"] < 2, (path, layout)  # text starts at the left edge


NOT_FOUND = [loc for loc in (built(lambda l: l.is_rtl), built(lambda l: l.tag.startswith(("ja", "zh"))),
                             built(lambda l: not l.full), SOURCE) if loc]


@pytest.mark.parametrize("loc", NOT_FOUND, ids=lambda loc: loc.slug)
def test_a_missing_address_shows_the_404_of_its_locale_and_stays_a_404(new_page, server, loc):
    tab = new_page()
    response = tab.goto(f"{server}/{loc.slug}/no/such/page/")
    assert response.status == 404
    expect(tab.locator("html")).to_have_attribute("lang", loc.tag)
    assert tab.evaluate("document.documentElement.dir") == loc.dir
    assert tab.locator("h1").text_content().strip() == PROJECT.strings[loc.slug].site["not_found_title"]
    assert tab.url == f"{server}/{loc.slug}/no/such/page/"


def test_a_missing_address_without_javascript_is_the_english_404(browser, server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    assert tab.goto(f"{server}/{BUILT[-1].slug}/no-such-page/").status == 404
    assert tab.locator("h1").text_content().strip() == PROJECT.strings[SOURCE.slug].site["not_found_title"]
    context.close()


def test_the_home_page_works_without_javascript_but_its_search_field(browser, server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{server}/{SOURCE.slug}/")
    assert tab.locator(".hc-home__search").is_hidden()
    cards = tab.locator(".hc-card")
    assert cards.count() == len(PROJECT.pages[(SOURCE.slug, "index.md")].data["home"]["sections"])
    cards.nth(1).click()
    assert tab.url != f"{server}/{SOURCE.slug}/" and tab.locator("article h1").count() == 1
    context.close()


def test_the_home_page_search_field_opens_the_sites_search(new_page, server):
    tab = new_page()
    tab.goto(f"{server}/{SOURCE.slug}/")
    field = tab.locator("[data-hc-search]")
    field.click()
    field.type("ap")
    tab.keyboard.type("peal")
    assert tab.locator("input.md-search__input").input_value() == "appeal"
    tab.locator(".md-search-result__item").first.wait_for()


def test_breadcrumbs_start_at_the_help_center_and_end_at_the_page(new_page, server):
    tab = new_page()
    tab.goto(f"{server}/{SOURCE.slug}/{ARTICLE}")
    items = tab.locator(".md-path__item")
    assert items.first.text_content().strip() == PROJECT.strings[SOURCE.slug].site["site_name"]
    title = PROJECT.pages[(SOURCE.slug, ARTICLE.rstrip("/") + ".md")].data["title"]
    assert items.last.locator("[aria-current=page]").text_content().strip() == title


def test_language_menu_takes_a_page_to_the_same_page_in_another_language(new_page, server):
    target = built(lambda loc: loc.is_rtl) or BUILT[-1]
    tab = new_page()
    tab.goto(f"{server}/{SOURCE.slug}/commitments/")
    tab.locator(".hc-languages summary").click()
    tab.locator(f'.hc-languages__link[hreflang="{target.tag}"]').click()
    tab.wait_for_url(f"{server}/{target.slug}/commitments/")
    assert tab.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [target.tag, target.dir]


@pytest.mark.parametrize("languages, expected", [
    (loc.tag, loc.slug) for loc in BUILT[1:4]
] + [("xx", SOURCE.slug)])
def test_root_sends_the_browser_to_its_best_locale(new_page, server, languages, expected):
    tab = new_page(locale=languages)
    tab.goto(f"{server}/")
    tab.wait_for_url(f"{server}/{expected}/")


def test_root_without_javascript_lists_every_language(browser, server):
    context = browser.new_context(locale="ja", java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{server}/")
    assert tab.url == f"{server}/" and urlsplit(tab.url).path == "/"
    assert tab.locator("#hc-locales a").count() == len(BUILT)
    context.close()
