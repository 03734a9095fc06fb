"""Checks for writers and translators: `python -m helpcenter lint`.

Over docs/**/*.md and includes/**/*.md: encoding and empty files, front matter
and translation metadata (the build's own checks), a few layout rules MkDocs
would not catch (headings, white space, admonitions), spelling of the English
text (codespell), and the page tree:
pages in no nav, duplicate nav entries, translations without an English page.
Each finding is one line, `path:line: message`; CONTRIBUTING.md ("What the
checks mean") says how to fix each.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from helpcenter import frontmatter, strings, translations
from helpcenter.check.content import ABBREVIATION
from helpcenter.errors import InputError
from helpcenter.locales import Registry
from helpcenter.pages import TranslationIndex
from helpcenter.paths import Paths
from helpcenter.project import _includes, check_markdown

MAX_LINE = 2000

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})\s")
_BLOCK = re.compile(r"^(?P<indent> *)(?:!!!|\?\?\?\+?)(?P<rest>.*)$")  # admonition / details
_BLOCK_HEADER = re.compile(r' [a-z][a-z0-9-]*(?: [a-z][a-z0-9-]*)*(?: "[^"]*")?\s*')


def lint(paths: Paths, slugs: list[str] | None = None) -> list[str]:
    """Every finding, sorted by file and line; for the files of `slugs` (and
    the registry), or of every locale."""
    findings = not_utf8(paths)
    not_text = {finding.partition(":")[0] for finding in findings}
    if {"mkdocs.yml", "locales.yml"} & not_text:
        return findings  # nothing else can be checked without these two
    try:
        registry = Registry.load(paths.registry)
    except InputError as err:
        return findings + [_with_line(str(err))]
    english: list[Path] = []
    findings += _catch(_includes, paths, registry)
    scope = set(slugs or registry.slugs)
    for path in _markdown_files(paths, scope, registry.source.slug):
        where = paths.relative(path)
        if where in not_text or path.is_symlink():
            continue
        text = path.read_text(encoding="utf-8")
        if not text.strip():
            findings.append(f"{where}:1: the file is empty")
            continue
        if path.is_relative_to(paths.docs) and path.relative_to(paths.docs).parts[0] in registry.slugs:
            findings += _catch(_front_matter, paths, registry, path)
        findings += _markdown(paths, path, text)
        slug = path.relative_to(paths.docs if path.is_relative_to(paths.docs) else paths.includes).parts[0]
        rtl = slug in registry.slugs and registry.get(slug).is_rtl
        findings += _catch(check_markdown, where, text, rtl)
        source = registry.source.slug
        if path.is_relative_to(paths.docs_for(source)) or path.is_relative_to(paths.includes / source) \
                or path.parent == paths.includes:
            english.append(path)
    findings += _codespell(paths, english)
    findings += _catch(_registry_and_strings, paths, registry, scope)
    if registry.source.slug in scope:
        findings += _catch(_page_tree, paths, registry)
    for path in sorted(paths.termbase.glob("*.yml")):
        if path.stem in scope or path.stem not in registry.slugs:
            findings += _catch(termbase_entries, paths, registry, path)
    for path in sorted(paths.includes.glob("*/abbreviations.md")):
        if path.parent.name in scope:
            findings += _abbreviations(paths, path)
    return sorted(set(findings), key=_sort_key)


def _abbreviations(paths: Paths, path: Path) -> list[str]:
    """An abbreviations file defines each term once, in alphabetical order."""
    where = paths.relative(path)
    found, seen, previous = [], set(), ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = ABBREVIATION.match(line)
        if not match:
            continue
        term = match.group(1)
        if term in seen:
            found.append(f"{where}:{number}: `{term}` is defined twice")
        elif term.lower() < previous.lower():
            found.append(f"{where}:{number}: `{term}` is out of order: keep the terms sorted")
        seen.add(term)
        previous = term
    return found


def termbase_entries(paths: Paths, registry: Registry, path: Path) -> dict[str, str]:
    """A termbase file, checked: `key: text` or `key: [agreed term, other forms]`
    (`key: {term, note}` in English), plain text only."""
    from helpcenter import safeyaml, text

    where = paths.relative(path)
    slug = path.stem
    if slug not in registry.slugs:
        raise InputError(f"{where}:1: not a locale in locales.yml")
    data = safeyaml.load_file(path, where, max_bytes=256 * 1024) or {}
    if not isinstance(data, dict):
        raise InputError(f"{where}:1: expected `key: text` lines")
    terms = {}
    for key, value in data.items():
        if slug == registry.source.slug:
            if not isinstance(value, dict) or not {"term", "note"} <= set(value) <= {"term", "note", "check"} \
                    or not isinstance(value.get("check", True), bool):
                raise InputError(f"{where}:1: `{key}` needs a `term` and a `note` (and may say `check: false`)")
            value = value["term"] + " " + value["note"]
        elif isinstance(value, list) and key != "spelling":  # the agreed term, then other forms of it
            if not value or not all(isinstance(form, str) and form.strip() for form in value):
                raise InputError(f"{where}:1: `{key}`: a list holds the agreed term, then other forms of it "
                                 "(plural, cases), as text")
            value = " ".join(value)
        elif key == "spelling":  # words the spelling check accepts for this locale
            if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
                raise InputError(f"{where}:1: `spelling` must be a list of words")
            value = " ".join(value)
        problem = text.problem(value, max_length=20000 if key == "spelling" else 600,
                               rtl=registry.get(slug).is_rtl) if isinstance(value, str) else "must be text"
        if problem:
            raise InputError(f"{where}:1: `{key}` {problem}")
        terms[key] = value
    return terms


def main(paths: Paths) -> int:
    findings = lint(paths)
    for finding in findings:
        print(finding)
    if findings:
        print(f"lint: {len(findings)} problem(s); see \"What the checks mean\" in CONTRIBUTING.md",
              file=sys.stderr)
        return 1
    print("lint: no problems")
    return 0


# Files ------------------------------------------------------------------------


def _markdown_files(paths: Paths, scope: set[str] | None = None, source: str = "en") -> list[Path]:
    """Markdown files under docs/ and includes/ (of the locales in `scope`;
    the shared includes/*.md go with the source locale)."""
    found = [*paths.docs.rglob("*.md"), *paths.includes.rglob("*.md")]
    found = [p for p in found if not any(part.startswith(".") for part in p.relative_to(paths.root).parts)]
    if scope is not None:
        def owner(path: Path) -> str:
            parts = path.relative_to(paths.root).parts
            return source if parts[0] == "includes" and len(parts) == 2 else parts[1]
        found = [p for p in found if owner(p) in scope or owner(p) not in _registered(paths)]
    return sorted(found)


def _registered(paths: Paths) -> set[str]:
    try:
        return set(Registry.load(paths.registry).slugs)
    except InputError:
        return set()


def not_utf8(paths: Paths) -> list[str]:
    """`path:line: not UTF-8` for each text file the build reads that is not:
    mkdocs.yml, locales.yml, the UI strings, the pages and includes."""
    found = []
    for path in [paths.config, paths.registry, *sorted(paths.strings.glob("*.yml")), *_markdown_files(paths)]:
        data = path.read_bytes() if path.is_file() else b""
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            found.append(f"{paths.relative(path)}:{line}: not UTF-8 (byte {err.start}); save the file as UTF-8")
    return found


def _catch(check, *args) -> list[str]:
    """Run a check; one that raises InputError at its first problem gives
    that one finding. Returns the check's own findings (a list), if any."""
    try:
        result = check(*args)
    except InputError as err:
        return [_with_line(str(err))]
    return result if isinstance(result, list) else []


def _with_line(message: str) -> str:
    """`file: message` -> `file:1: message`; folders and `file:N:` stay."""
    return re.sub(r"^([^\s:]+[^/\s:])(: )", r"\1:1\2", message, count=1)


# Front matter and translation metadata (the build's checks) -------------------


def _front_matter(paths: Paths, registry: Registry, path: Path) -> None:
    slug = path.relative_to(paths.docs).parts[0]
    src_uri = path.relative_to(paths.docs_for(slug)).as_posix()
    loc = registry.get(slug)
    page = frontmatter.check(frontmatter.read(path, paths.relative(path)), rtl=loc.is_rtl)
    if slug != registry.source.slug:
        if not (paths.docs_for(registry.source.slug) / src_uri).is_file():
            raise InputError(f"docs/{slug}/{src_uri}:1: translates docs/{registry.source.slug}/{src_uri}, "
                             "which does not exist")
        translations.metadata(page)


# Markdown ---------------------------------------------------------------------


def _markdown(paths: Paths, path: Path, text: str) -> list[str]:
    where = paths.relative(path)
    found = []
    lines = text.split("\n")
    fence = None  # the fence that opened the code block we are in
    headings: list[tuple[int, int]] = []  # (line, level)
    for number, line in enumerate(lines, 1):
        def add(message):
            found.append(f"{where}:{number}: {message}")

        if len(line) > MAX_LINE:
            add(f"extremely long line ({len(line)} characters; at most {MAX_LINE}): break it up")
        if "\t" in line:
            add("hard tab: indent with spaces")
        if line.endswith("\r"):
            add("Windows line ending (CR LF): save the file with LF line endings")
        elif line != line.rstrip():
            add("trailing white space")
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1).startswith(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        heading = _HEADING.match(line)
        if heading:
            headings.append((number, len(heading.group(1))))
        block = _BLOCK.match(line)
        if block:
            found += [f"{where}:{number}: {m}" for m in _block(block, lines[number:])]
    if path.is_relative_to(paths.docs):
        found += _headings(where, headings)
    return found


def _block(header: re.Match, following: list[str]) -> list[str]:
    """An admonition (!!!) or details block (???): `!!! type "Title"`, then
    its content indented 4 spaces more than the marker."""
    if not _BLOCK_HEADER.fullmatch(header.group("rest")):
        return ['admonition must read `!!! type "Optional title"` (`???` for a collapsible one)']
    indent = len(header.group("indent"))
    content = next((line for line in following if line.strip()), "")
    depth = len(content) - len(content.lstrip(" ")) - indent
    if depth <= 0:
        return ["admonition has no content: indent its text by 4 spaces below the `!!!` line"]
    if depth != 4:
        return [f"admonition content is indented {depth} spaces: indent it by exactly 4"]
    return []


def _headings(where: str, headings: list[tuple[int, int]]) -> list[str]:
    found = []
    h1 = [line for line, level in headings if level == 1]
    if not h1:
        found.append(f"{where}:1: the page needs one `# Title` heading")
    found += [f"{where}:{line}: a second `# ` heading: a page has one H1; use `## `" for line in h1[1:]]
    previous = 1
    for line, level in headings:
        if level > previous + 1:
            found.append(f"{where}:{line}: heading jumps from H{previous} to H{level}: use H{previous + 1}")
        previous = level
    return found


# Spelling ---------------------------------------------------------------------


def _codespell(paths: Paths, files: list[Path]) -> list[str]:
    """codespell on the English text; its output is already `path:line: typo ==> fix`."""
    if not files:
        return []
    result = subprocess.run(
        [sys.executable, "-m", "codespell_lib", *(paths.relative(p) for p in files)],
        cwd=paths.root, capture_output=True, text=True, timeout=120,
    )
    if result.returncode not in (0, 65):  # 65: misspellings found
        raise InputError(f"codespell failed: {(result.stderr or result.stdout).strip()}")
    return [f"{line.strip()} (spelling)" for line in result.stdout.splitlines() if line.strip()]


# Locales, UI strings, page tree ----------------------------------------------


def _registry_and_strings(paths: Paths, registry: Registry, scope: set[str]) -> list[str]:
    found = _catch(TranslationIndex.scan, paths, registry.slugs)  # docs/ folders and locales.yml agree
    not_text = {finding.partition(":")[0] for finding in not_utf8(paths)}  # reported by lint()
    for loc in registry:
        if loc.slug not in scope:
            continue
        if not {paths.relative(paths.strings_for(slug)) for slug in ("en", loc.slug)} & not_text:
            found += _catch(strings.load, paths, loc.slug, loc.is_rtl, loc.theme)
    return found


def _page_tree(paths: Paths, registry: Registry) -> list[str]:
    """English pages in the nav exactly once; the nav names only existing pages."""
    source = registry.source.slug
    english = {p.relative_to(paths.docs_for(source)).as_posix() for p in paths.docs_for(source).rglob("*.md")
               if not p.is_symlink()}
    found, seen = [], set()
    for uri, line in nav_entries(paths.config):
        if uri in seen:
            found.append(f"mkdocs.yml:{line}: duplicate nav entry `{uri}`: list each page once")
        elif uri not in english:
            found.append(f"mkdocs.yml:{line}: nav entry `{uri}` has no page docs/{source}/{uri}")
        seen.add(uri)
    found += [f"docs/{source}/{uri}:1: the page is in no nav: add it to `nav` in mkdocs.yml"
              for uri in sorted(english - seen)]
    return found


def nav_entries(config: Path) -> list[tuple[str, int]]:
    """(page path, line) of every page in mkdocs.yml's nav, in order. Composed,
    not loaded: nodes keep their line, and tags (!ENV, !!python/name) stay unread."""
    try:
        root = yaml.compose(config.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError(f"mkdocs.yml:{mark.line + 1 if mark else 1}: invalid YAML: "
                         f"{getattr(err, 'problem', None) or err}") from None
    if not isinstance(root, yaml.MappingNode):
        raise InputError("mkdocs.yml:1: expected `key: value` settings")
    nav = next((value for key, value in root.value if key.value == "nav"), None)

    def walk(node):
        if isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from walk(item)
        elif isinstance(node, yaml.MappingNode):
            for _, value in node.value:
                yield from walk(value)
        elif isinstance(node, yaml.ScalarNode) and node.value.endswith(".md") and "://" not in node.value:
            yield node.value, node.start_mark.line + 1

    return list(walk(nav)) if nav is not None else []


def _sort_key(finding: str):
    path, _, rest = finding.partition(":")
    line = rest.partition(":")[0]
    return (path, int(line) if line.isdigit() else 0, finding)
