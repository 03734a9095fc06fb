"""Translator tools and checks, run on a temporary copy of the repository."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from helpcenter import strings, translations
from helpcenter.serve_static import serve
from tests.conftest import LOCALES

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("docs", "includes", "overrides", "helpcenter", "locales.yml", "mkdocs.yml")


class Tree:
    """A copy of the repository's sources, with our CLI run inside it."""

    def __init__(self, path: Path):
        self.path = path
        for name in COPIED:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, path / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy(source, path / name)

    def __truediv__(self, other) -> Path:
        return self.path / other

    def run(self, *args, ok=True):
        result = subprocess.run([sys.executable, "-m", "helpcenter", *args], cwd=self.path,
                                capture_output=True, text=True,
                                env={"PATH": "/usr/bin:/bin", "HOME": str(self.path)})
        if ok:
            assert result.returncode == 0, result.stdout + result.stderr
        return result


@pytest.fixture
def tree(tmp_path):
    return Tree(tmp_path)


def status_of(tree, slug):
    report = json.loads(tree.run("status", "--json", slug).stdout)
    return report[0]


def built(tree, path):
    return lxml_html.fromstring((tree / "site" / path / "index.html").read_bytes())


def test_every_translation_records_its_english_source_and_review_state():
    for loc in LOCALES[1:]:
        for uri in translations.english_pages():
            state = translations.page_state(loc.slug, uri)
            if state.state != "missing":
                assert state.recorded["status"] in ("draft", "reviewed")


def test_source_hash_ignores_white_space_only_edits(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("---\ntitle: A\n---\n# A\n\nOne two\nthree.\n", encoding="utf-8")
    before = translations.source_hash(page)
    page.write_text("---\ntitle:   A\n---\n\n# A\n\nOne   two three.\n\n", encoding="utf-8")
    assert translations.source_hash(page) == before
    page.write_text("---\ntitle: A\n---\n# A\n\nOne two four.\n", encoding="utf-8")
    assert translations.source_hash(page) != before


def test_editing_english_makes_translations_outdated_until_refreshed(tree):
    assert status_of(tree, "ja")["outdated"] == 0
    english = tree / "docs/en/commitments/index.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new closing sentence.\n", encoding="utf-8")
    row = status_of(tree, "ja")
    assert row["outdated"] == 1 and row["todo"][0] == {"page": "commitments/index.md", "state": "outdated"}
    tree.run("build", "--locale", "en", "--locale", "ja")
    banner = built(tree, "ja/commitments").cssselect(".hc-notice--outdated")
    assert banner and banner[0].cssselect('a[href="../../en/commitments/"]')
    dashboard = built(tree, "en/translations").text_content()
    assert "outdated: commitments/index.md" in dashboard
    tree.run("refresh", "ja", "commitments/index.md")
    assert status_of(tree, "ja")["outdated"] == 0
    tree.run("build", "--locale", "ja")
    assert not built(tree, "ja/commitments").cssselect(".hc-notice--outdated")


def test_outdated_and_draft_banners_in_arabic_and_japanese_in_the_browser(tree, new_page):
    english = tree / "docs/en/commitments/index.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new closing sentence.\n", encoding="utf-8")
    tree.run("build", "--locale", "en", "--locale", "ar", "--locale", "ja")
    with serve(tree / "site") as base:
        for slug, direction in (("ar", "rtl"), ("ja", "ltr")):
            tab = new_page()
            tab.goto(f"{base}/{slug}/commitments/")
            assert tab.evaluate("document.documentElement.dir") == direction
            texts = strings.load(slug)
            outdated = tab.locator(".hc-notice--outdated")
            assert outdated.is_visible() and texts["outdated_notice"] in outdated.text_content()
            outdated.locator("a").click()
            tab.wait_for_url(f"{base}/en/commitments/")
            tab.go_back()
            draft = tab.locator(".hc-notice--draft")
            assert draft.is_visible() and draft.text_content().strip() == texts["draft_notice"]


def test_start_and_review_a_page(tree):
    tree.run("start", "es", "your-rights/appeals.md")
    page = translations.read(tree / "docs/es/your-rights/appeals.md")
    assert page.data["translation"]["status"] == "draft"
    assert page.data["translation"]["source"] == translations.source_hash(tree / "docs/en/your-rights/appeals.md")
    assert tree.run("start", "es", "your-rights/appeals.md", ok=False).returncode == 1
    tree.run("review", "es", "your-rights/appeals.md", "--by", "A. Reviewer")
    block = translations.read(tree / "docs/es/your-rights/appeals.md").data["translation"]
    assert block["status"] == "reviewed" and block["reviewed_by"] == "A. Reviewer"
    assert status_of(tree, "es")["reviewed"] == 1


def test_add_locale_builds_at_once_and_joins_every_language_menu(tree):
    result = tree.run("add-locale", "el")
    assert "docs/el/index.md" in result.stdout
    tree.run("build", "--locale", "el", "--locale", "en")
    root = built(tree, "el")
    assert (root.get("lang"), root.get("dir")) == ("el", "ltr")
    assert built(tree, "el/commitments").cssselect(".hc-notice--fallback")
    menu = [a.text_content().strip() for a in built(tree, "en/commitments").cssselect(".md-select__link")]
    assert menu[-1] == "Ελληνικά" and len(menu) == len(LOCALES) + 1


@pytest.mark.parametrize(
    "breakage, message",
    [
        (lambda t: (t / "docs/es/no-such-page.md").write_text("---\ntitle: X\n---\n# X\n"),
         "docs/es/no-such-page.md: translates docs/en/no-such-page.md, which does not exist"),
        (lambda t: _edit(t / "docs/ja/index.md", "status: draft", "status: finished"),
         "docs/ja/index.md:4: translation status must be one of draft, reviewed"),
        (lambda t: _drop_translation(t / "docs/ar/index.md"),
         "docs/ar/index.md:1: a translation needs a `translation:` block"),
        (lambda t: _edit_source(t / "docs/es/index.md", "0123456789abcdeZ"),
         "docs/es/index.md:4: translation source must be the 16-character hash"),
        (lambda t: (t / "docs/xx").mkdir(),
         "docs/xx/: not a locale in locales.yml"),
        (lambda t: (t / "docs/es/index.md").unlink(),
         "docs/es/index.md: locale 'es' in locales.yml has no home page"),
        (lambda t: _edit(t / "docs/es/commitments/index.md", "(privacy.md)", "(privacy.md#no-such-anchor)"),
         "privacy.md#no-such-anchor"),
    ],
    ids=["no-english-source", "bad-status", "no-metadata", "corrupt-hash", "unknown-folder",
         "no-home-page", "missing-anchor"],
)
def test_checks_fail_the_build_naming_file_and_line(tree, breakage, message):
    breakage(tree)
    result = tree.run("build", "--locale", "es", "--locale", "ja", "--locale", "ar", ok=False)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tree / "site").exists()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _drop_translation(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^translation:\n(  .*\n)+", "", text, flags=re.M), encoding="utf-8")


def _edit_source(path: Path, value: str) -> None:
    page = translations.read(path)
    _edit(path, f"source: {page.data['translation']['source']}", f"source: {value}")


def test_termbase_has_every_term_for_every_full_locale():
    import yaml

    folder = ROOT / "termbase"
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
