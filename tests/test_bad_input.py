"""Hostile and broken input, as a pull request could bring it, fed to
`helpcenter lint` and `build` on a small copy of the project (`mini`).

Every case asserts its exact outcome: either the command fails with one
clear line naming the file (and line), no traceback, nothing left behind and
no file changed outside the build's staging folder; or the input is safe and
the built HTML shows it harmless. Categories: Markdown that renders unsafe
HTML; page text and front matter; files under docs/; snippets; interface
text; the registry; the termbase; translation metadata; links and the nav."""

from __future__ import annotations

import os
import time

import pytest

from tests.conftest import MINI_PAGE

PAGE = MINI_PAGE
OTHER = "es"  # the small project's locales (tests/conftest.py): en, es (its home page translated), ar (RTL)
RTL = "ar"
HOME_T = f"docs/{OTHER}/index.md"
STRINGS = f"strings/{OTHER}.yml"
BLOCKED = "the site allows no scripts, frames, forms, inline styles or requests to other hosts"


# Breakages -------------------------------------------------------------------

def append(text: str, path: str = PAGE, at: int = 0):
    """Add `text` at the end of `path`; {line} is the line it starts on (plus `at`)."""
    def breakage(t):
        old = (t / path).read_text(encoding="utf-8")
        (t / path).write_text(old + "\n" + text + "\n", encoding="utf-8")
        return {"line": old.count("\n") + 2 + at}
    return breakage


def edit(path: str, old: str, new: str):
    def breakage(t):
        t.edit(path, old, new)
        text = (t / path).read_text(encoding="utf-8")
        return {"line": text[: text.index(new)].count("\n") + 1} if new else None
    return breakage


def write(path: str, content, binary: bool = False):
    def breakage(t):
        (t / path).parent.mkdir(parents=True, exist_ok=True)
        if binary:
            (t / path).write_bytes(content)
        else:
            (t / path).write_text(content, encoding="utf-8")
    return breakage


def symlink(path: str, target: str):
    def breakage(t):
        (t / path).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, t / path)
    return breakage


def title(value: str):
    return edit(PAGE, "title: A page\n", f"title: {value}\n")


def strings_line(text: str):
    """Set a line of the other locale's interface text (at its end); {line} is its line."""
    def breakage(t):
        old = (t / STRINGS).read_text(encoding="utf-8")
        if text.startswith("theme:") and "\ntheme:" in old:
            old = old[: old.index("\ntheme:")] + "\n"  # one theme: block
        keys = {line.partition(":")[0] for line in text.splitlines()}
        old = "".join(line for line in old.splitlines(keepends=True) if line.partition(":")[0] not in keys)
        (t / STRINGS).write_text(old + text + "\n", encoding="utf-8")
        return {"line": old.count("\n") + 1 + (1 if text.startswith("theme:") else 0)}
    return breakage


def registry(text: str):
    def breakage(t):
        old = (t / "locales.yml").read_text(encoding="utf-8")
        (t / "locales.yml").write_text(old + text + "\n", encoding="utf-8")
        return {"line": old.count("\n") + 1}
    return breakage


def both(*breakages):
    def breakage(t):
        where = {}
        for b in breakages:
            where.update(b(t) or {})
        return where
    return breakage


def source_hash(value: str):
    def breakage(t):
        import re

        text = (t / HOME_T).read_text(encoding="utf-8")
        (t / HOME_T).write_text(re.sub(r"source: [0-9a-f]{16}", f"source: {value}", text, count=1), encoding="utf-8")
    return breakage


NESTED = "".join("    " * i + "- item\n" for i in range(400))
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
ON_PAGE = f"{PAGE}:{{line}}: the page would contain "

# id, breakage, {command: expected message}; expected is formatted with what
# the breakage returns ({line}).
FAILS = [
    # Markdown that would render unsafe HTML: checked in the rendered page
    ("raw-script", append('<script>alert("hi")</script>'), {"build": ON_PAGE + "an inline <script>"}),
    ("script-after-backticks", append('```<script>alert(1)</script>'), {"build": ON_PAGE + "an inline <script>"}),
    ("img-onerror", append('<img src="x.png" onerror="alert(1)">'),
     {"build": ON_PAGE + "an event-handler attribute `onerror`"}),
    ("attr-list-onclick", append('[Click](page.md){onclick="steal()"}'),
     {"build": ON_PAGE + "an event-handler attribute `onclick`"}),
    ("javascript-link", append("[Click here](javascript:alert(1))"),
     {"build": ON_PAGE + "a `javascript:` URL in `href`"}),
    ("entity-javascript", append('<a href="&#106;avascript:alert(1)">x</a>'),
     {"build": f"{PAGE}: the page would contain a `javascript:` URL in `href`"}),
    ("tab-javascript", append('<a href="java&#9;script:alert(1)">x</a>'),
     {"build": f"{PAGE}: the page would contain a `javascript:` URL in `href`"}),
    ("data-url", append('<a href="data:text/html,hello">x</a>'), {"build": ON_PAGE + "a `data:` URL in `href`"}),
    ("iframe", append('<iframe src="https://example.com/"></iframe>'), {"build": ON_PAGE + "a <iframe> element"}),
    ("object", append('<object data="movie.swf"></object>'), {"build": ON_PAGE + "a <object> element"}),
    ("embed", append('<embed src="movie.swf">'), {"build": ON_PAGE + "a <embed> element"}),
    ("form", append('<form action="https://example.com/"><input name="q"></form>'),
     {"build": ON_PAGE + "a <form> element"}),
    ("base", append('<base href="https://example.com/">'), {"build": ON_PAGE + "a <base> element"}),
    ("meta-refresh", append('<meta http-equiv="refresh" content="0;url=https://example.com/">'),
     {"build": ON_PAGE + '<meta http-equiv="refresh">'}),
    ("svg-script", append("<svg><script>alert(1)</script></svg>"), {"build": ON_PAGE + "an inline <script>"}),
    ("svg-animate", append('<svg><a><animate attributeName="href" values="javascript:alert(1)"/>'
                           '<text>x</text></a></svg>'), {"build": ON_PAGE + "a `javascript:` URL in `values`"}),
    ("external-stylesheet", append('<link rel="stylesheet" href="https://cdn.example.com/x.css">'),
     {"build": ON_PAGE + 'a request to another host: <link href="https://cdn.example.com/x.css">'}),
    ("tracking-pixel", append('![](https://tracker.example.com/p.gif)'),
     {"build": ON_PAGE + 'a request to another host: <img src="https://tracker.example.com/p.gif">'}),
    ("style-element", append("<style>body { display: none }</style>"), {"build": ON_PAGE + "a <style> element"}),
    ("style-attribute", append('<p style="color: red">Red</p>'), {"build": ON_PAGE + "a style attribute"}),
    ("http-link", append("Read [the report](http://example.com/report)."),
     {"build": ON_PAGE + "a plain-HTTP link `http://example.com/report`: use https://"}),
    # Page text and front matter: checked when the inputs are read
    ("bidi-override", append("See [our terms](page.md) \u202eredirect\u202c."),
     {"build": f"{PAGE}:{{line}}: column 26: RIGHT-TO-LEFT OVERRIDE (U+202E)",
      "lint": f"{PAGE}:{{line}}: column 26: RIGHT-TO-LEFT OVERRIDE (U+202E)"}),
    ("zero-width-space", append("Hidden\u200bword."),
     {"build": f"{PAGE}:{{line}}: column 7: zero-width space U+200B outside Thai",
      "lint": f"{PAGE}:{{line}}: column 7: zero-width space U+200B outside Thai"}),
    ("control-character", append("Bell\x07."),
     {"build": f"{PAGE}:{{line}}: column 5: control character U+0007"}),
    ("title-yaml-escape", title('"\\x3cscript>alert(1)\\x3c/script>"'),
     {"build": f"{PAGE}:2: `title` contains HTML markup", "lint": f"{PAGE}:2: `title` contains HTML markup"}),
    ("title-html", title("<b>Bold</b>"), {"build": f"{PAGE}:2: `title` contains HTML markup"}),
    ("title-template", title("'{{ config }}'"), {"build": f"{PAGE}:2: `title` contains template syntax"}),
    ("front-matter-alias-bomb", edit(PAGE, "title: A page\n", "title: A page\n" + BOMB),
     {"build": f"{PAGE}:3: YAML anchors and aliases", "lint": f"{PAGE}:3: YAML anchors and aliases"}),
    ("front-matter-python-tag", edit(PAGE, "title: A page\n", "title: !!python/object/apply:os.system [id]\n"),
     {"build": f"{PAGE}:2: YAML tags (`tag:yaml.org,2002:python/object/apply:os.system`) are not allowed"}),
    ("front-matter-duplicate-key", edit(PAGE, "title: A page\n", "title: A page\ntitle: Another\n"),
     {"build": f"{PAGE}:3: duplicate key `title`"}),
    ("front-matter-unknown-key", edit(PAGE, "title: A page\n", "title: A page\ntemplate: redirect.html\n"),
     {"build": f"{PAGE}:3: unknown front-matter key `template`"}),
    ("page-not-utf8", write(PAGE, "---\ntitle: A\ndescription: B\n---\n\n# A\n\nCaf\xe9\n".encode("latin-1"),
                            binary=True), {"build": f"{PAGE}:8: not UTF-8", "lint": f"{PAGE}:8: not UTF-8"}),
    ("page-too-large", append("word " * 120_000), {"build": "bytes, more than the limit of 524,288; split the file"}),
    ("page-empty", write(PAGE, ""), {"build": f"{PAGE}:1: the page is empty", "lint": f"{PAGE}:1: the file is empty"}),
    ("nested-too-deep", append(NESTED), {"build": f"{PAGE}: the Markdown nests too deeply"}),
    # Files under docs/
    ("symlink-to-passwd", symlink("docs/en/passwd.md", "/etc/passwd"),
     {"build": "docs/en/passwd.md: is a symbolic link", "lint": "docs/en/passwd.md:1: is a symbolic link"}),
    ("symlink-loop", symlink("docs/en/commitments/loop", ".."),
     {"build": "docs/en/commitments/loop: is a symbolic link"}),
    ("html-file", write("docs/en/evil.html", "<script>alert(1)</script>"),
     {"build": "docs/en/evil.html: file type not allowed here"}),
    ("svg-file", write("docs/en/logo.svg", '<svg onload="alert(1)"/>'),
     {"build": "docs/en/logo.svg: file type not allowed here"}),
    ("fake-png", write("docs/en/photo.png", "<html><script>alert(1)</script></html>"),
     {"build": "docs/en/photo.png: not a PNG image"}),
    ("odd-file-name", write("docs/en/Evil Page.md", "---\ntitle: X\ndescription: Y\n---\n\n# X\n"),
     {"build": "docs/en/Evil Page.md: use lowercase letters, digits"}),
    # Snippets
    ("snippet-absolute-path", append('--8<-- "/etc/passwd"'),
     {"build": "Snippet at path '/etc/passwd' could not be found"}),
    ("snippet-escape", append('--8<-- "../docs/en/index.md"'),
     {"build": "Snippet at path '../docs/en/index.md' could not be found"}),
    ("symlink-in-includes", symlink("includes/en/env.md", "/proc/self/environ"),
     {"build": "includes/en/env.md: is a symbolic link"}),
    ("html-in-includes", write("includes/en/evil.html", "<script>alert(1)</script>"),
     {"build": "includes/en/evil.html: file type not allowed here (allowed: .md)"}),
    ("snippet-not-utf8", write("includes/en/facts.md", "Caf\xe9\n".encode("latin-1"), binary=True),
     {"build": "includes/en/facts.md:1: not UTF-8"}),
    ("script-in-snippet", both(write("includes/en/facts.md", "A fact.\n\n<script>alert(1)</script>\n"),
                               append('--8<-- "facts.md"')),
     {"build": "includes/en/facts.md:3: the page would contain an inline <script>"}),
    ("snippet-in-unknown-folder", write("includes/xx/facts.md", "A fact.\n"),
     {"build": "includes/xx/facts.md: snippets live in includes/ or includes/<locale>/"}),
    # Interface text
    ("string-html", strings_line('footer_terms: "<img src=x onerror=alert(1)>"'),
     {"build": f"{STRINGS}:{{line}}: `footer_terms` contains HTML markup",
      "lint": f"{STRINGS}:{{line}}: `footer_terms` contains HTML markup"}),
    ("string-stray-brace", strings_line("footer_terms: Terms {"),
     {"build": f"{STRINGS}:{{line}}: `footer_terms` has a stray {{{{ or }}}}"}),
    ("string-format-spec", strings_line("fallback_notice: Not in {language!r} yet."),
     {"build": f"{STRINGS}:{{line}}: `fallback_notice` has a stray {{{{ or }}}}"}),
    ("string-unknown-placeholder", strings_line("fallback_notice: Not in {idioma} yet."),
     {"build": f"{STRINGS}:{{line}}: `fallback_notice` has unknown placeholder(s) {{{{idioma}}}}"}),
    ("string-jinja", strings_line("footer_terms: \"{{ cycler.__init__.__globals__.os.popen('id').read() }}\""),
     {"build": f"{STRINGS}:{{line}}: `footer_terms` contains template syntax"}),
    ("theme-string-quote", strings_line('theme:\n  search.placeholder: \'x" autofocus onfocus="alert(1)\''),
     {"build": f"{STRINGS}:{{line}}: `theme: search.placeholder` must not contain \", &, < or >"}),
    ("theme-string-unknown-key", strings_line("theme:\n  search.evil: x"),
     {"build": f"{STRINGS}:{{line}}: `theme: search.evil` is not one of Material's interface strings"}),
    ("theme-string-search-config", strings_line('theme:\n  search.config.separator: "."'),
     {"build": f"{STRINGS}:{{line}}: `theme: search.config.separator` is set by the build"}),
    ("string-alias", strings_line("x: &x Terms\nfooter_terms: *x"),
     {"build": f"{STRINGS}:{{line}}: YAML anchors and aliases"}),
    ("string-not-text", strings_line("footer_terms: [Terms, Conditions]"),
     {"build": f"{STRINGS}:{{line}}: `footer_terms` must be text"}),
    ("string-unknown-key", strings_line("footer_term: Terms"),
     {"build": f"{STRINGS}:{{line}}: unknown string `footer_term`"}),
    ("string-bidi", strings_line("footer_terms: Terms\u202e"),
     {"build": f"{STRINGS}:{{line}}: `footer_terms` column 6: RIGHT-TO-LEFT OVERRIDE"}),
    ("strings-not-utf8", write(STRINGS, "footer_terms: T\xe9rminos\n".encode("latin-1"), binary=True),
     {"build": f"{STRINGS}:1: not UTF-8", "lint": f"{STRINGS}:1: not UTF-8"}),
    # The registry
    ("slug-path-traversal", registry("  - {slug: ../includes}"),
     {"build": "locales.yml:{line}: slug '../includes' must be a lowercase BCP 47 form"}),
    ("slug-uppercase", registry("  - {slug: EL}"), {"build": "locales.yml:{line}: slug 'EL' must be"}),
    ("name-markup", registry("  - {slug: qq, name: '<img src=x onerror=alert(1)>', dir: ltr}"),
     {"build": "locales.yml:{line}: `name`: contains HTML markup"}),
    ("full-not-boolean", registry("  - {slug: el, full: 'yes'}"),
     {"build": "locales.yml:{line}: `full` must be true or false"}),
    ("registry-alias", registry("  - &e {slug: el}\n  - *e"), {"build": "locales.yml:{line}: YAML anchors"}),
    # The termbase
    ("termbase-markup", write(f"termbase/{OTHER}.yml", 'appeal: "<a href=\'javascript:alert(1)\'>recurso</a>"\n'),
     {"lint": f"termbase/{OTHER}.yml:1: `appeal` contains HTML markup"}),
    ("termbase-alias", write(f"termbase/{OTHER}.yml", "a: &a recurso\nappeal: *a\n"),
     {"lint": f"termbase/{OTHER}.yml:1: YAML anchors and aliases"}),
    # Translation metadata
    ("translation-status", edit(HOME_T, "status: draft", "status: finished"),
     {"build": f"{HOME_T}:4: translation status must be one of draft, machine, reviewed"}),
    ("translation-hash", source_hash("0123456789abcdeZ"),
     {"build": f"{HOME_T}:4: translation source must be the 16-character hash"}),
    ("reviewed-without-reviewer", edit(HOME_T, "status: draft", "status: reviewed"),
     {"build": f"{HOME_T}:4: a reviewed page records `reviewed_by` and `reviewed_on`"}),
    ("translation-without-english", write(f"docs/{OTHER}/gone.md", "---\ntitle: X\ndescription: Y\n---\n\n# X\n"),
     {"build": f"docs/{OTHER}/gone.md:1: translates docs/en/gone.md, which does not exist"}),
    # Links and the nav
    ("broken-link", append("[Nowhere](nowhere.md)"),
     {"build": "Doc file 'commitments/page.md' contains a link 'nowhere.md', but the target "
               "'commitments/nowhere.md' is not found among documentation files"}),
    ("missing-anchor", append("[Nowhere](index.md#nowhere)"),
     {"build": "Doc file 'commitments/page.md' contains a link 'index.md#nowhere', but the doc 'commitments/index.md' "
               "does not contain an anchor '#nowhere'"}),
    ("page-in-no-nav", write("docs/en/commitments/orphan.md", "---\ntitle: X\ndescription: Y\n---\n\n# X\n\nText.\n"),
     {"lint": "docs/en/commitments/orphan.md:1: the page is in no nav",
      "build": 'not included in the "nav" configuration:\n  - commitments/orphan.md'}),
]


def _cases():
    for name, breakage, expected in FAILS:
        for command, message in expected.items():
            yield pytest.param(breakage, command, message, id=f"{name}-{command}")


def _snapshot(tree) -> dict[str, bytes]:
    return {p.relative_to(tree.path).as_posix(): p.read_bytes() for p in tree.path.rglob("*")
            if p.is_file() and not p.is_symlink() and p.name != ".site.lock"}


@pytest.mark.parametrize("breakage, command, expected", list(_cases()))
def test_bad_input_fails_with_one_line_naming_file_and_line(mini, breakage, command, expected):
    where = breakage(mini) or {}
    before = _snapshot(mini)
    started = time.monotonic()
    result = mini.run(command, ok=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert expected.format(**where) in output, output
    assert time.monotonic() - started < 60  # nothing hangs
    if command == "lint":
        assert len(result.stdout.splitlines()) == 1, output  # exactly the one finding
    else:
        assert result.stderr.count("error: ") == 1, output  # each problem once, for every locale it breaks
    assert not (mini / "site").exists() and not list(mini.path.glob(".site.*.partial"))
    assert _snapshot(mini) == before  # no source file changed or deleted


# Safe input: it builds, and the built HTML shows it harmless -----------------


def test_quotes_and_ampersands_in_titles_and_descriptions_are_escaped(mini):
    mini.edit(PAGE, "title: A page\n", "title: 'Terms & \"conditions\"'\n")
    mini.edit(PAGE, "# A page", '# Terms & "conditions"')
    mini.edit(PAGE, "description: A page", "description: 'A \"quoted\" description & more:")
    mini.edit(PAGE, "clear line.", "clear line.'")
    mini.run("build")
    page = mini.html("en/commitments/page/")
    assert page.findtext(".//title").startswith('Terms & "conditions"')
    meta = {m.get("name") or m.get("property"): m.get("content") for m in page.iter("meta")}
    assert meta["description"].startswith('A "quoted" description & more:')
    assert meta["og:title"] == 'Terms & "conditions"'
    before = mini.html("en/commitments/")  # the page's title in another page's nav, rendered before it
    assert 'Terms & "conditions"' in [a.text_content().strip() for a in before.cssselect(".md-nav__link")]


def test_hidden_files_are_left_out_of_the_site(mini):
    mini.write("docs/en/.htaccess", "Redirect 301 / https://example.com/\n")
    mini.run("build")
    assert not list((mini / "site").rglob(".htaccess"))


def test_rtl_text_may_use_directional_marks_and_joiners(mini):
    text = (mini / HOME_T).read_text(encoding="utf-8").replace("es/", "x/")
    mini.write(f"docs/{RTL}/index.md", text + "\n\u200fنص\u200c عربي\u200f.\n")
    mini.run("build")
    assert "\u200c" in mini.html(f"{RTL}/").cssselect("article")[0].text_content()


def test_a_slug_that_escapes_docs_deletes_nothing(mini):
    registry("  - {slug: ../includes}")(mini)
    before = _snapshot(mini)
    assert mini.run("build", ok=False).returncode == 1
    assert _snapshot(mini) == before and (mini / "includes/links.md").is_file()


def test_the_count_of_hostile_inputs():
    assert len(FAILS) >= 40
