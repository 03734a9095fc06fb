"""Every link in the built site resolves to a file of the site (and its
#fragment to an id there), in every locale: pages, chrome and generated pages."""

from __future__ import annotations

from helpcenter.check import links
from tests.conftest import BASE, BUILT, LOCALES

UNBUILT = {loc.slug for loc in LOCALES} - {loc.slug for loc in BUILT}


def test_no_broken_links_in_any_page_of_any_locale(site):
    problems = links.check(site, BASE, unbuilt=UNBUILT)
    assert problems == [], f"{len(problems)} broken link(s):\n" + "\n".join(problems[:40])


def test_every_sitemap_entry_is_a_page(site):
    assert links.sitemap_problems(site, BASE) == []


def test_the_link_check_finds_a_broken_raw_html_link_that_mkdocs_does_not(tree):
    page = "docs/en/resources/glossary.md"
    text = (tree / page).read_text(encoding="utf-8")
    (tree / page).write_text(text + '\n<a href="../nowhere/">Nowhere</a> and <a href="#no-such-id">here</a>.\n',
                             encoding="utf-8")
    tree.run("build", "--locale", "en")
    problems = links.check(tree / "site", BASE, jobs=1)
    assert "en/resources/glossary/index.html: ../nowhere/: no such file in the site" in problems
    assert "en/resources/glossary/index.html: #no-such-id: no id `no-such-id` in en/resources/glossary/index.html" \
        in problems
