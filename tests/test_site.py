"""The built site (site/): every locale, every cross-locale feature."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from lxml import etree

from tests.conftest import BASE, BUILT, LOCALES, PROJECT, SITE, SOURCE, html_files, page, search_index

ARTICLE = "commitments/"  # the core article: translated in some locales, a fallback in others
INDEX = PROJECT.index
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def translated(slug: str, url: str) -> bool:
    src = url + "index.md" if url.endswith("/") or not url else url
    return INDEX.has(slug, src) or INDEX.has(slug, src.removesuffix("/index.md") + ".md")


def test_every_locale_is_built(site):
    for loc in BUILT:
        for name in ("index.html", "404.html", "sitemap.xml", "search/search_index.json"):
            assert (site / loc.slug / name).is_file(), f"{loc.slug}/{name}"


def test_theme_assets_are_stored_once(site):
    assert (site / "assets" / "javascripts").is_dir()
    assert not [loc.slug for loc in BUILT if (site / loc.slug / "assets").exists()]


@pytest.mark.parametrize("loc", BUILT, ids=lambda loc: loc.slug)
def test_html_lang_and_dir_on_every_page(site, loc):
    for path in (site / loc.slug).rglob("*.html"):
        root = page(str(path.relative_to(site)))
        assert (root.get("lang"), root.get("dir")) == (loc.tag, loc.dir), path


def test_language_menu_links_to_this_article_in_every_locale(site):
    for loc in BUILT:
        menu = page(f"{loc.slug}/{ARTICLE}").cssselect(".hc-languages__link")
        assert [(a.text or "").strip() for a in menu] == [other.menu_name for other in LOCALES]
        for link, other in zip(menu, LOCALES):
            target = urljoin(f"https://x/{loc.slug}/{ARTICLE}", link.get("href"))
            assert target == f"https://x/{other.slug}/{ARTICLE}"
            assert (link.get("lang"), link.get("dir"), link.get("hreflang")) == (other.tag, other.dir, other.tag)
            assert other not in BUILT or (site / other.slug / ARTICLE / "index.html").is_file()


def _hreflang(path: str) -> dict[str, str]:
    links = page(path).xpath('//link[@hreflang][contains(concat(" ", normalize-space(@rel), " "), " alternate ")]')
    return {link.get("hreflang"): link.get("href") for link in links}


def test_hreflang_is_absolute_with_x_default_and_lists_only_translations(site):
    for loc in BUILT:
        alternates = _hreflang(f"{loc.slug}/{ARTICLE}")
        expected = {o.tag: f"{BASE}{o.slug}/{ARTICLE}" for o in LOCALES if translated(o.slug, ARTICLE)}
        expected["x-default"] = f"{BASE}{SOURCE.slug}/{ARTICLE}"
        assert alternates == expected
    translated_homes = [o for o in LOCALES if PROJECT.is_translated(o.slug, "index.md")]
    assert len(_hreflang(f"{BUILT[-1].slug}/")) == len(translated_homes) + 1  # x-default too


def test_canonical_is_per_locale_and_fallbacks_point_to_english(site):
    for loc in BUILT:
        canonical = page(f"{loc.slug}/{ARTICLE}").xpath('//link[@rel="canonical"]/@href')
        owner = loc.slug if translated(loc.slug, ARTICLE) else SOURCE.slug
        assert canonical == [f"{BASE}{owner}/{ARTICLE}"]


def test_fallback_page_has_a_notice_and_english_text_marked_as_english(site):
    for loc in BUILT:
        root = page(f"{loc.slug}/{ARTICLE}")
        notice = root.cssselect(".hc-notice--fallback")
        wrapper = root.xpath('//article//div[@lang="en"][@dir="ltr"]')
        if translated(loc.slug, ARTICLE):
            assert not notice and not wrapper, loc.slug
            continue
        expected = PROJECT.strings[loc.slug].fill("fallback_notice", language=loc.name)
        assert [n.text_content().strip() for n in notice] == [expected]
        assert wrapper and wrapper[0].cssselect("h1"), loc.slug


def test_unreviewed_translations_are_marked_as_drafts(site):
    for loc in BUILT:
        if loc == SOURCE:
            continue
        notice = page(f"{loc.slug}/").cssselect(".hc-notice--draft")
        state = PROJECT.states[(loc.slug, "index.md")].state
        text = PROJECT.strings[loc.slug].site
        expected = [(text["draft_notice"], text["draft_link"], "../en/")] if state in ("draft", "machine") else []
        assert [(n.text.strip(), n.find("a").text_content(), n.find("a").get("href")) for n in notice] == expected
    assert not page("en/").cssselect(".hc-notice")


def test_every_404_is_in_its_locale(site):
    for loc in BUILT:
        root = page(f"{loc.slug}/404.html")
        assert root.cssselect("h1")[0].text_content().strip() == PROJECT.strings[loc.slug].site["not_found_title"]
        assert root.get("lang") == loc.tag
    root = page("404.html")
    assert root.get("lang") == SOURCE.tag
    assert root.cssselect("h1")[0].text_content().strip() == PROJECT.strings[SOURCE.slug].site["not_found_title"]


def _sitemap(path):
    return etree.parse(str(SITE / path))


def test_sitemap_index_lists_one_valid_sitemap_per_locale(site):
    locs = _sitemap("sitemap.xml").xpath("//sm:sitemap/sm:loc/text()", namespaces=SITEMAP_NS)
    assert locs == [f"{BASE}{loc.slug}/sitemap.xml" for loc in BUILT]


@pytest.mark.parametrize("loc", BUILT, ids=lambda loc: loc.slug)
def test_locale_sitemap_lists_only_its_existing_translated_pages(site, loc):
    tree = _sitemap(f"{loc.slug}/sitemap.xml")
    urls = tree.xpath("//sm:url/sm:loc/text()", namespaces=SITEMAP_NS)
    assert f"{BASE}{loc.slug}/" in urls
    for url in urls:
        assert url.startswith(f"{BASE}{loc.slug}/")
        rel = url[len(BASE):]
        assert (site / rel / "index.html").is_file(), url
        page_url = rel[len(loc.slug) + 1:]
        generated = loc == SOURCE and page_url == "translations/"  # the translation dashboard
        assert generated or translated(loc.slug, page_url), f"fallback page in sitemap: {url}"
    for lastmod in tree.xpath("//sm:lastmod/text()", namespaces=SITEMAP_NS):
        assert len(lastmod) == 10 and lastmod[4] == "-", lastmod


def test_no_page_loads_anything_from_another_host(site):
    loaded = "//script/@src | //link[not(contains(@rel, 'alternate')) and not(@rel='canonical')]/@href | //img/@src | //iframe/@src | //source/@src"
    for path in html_files():
        for url in page(str(path.relative_to(site))).xpath(loaded):
            assert not urlsplit(url).netloc, f"{path.relative_to(site)} loads {url}"


def test_search_index_holds_only_the_locales_pages_with_its_languages_settings(site):
    from helpcenter.build.plugin import STEMMERS

    for loc in BUILT:
        index = search_index(loc.slug)
        assert index["docs"], loc.slug
        for doc in index["docs"]:
            assert not urlsplit(doc["location"]).netloc and not doc["location"].startswith(("/", "..")), doc
        language = loc.tag.split("-")[0]
        config = index["config"]
        assert "\\u200b" in config["separator"]  # unspaced scripts are split into words in the browser
        if language in STEMMERS:
            assert config["lang"] == [STEMMERS[language]] and "stemmer" in config["pipeline"], loc.slug
        elif language != "en":
            assert (config["lang"], config["pipeline"]) == (["en"], []), loc.slug  # no English stop words


def test_root_lists_every_language_for_readers_without_javascript(site):
    links = page("index.html").cssselect("#hc-locales a")
    assert [(a.get("href"), a.text_content(), a.get("lang")) for a in links] == [
        (f"{loc.slug}/", loc.menu_name, loc.tag) for loc in BUILT
    ]


def _english_marked(element) -> bool:
    """Whether `element` sits inside something marked as English."""
    return any((e.get("lang") or "").startswith(SOURCE.tag) for e in element.iterancestors()) or \
        (element.get("lang") or "").startswith(SOURCE.tag)


@pytest.mark.parametrize("loc", [loc for loc in BUILT if loc != SOURCE], ids=lambda loc: loc.slug)
def test_a_localized_page_has_no_unmarked_english_in_its_chrome(site, loc):
    strings = PROJECT.strings[loc.slug]
    site_text = strings.site
    uri = next((u for u in PROJECT.index.pages(loc.slug) if u != "index.md"), "index.md")
    root = page(f"{loc.slug}/{uri.removesuffix('index.md').removesuffix('.md')}{'/' if not uri.endswith('index.md') else ''}")
    # The light/dark switch, the licence line, footer links: the locale's text, or marked English.
    labels = {label.get("title") for label in root.cssselect("[data-md-component=palette] label")}
    assert labels <= {site_text["palette_to_dark"], site_text["palette_to_light"]}
    for element in root.cssselect(".md-copyright__highlight, .hc-footer-links a, .hc-tools h2, .hc-notice"):
        text = " ".join(element.text_content().split())
        english = {" ".join(PROJECT.strings[SOURCE.slug].site[key].split()) for key in strings.untranslated}
        if any(value and value in text for value in english):
            assert element.cssselect(f'[lang="{SOURCE.tag}"]') or _english_marked(element), (uri, text)
    # Titles MkDocs writes into the article: permanent links and footnote back-links.
    for link in root.cssselect("article a.headerlink"):
        assert link.get("title") == site_text["permalink_title"] or _english_marked(link)
    # Hover definitions come from the locale's own abbreviations, or there are none.
    own = PROJECT.paths.includes / loc.slug / "abbreviations.md"
    abbrs = [a for a in root.cssselect("article abbr") if not _english_marked(a)]
    assert own.is_file() or not abbrs, [a.get("title") for a in abbrs][:3]


@pytest.mark.parametrize("loc", [loc for loc in BUILT if loc != SOURCE][:6], ids=lambda loc: loc.slug)
def test_fallback_titles_in_the_nav_are_marked_english(site, loc):
    fallback = next((u for u in PROJECT.index.pages(SOURCE.slug) if not PROJECT.is_translated(loc.slug, u)), None)
    if fallback is None:
        return
    url = fallback.removesuffix(".md").removesuffix("index") + ("" if fallback.endswith("index.md") else "/")
    root = page(f"{loc.slug}/{url}")
    title = PROJECT.pages[(SOURCE.slug, fallback)].data["title"]
    marked = [span for span in root.cssselect(f'.md-path span[lang="{SOURCE.tag}"], .md-nav span[lang="{SOURCE.tag}"]')
              if span.text_content().strip() == title]
    assert marked, (loc.slug, fallback)


@pytest.mark.parametrize("loc", BUILT, ids=lambda loc: loc.slug)
def test_home_cards_are_named_as_the_menu_names_their_sections(site, loc):
    root = page(f"{loc.slug}/index.html")
    menu = {a.get("href"): " ".join(a.text_content().split())
            for a in root.cssselect("nav.md-nav--primary > ul > li.md-nav__item--nested > a.md-nav__link")}
    cards = {a.get("href"): " ".join(a.cssselect("strong")[0].text_content().split())
             for a in root.cssselect(".hc-card")}
    assert cards and cards == {href: menu.get(href) for href in cards}


@pytest.mark.parametrize("loc", BUILT, ids=lambda loc: loc.slug)
def test_breadcrumbs_name_a_section_once_and_end_at_the_page(site, loc):
    """Help Center › section › page; on a section's own index page, Help Center › section."""
    site_name = PROJECT.strings[loc.slug].site["site_name"]
    for path, depth in (("your-rights/", 2), ("your-rights/appeals/", 3)):
        items = [" ".join(li.text_content().split()) for li in page(f"{loc.slug}/{path}").cssselect(".md-path__item")]
        assert len(items) == depth and items[0] == site_name and len(set(items)) == depth, items
