"""Broken input, fed to `helpcenter lint` and `build` on a copy of the
project. Each must fail with a clear message naming the file (and the line,
where there is one), without a Python traceback, and leave no site/ behind."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import Tree


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _edit_source(path, value):
    import re

    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"source: [0-9a-f]{16}", f"source: {value}", text, count=1), encoding="utf-8")


PAGE = "docs/en/commitments/privacy.md"  # line 8 is the first paragraph
TRANSLATION = "docs/es/index.md"  # its `translation:` block starts on line 4
STRINGS = "strings/es.yml"
NAV_LAST = "      - resources/terms.md\n"


def append(path: str, text: str, at: int = 0):
    """Add `text` to the page after a blank line; {line} is the line it
    starts on (plus `at`: the line of the text that is wrong)."""
    def breakage(t: Tree) -> dict:
        old = (t / path).read_text(encoding="utf-8")
        (t / path).write_text(old + "\n" + text + "\n", encoding="utf-8")
        return {"line": old.count("\n") + 2 + at}
    return breakage


def edit(path: str, old: str, new: str):
    return lambda t: _edit(t / path, old, new)


def write(path: str, text: str):
    def breakage(t: Tree) -> None:
        (t / path).parent.mkdir(parents=True, exist_ok=True)
        (t / path).write_text(text, encoding="utf-8")
    return breakage


def copy(source: str, path: str):
    def breakage(t: Tree) -> None:
        (t / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(t / source, t / path)
    return breakage


def nav_entry(uri: str):
    """Add `uri` as the last page of the nav; {line} is its line in mkdocs.yml."""
    def breakage(t: Tree) -> dict:
        text = (t / "mkdocs.yml").read_text(encoding="utf-8")
        _edit(t / "mkdocs.yml", NAV_LAST, f"{NAV_LAST}      - {uri}\n")
        return {"line": text[: text.index(NAV_LAST) + len(NAV_LAST)].count("\n") + 1}
    return breakage


def latin1(path: str, old: str, new: str):
    """Replace `old` with `new` encoded as Latin-1: the file is no longer UTF-8."""
    def breakage(t: Tree) -> None:
        data = (t / path).read_bytes()
        assert old.encode() in data
        (t / path).write_bytes(data.replace(old.encode(), new.encode("latin-1"), 1))
    return breakage


def both(*breakages):
    def breakage(t: Tree):
        for b in breakages:
            b(t)
    return breakage


def new_locale(slug: str, after: str = "  - {slug: hi}"):
    """Register `slug` with a home page and UI strings copied from Spanish."""
    return both(edit("locales.yml", after, f"{after}\n  - {{slug: {slug}}}"),
                copy(TRANSLATION, f"docs/{slug}/index.md"), copy(STRINGS, f"overrides/strings/{slug}.yml"))


VALID_PAGE = "---\ntitle: Orphan\ndescription: A page.\n---\n\n# Orphan\n\nText.\n"
ON_PAGE = f"{PAGE}:{{line}}: "
NOT_UTF8 = "not UTF-8"  # the build's message may differ; lint's is `path:line: not UTF-8 (byte N)`

# id, breakage, {command: expected text (or tuple of texts)}, locales to build
CASES = [
    # Links, the page tree, the locale registry
    ("broken-link", edit(PAGE, "(../law-enforcement/legal-process.md)", "(../law-enforcement/no-such-page.md)"),
     {"build": "Doc file 'commitments/privacy.md' contains a link '../law-enforcement/no-such-page.md'"}),
    ("missing-anchor",
     edit(PAGE, "(../law-enforcement/legal-process.md)", "(../law-enforcement/legal-process.md#nope)"),
     {"build": "'commitments/privacy.md' contains a link '../law-enforcement/legal-process.md#nope'"}),
    ("duplicate-nav-entry", nav_entry("commitments/privacy.md"),
     {"lint": "mkdocs.yml:{line}: duplicate nav entry `commitments/privacy.md`"}),
    ("nav-entry-without-page", nav_entry("resources/gone.md"),
     {"lint": "mkdocs.yml:{line}: nav entry `resources/gone.md` has no page docs/en/resources/gone.md",
      "build": "A reference to 'resources/gone.md' is included in the 'nav' configuration"}),
    ("page-in-no-nav", write("docs/en/resources/orphan.md", VALID_PAGE),
     {"lint": "docs/en/resources/orphan.md:1: the page is in no nav",
      "build": 'not included in the "nav" configuration:\n  - resources/orphan.md'}),
    ("translation-without-english", write("docs/es/no-such-page.md", VALID_PAGE),
     {"lint": "docs/es/no-such-page.md:1: translates docs/en/no-such-page.md, which does not exist",
      "build": "docs/es/no-such-page.md:1: translates docs/en/no-such-page.md, which does not exist"}, ["es"]),
    ("unknown-locale-folder", copy(TRANSLATION, "docs/xx/index.md"),
     {"lint": "docs/xx/: not a locale in locales.yml", "build": "docs/xx/: not a locale in locales.yml"}),
    ("registered-locale-without-folder",
     both(edit("locales.yml", "  - {slug: hi}", "  - {slug: hi}\n  - {slug: el}"),
          copy(STRINGS, "strings/el.yml")),
     {"lint": "docs/el/index.md:1: locale 'el' in locales.yml has no home page",
      "build": "docs/el/index.md: locale 'el' in locales.yml has no home page"}),
    ("locale-without-strings", both(edit("locales.yml", "  - {slug: hi}", "  - {slug: hi}\n  - {slug: sw}"),
                                    copy(TRANSLATION, "docs/sw/index.md")),
     {"lint": "strings/sw.yml:1: missing interface text for locale 'sw'",
      "build": "strings/sw.yml: missing interface text for locale 'sw'"}, ["sw"]),
    ("broken-locales-yml", edit("locales.yml", "  - {slug: es, full: true}", "  - {slug: es, full: true"),
     {"lint": "locales.yml:19: invalid YAML", "build": "locales.yml:19: invalid YAML"}),
    ("locales-yml-not-utf8", latin1("locales.yml", "  - {slug: hi}", "  - {slug: hi}  # café"),
     {"lint": "locales.yml:30: not UTF-8", "build": ("locales.yml", "UTF-8")}, ["en"]),
    # UI strings
    ("strings-unknown-key", edit(STRINGS, "contact_us: Contacto\n", "contact_us: Contacto\ncontactus: Contacto\n"),
     {"lint": f"{STRINGS}:5: unknown string `contactus`",
      "build": f"{STRINGS}:5: unknown string `contactus`"}, ["es"]),
    ("strings-wrong-placeholder", edit(STRINGS, "{language}", "{idioma}"),
     {"lint": f"{STRINGS}:16: `fallback_notice` has unknown placeholder(s) {{{{idioma}}}}; allowed: {{{{language}}}}",
      "build": f"{STRINGS}:16: `fallback_notice` has unknown placeholder(s) {{{{idioma}}}}; allowed: {{{{language}}}}"},
     ["es"]),
    ("strings-not-utf8", latin1(STRINGS, "contact_us: Contacto", "contact_us: Contácto"),
     {"lint": f"{STRINGS}:4: {NOT_UTF8}", "build": (STRINGS, "UTF-8")}, ["es"]),
    # Front matter and translation metadata
    ("malformed-front-matter", edit(PAGE, "title: Privacy", "title: [Privacy"),
     {"lint": f"{PAGE}:3: invalid YAML", "build": f"{PAGE}:3: invalid YAML"}),
    ("unknown-front-matter-key", edit(PAGE, "title: Privacy\n", "title: Privacy\nauthor: Someone\n"),
     {"lint": f"{PAGE}:3: unknown front-matter key `author`",
      "build": f"{PAGE}:3: unknown front-matter key `author`"}),
    ("missing-title", edit(PAGE, "title: Privacy\n", ""),
     {"lint": f"{PAGE}:1: front matter needs a `title`", "build": f"{PAGE}:1: front matter needs a `title`"}),
    ("title-not-text", edit(PAGE, "title: Privacy", "title: [Privacy, Policy]"),
     {"lint": f"{PAGE}:2: `title` must be text", "build": f"{PAGE}:2: `title` must be text"}),
    ("corrupt-translation-hash", lambda t: _edit_source(t / TRANSLATION, "ea53abadf4608f7Z"),
     {"lint": f"{TRANSLATION}:4: translation source must be the 16-character hash",
      "build": f"{TRANSLATION}:4: translation source must be the 16-character hash"}, ["es"]),
    ("bad-translation-status", edit(TRANSLATION, "status: draft", "status: finished"),
     {"lint": f"{TRANSLATION}:4: translation status must be one of draft, machine, reviewed",
      "build": f"{TRANSLATION}:4: translation status must be one of draft, machine, reviewed"}, ["es"]),
    # Files
    ("empty-file", write(PAGE, ""),
     {"lint": f"{PAGE}:1: the file is empty", "build": f"{PAGE}:1: the page is empty"}),
    ("page-not-utf8", latin1(PAGE, "You trust us", "Vous êtes"),
     {"lint": f"{PAGE}:8: {NOT_UTF8}", "build": (PAGE, "UTF-8")}, ["en"]),
    ("missing-include", lambda t: (t / "includes/links.md").unlink(),
     {"build": "Snippet at path 'links.md' could not be found"}, ["en"]),
    # Markdown
    ("raw-script", append(PAGE, '<script>alert("hi")</script>'),
     {"lint": ON_PAGE + "raw <script> is not allowed"}),
    ("raw-iframe", append(PAGE, '<iframe src="https://example.com/"></iframe>'),
     {"lint": ON_PAGE + "raw <iframe> is not allowed"}),
    ("raw-style", append(PAGE, "<style>body { display: none }</style>"),
     {"lint": ON_PAGE + "raw <style> is not allowed"}),
    ("event-handler", append(PAGE, '<a href="#top" onclick="steal()">Top</a>'),
     {"lint": ON_PAGE + "event-handler attribute `onclick=` is not allowed"}),
    ("javascript-url", append(PAGE, "[Click here](javascript:alert(1))"),
     {"lint": ON_PAGE + "`javascript:` URLs are not allowed"}),
    ("http-link", append(PAGE, "Read [the report](http://example.com/report)."),
     {"lint": ON_PAGE + "plain-HTTP link `http://example.com/report`: use https://"}),
    ("extremely-long-line", append(PAGE, "word " * 449 + "words"),
     {"lint": ON_PAGE + "extremely long line (2250 characters; at most 2000)"}),
    ("nested-admonition", append(PAGE, '!!! note "Outer"\n    Outer text.\n\n    !!! warning "Inner"\n'
                                       "      Inner text, two spaces short.", at=3),
     {"lint": ON_PAGE + "admonition content is indented 2 spaces: indent it by exactly 4"}),
    ("admonition-header", append(PAGE, '!!!note "Missing space"\n    Text.'),
     {"lint": ON_PAGE + 'admonition must read `!!! type "Optional title"`'}),
    ("admonition-without-content", append(PAGE, "??? question\nNot indented."),
     {"lint": ON_PAGE + "admonition has no content"}),
    ("heading-jump", edit(PAGE, "## We disclose", "#### We disclose"),
     {"lint": f"{PAGE}:10: heading jumps from H1 to H4: use H2"}),
    ("second-h1", append(PAGE, "# Another title"),
     {"lint": ON_PAGE + "a second `# ` heading"}),
    ("trailing-white-space", edit(PAGE, "You trust us", "You trust us  \n"),
     {"lint": f"{PAGE}:8: trailing white space"}),
    ("hard-tab", edit(PAGE, "You trust us", "You\ttrust us"),
     {"lint": f"{PAGE}:8: hard tab"}),
    ("misspelling", edit(PAGE, "You trust us", "You trust us, teh service,"),
     {"lint": f"{PAGE}:8: teh ==> the"}),
]


def _params():
    for case in CASES:
        name, breakage, expected = case[:3]
        slugs = case[3] if len(case) > 3 else ["en"]
        for command, message in expected.items():
            yield pytest.param(breakage, command, message, slugs if command == "build" else [],
                               id=f"{name}-{command}")


@pytest.mark.parametrize("breakage, command, expected, slugs", list(_params()))
def test_bad_input_fails_with_one_message_naming_file_and_line(tree, breakage, command, expected, slugs):
    where = breakage(tree) or {}
    result = tree.run(command, *(arg for slug in slugs for arg in ("--locale", slug)), ok=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    for text in [expected] if isinstance(expected, str) else expected:
        assert text.format(**where) in output, output
    if command == "lint":  # exactly one finding, `path:line: message`
        assert len(result.stdout.splitlines()) == 1, output
    assert not (tree / "site").exists() and not (tree / ".site.partial").exists()


def test_the_repository_passes_lint(tree):
    """The real content is clean, and code in fenced blocks may show what
    prose may not (an http:// example, a <script> tag)."""
    append(PAGE, '```html\n<script src="http://example.com/x.js"></script>\n```')(tree)
    result = tree.run("lint")
    assert result.stdout.strip() == "lint: no problems"
