"""Translator and writer tools, run on copies of the project: the whole one
(`tree`) or the small one (`mini`: en, es with its home page translated, ar)."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml

from helpcenter import frontmatter, translations
from tests.conftest import LOCALES, PROJECT

PAGE = "your-rights/appeals.md"  # an English page of the project
HOME = "index.md"  # the page the small project's Spanish translates


def status_of(tree, slug):
    return json.loads(tree.run("status", "--json", slug).stdout)[0]


def block(tree, slug, uri=HOME) -> dict:
    return frontmatter.read(tree / f"docs/{slug}/{uri}", uri).data["translation"]


def test_every_translation_records_its_english_source_commit_and_state():
    for (slug, uri), state in PROJECT.states.items():
        if state.translated:
            assert state.recorded["status"] in translations.STATUSES, (slug, uri)
            assert len(state.recorded["commit"]) >= 7, (slug, uri)


def test_source_hash_ignores_white_space_only_edits():
    def hashed(text):
        return translations.source_hash(frontmatter.parse(text, "p.md"))

    before = hashed("---\ntitle: A\n---\n# A\n\nOne two\nthree.\n")
    assert hashed("---\ntitle:   A\n---\n\n# A\n\nOne   two three.\n\n") == before
    assert hashed("---\ntitle: A\n---\n# A\n\nOne two four.\n") != before


def test_start_records_the_english_commit_and_diff_shows_what_changed_since(mini):
    commit = mini.commit("first")
    mini.run("start", "es", "commitments/page.md")
    recorded = block(mini, "es", "commitments/page.md")
    assert (recorded["status"], recorded["commit"]) == ("draft", commit)
    assert mini.run("start", "es", "commitments/page.md", ok=False).returncode == 1  # already there
    mini.edit("docs/en/commitments/page.md", "Some text.", "Some clearer text.")
    out = mini.run("diff", "es", "commitments/page.md").stdout
    assert f"changes since {commit}" in out and "-Some text." in out and "+Some clearer text." in out


def test_an_outdated_page_links_to_what_changed_and_refresh_makes_it_current(mini):
    mini.commit("first")
    mini.edit("docs/en/index.md", "Welcome.", "Welcome to our help center.")
    row = status_of(mini, "es")
    assert row["todo"][0] == {"page": HOME, "state": "outdated"}  # outdated pages first
    mini.run("build", "--locale", "en", "--locale", "es")
    banner = mini.html("es/").cssselect(".hc-notice--outdated a")
    assert banner[0].get("href") == "../en/"
    assert banner[1].get("href").startswith("https://github.com/example/help-center/compare/0123456789ab...main#diff-")
    work = mini.html("en/translations/").cssselect("#work-es + ul li")
    assert any("outdated" in li.text_content() and "what changed in English" in li.text_content() for li in work)
    mini.commit("english edit")
    mini.run("refresh", "es", HOME)
    assert {"page": HOME, "state": "outdated"} not in status_of(mini, "es")["todo"]


def test_refresh_keeps_a_machine_page_machine(mini):
    mini.commit("first")
    mini.run("start", "es", "commitments/page.md", "--machine")
    mini.edit("docs/en/commitments/page.md", "Some text.", "Some clearer text.")
    mini.commit("english edit")
    mini.run("refresh", "es", "commitments/page.md")
    assert block(mini, "es", "commitments/page.md")["status"] == "machine"


def test_refresh_returns_a_reviewed_page_to_draft_unless_told_why_not(mini):
    mini.commit("first")
    mini.run("review", "es", HOME, "--by", "A. Reviewer")
    recorded = block(mini, "es")
    assert (recorded["status"], recorded["reviewed_by"]) == ("reviewed", "A. Reviewer") and recorded["reviewed_on"]
    assert status_of(mini, "es")["reviewed"] == 1
    mini.run("refresh", "es", HOME, "--keep-review", "only a date changed")
    assert (block(mini, "es")["status"], block(mini, "es")["kept_review"]) == ("reviewed", "only a date changed")
    mini.run("refresh", "es", HOME)
    recorded = block(mini, "es")
    assert recorded["status"] == "draft" and "reviewed_by" not in recorded and "kept_review" not in recorded


def test_review_refuses_a_page_still_in_english_or_outdated(mini):
    mini.commit("first")
    mini.run("start", "es", "commitments/page.md")  # a copy of the English page
    result = mini.run("review", "es", "commitments/page.md", "--by", "A. Reviewer", ok=False)
    assert result.returncode == 1 and "still mostly English" in result.stderr
    mini.edit("docs/en/index.md", "Welcome.", "Welcome to our help center.")
    result = mini.run("review", "es", HOME, "--by", "A. Reviewer", ok=False)
    assert "outdated: bring it up to date" in result.stderr


def test_a_writers_minor_edit_keeps_current_translations_current(mini):
    mini.commit("first")
    mini.run("start", "ar", HOME)  # current
    mini.commit("second")
    mini.edit("docs/en/index.md", "Welcome.", "Welcome!")  # a minor edit, not yet committed
    assert status_of(mini, "ar")["todo"][0]["state"] == "outdated"
    out = mini.run("touch", "--minor", HOME).stdout
    assert "docs/ar/index.md stays current" in out and "docs/es/index.md" in out
    assert status_of(mini, "ar")["outdated"] == 0


def test_a_new_interface_string_builds_every_locale_in_english_until_translated(mini):
    mini.edit("strings/en.yml", "contact_us: Contact us\n", "contact_us: Contact us\nnew_key: A new label\n")
    mini.run("build")
    assert "new_key" in status_of(mini, "es")["untranslated_strings"]


def test_add_locale_gives_a_locale_that_builds_and_checks_without_a_copied_page(tree):
    result = tree.run("add-locale", "sw")
    assert "strings/sw.yml" in result.stdout and "docs/sw" not in result.stdout
    assert not (tree / "docs/sw").exists()  # English is not published as Swahili
    strings = (tree / "strings/sw.yml").read_text(encoding="utf-8")
    assert "# contact_us: Contact us" in strings  # marked untranslated
    owners = (tree / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert "/docs/sw/" in owners and "/strings/sw.yml" in owners
    registry = (tree / "locales.yml").read_text(encoding="utf-8").splitlines()
    assert registry[-1] == "  - {slug: sw}"
    tree.run("build", "--locale", "sw", "--locale", "en")
    home = tree.html("sw/")
    assert (home.get("lang"), home.get("dir")) == ("sw", "ltr")
    assert home.cssselect(".hc-notice--fallback") and home.xpath('//article//div[@lang="en"]')
    menu = [(a.text or "").strip() for a in tree.html("en/commitments/").cssselect(".hc-languages__link")]
    assert menu[-1] == "Kiswahili" and len(menu) == len(LOCALES) + 1
    assert "contact_us" in status_of(tree, "sw")["untranslated_strings"]
    tree.run("check", "--locale", "sw")


def test_add_locale_full_goes_after_the_full_locales_with_a_termbase(tree):
    tree.run("add-locale", "el", "--full")
    registry = yaml.safe_load((tree / "locales.yml").read_text(encoding="utf-8"))["locales"]
    fulls = [e["slug"] for e in registry if e.get("full")]
    assert fulls[-1] == "el" and registry.index({"slug": "el", "full": True}) == len(fulls) - 1
    terms = yaml.safe_load((tree / "termbase/el.yml").read_text(encoding="utf-8"))
    assert list(terms) == list(yaml.safe_load((tree / "termbase/en.yml").read_text(encoding="utf-8")))


def test_add_locale_refuses_bad_slugs_and_undoes_everything_on_failure(tree):
    before = {p: p.read_bytes() for p in (tree / "locales.yml", tree / ".github/CODEOWNERS")}
    for args, message in [
        (["EL"], "slug 'EL' must be a lowercase BCP 47 form"),
        (["es"], "'es' is already registered"),
        (["tlh"], "CLDR has no data for 'tlh'; give --name"),
        (["el", "--theme", "xx"], "theme 'xx': Material has no partials/languages/xx.html"),
    ]:
        result = tree.run("add-locale", *args, ok=False)
        assert result.returncode == 1 and message in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in before} == before
    assert not (tree / "strings/el.yml").exists() and not (tree / "strings/tlh.yml").exists()
    tree.run("add-locale", "tlh", "--name", "tlhIngan Hol", "--dir", "ltr")


def test_status_is_the_same_in_text_and_json_and_survives_a_closed_pipe(tree):
    rows = json.loads(tree.run("status", "--json").stdout)
    text = tree.run("status").stdout
    for row in rows:
        kind = "full" if row["full"] else "partial"
        assert f"{row['locale']:8}{kind:>8}{row['translated']:>6} ({row['percent_translated']:3}%)" in text
    full = next(r for r in rows if r["full"])
    missing = [item["page"] for item in full["todo"] if item["state"] == "missing"]
    from helpcenter.translate.status import nav_order

    assert missing == [uri for uri in nav_order(PROJECT) if uri in missing]  # most important first
    pipe = subprocess.run(f"{sys.executable} -m helpcenter status | head -1", shell=True, cwd=tree.path,
                          capture_output=True, text=True)
    assert pipe.returncode == 0 and "Traceback" not in pipe.stderr and pipe.stdout.startswith("locale")
    assert tree.run("status", "xx", ok=False).returncode == 1


def test_termbase_has_every_term_for_every_full_locale():
    folder = PROJECT.paths.termbase
    english = yaml.safe_load((folder / "en.yml").read_text(encoding="utf-8"))
    assert all(entry["term"] and entry["note"] for entry in english.values())
    for loc in LOCALES[1:]:
        path = folder / f"{loc.slug}.yml"
        if not loc.full:
            assert not path.exists() or set(yaml.safe_load(path.read_text(encoding="utf-8"))) <= {*english, "spelling"}
            continue
        terms = yaml.safe_load(path.read_text(encoding="utf-8"))
        terms.pop("spelling", None)  # words the spelling check accepts
        assert list(terms) == list(english), path
        assert all(isinstance(value, str) for value in terms.values()), path


def test_a_translators_pull_request_builds_english_and_its_locales_only():
    from helpcenter.check.affected import locales_of

    full, partial = LOCALES[1].slug, LOCALES[-1].slug
    assert locales_of(PROJECT.paths, [f"docs/{full}/index.md", f"strings/{partial}.yml"]) == \
        [slug for slug in PROJECT.registry.slugs if slug in ("en", full, partial)]
    assert locales_of(PROJECT.paths, [f"includes/{partial}/abbreviations.md", f"termbase/{full}.yml"]) is not None
    for everything in (["docs/en/index.md"], ["includes/links.md"], ["helpcenter/cli.py"], ["mkdocs.yml"],
                       ["locales.yml"], [f"docs/{full}/index.md", "overrides/main.html"]):
        assert locales_of(PROJECT.paths, everything) is None, everything
