"""Translator tools and checks, run on a copy of the project (`tree`)."""

from __future__ import annotations

import json

from helpcenter import frontmatter, translations
from tests.conftest import LOCALES, PROJECT

PAGE = "your-rights/appeals.md"  # an English page
FALLBACK_LOCALE = next(loc.slug for loc in LOCALES[1:] if not PROJECT.is_translated(loc.slug, PAGE))


def status_of(tree, slug):
    return json.loads(tree.run("status", "--json", slug).stdout)[0]


def block(tree, slug, uri=PAGE) -> dict:
    return frontmatter.read(tree / f"docs/{slug}/{uri}", uri).data["translation"]


def test_every_translation_records_its_english_source_and_review_state():
    for (slug, uri), state in PROJECT.states.items():
        if state.translated:
            assert state.recorded["status"] in translations.STATUSES, (slug, uri)


def test_source_hash_ignores_white_space_only_edits():
    def hashed(text):
        return translations.source_hash(frontmatter.parse(text, "p.md"))

    before = hashed("---\ntitle: A\n---\n# A\n\nOne two\nthree.\n")
    assert hashed("---\ntitle:   A\n---\n\n# A\n\nOne   two three.\n\n") == before
    assert hashed("---\ntitle: A\n---\n# A\n\nOne two four.\n") != before


def test_start_translate_outdate_refresh_and_review_a_page(tree):
    slug = FALLBACK_LOCALE
    tree.run("start", slug, PAGE)
    assert block(tree, slug)["status"] == "draft"
    assert status_of(tree, slug)["draft"] >= 1
    assert tree.run("start", slug, PAGE, ok=False).returncode == 1  # already there
    english = tree / f"docs/en/{PAGE}"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new closing sentence.\n", encoding="utf-8")
    row = status_of(tree, slug)
    assert {"page": PAGE, "state": "outdated"} in row["todo"]
    assert row["todo"][0]["state"] == "outdated"  # outdated pages first
    tree.run("build", "--locale", "en", "--locale", slug)
    url = PAGE.removesuffix(".md") + "/"
    banner = tree.html(f"{slug}/{url}").cssselect(".hc-notice--outdated")
    assert banner and banner[0].cssselect(f'a[href="../../../en/{url}"]')
    dashboard = tree.html("en/translations/")
    work = dashboard.cssselect(f"#work-{slug} + ul li")
    assert any("outdated" in li.text_content() and PAGE in li.text_content() for li in work)
    tree.run("refresh", slug, PAGE)
    assert {"page": PAGE, "state": "outdated"} not in status_of(tree, slug)["todo"]
    tree.run("review", slug, PAGE, "--by", "A. Reviewer")
    recorded = block(tree, slug)
    assert recorded["status"] == "reviewed" and recorded["reviewed_by"] == "A. Reviewer"
    assert status_of(tree, slug)["reviewed"] == 1
    tree.run("build", "--locale", slug)
    assert not tree.html(f"{slug}/{url}").cssselect(".hc-notice--outdated, .hc-notice--draft")


def test_add_locale_builds_at_once_and_joins_every_language_menu(tree):
    result = tree.run("add-locale", "el")
    assert "docs/el/index.md" in result.stdout
    tree.run("build", "--locale", "el", "--locale", "en")
    root = tree.html("el/")
    assert (root.get("lang"), root.get("dir")) == ("el", "ltr")
    assert tree.html("el/commitments/").cssselect(".hc-notice--fallback")
    menu = [a.text_content().strip() for a in tree.html("en/commitments/").cssselect(".md-select__link")]
    assert menu[-1] == "Ελληνικά" and len(menu) == len(LOCALES) + 1


def test_status_of_an_unknown_locale_fails(tree):
    result = tree.run("status", "xx", ok=False)
    assert result.returncode == 1 and "unknown locale 'xx'" in result.stderr


def test_termbase_has_every_term_for_every_full_locale():
    import yaml

    folder = PROJECT.paths.termbase
    english = yaml.safe_load((folder / "en.yml").read_text(encoding="utf-8"))
    assert all(entry["term"] and entry["note"] for entry in english.values())
    for loc in LOCALES[1:]:
        path = folder / f"{loc.slug}.yml"
        if not loc.full:
            assert not path.exists() or set(yaml.safe_load(path.read_text(encoding="utf-8"))) <= set(english)
            continue
        terms = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert list(terms) == list(english), path
        assert all(isinstance(value, str) and value.strip() for value in terms.values()), path
