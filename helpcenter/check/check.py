"""`helpcenter check` (`make check`): every rule CI runs on content, for one
locale or all, in seconds. Each finding is one line, `file:line: message`;
CONTRIBUTING.md ("What the checks mean") says how to fix each.

    lint     encoding, layout, headings, front matter, invisible characters,
             interface text, registry, termbase, nav (helpcenter/check/lint.py)
    content  title = H1, description length, words, abbreviations,
             undefined references and footnotes (content.py)
    spelling codespell for English; a Hunspell dictionary where the locale has one
    QA       each translation against the English it translates (qa.py)
    build    a strict build of the locale: links, anchors, unsafe HTML"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from helpcenter import frontmatter, git
from helpcenter.check import content, lint, qa, spelling
from helpcenter.errors import InputError
from helpcenter.paths import Paths
from helpcenter.project import Project

_MKDOCS_LINK = re.compile(r"Doc file '([^']+)' contains (?:a|an unrecognized relative) link '([^']+)'")


def check(paths: Paths, slugs: list[str] | None = None, build: bool = True) -> list[str]:
    findings = lint.lint(paths, slugs)
    try:
        project = Project.load(paths)
    except InputError as err:  # lint has reported it (or will, in its words)
        return _sorted(findings + [lint._with_line(str(err))])
    slugs = slugs or project.registry.slugs
    for slug in slugs:
        project.registry.get(slug)
    if len(slugs) > 2:  # every locale: one worker per CPU
        import concurrent.futures

        from helpcenter.build.driver import workers

        with concurrent.futures.ProcessPoolExecutor(workers()) as pool:
            for found in pool.map(_locale_rules, [project] * len(slugs), slugs):
                findings += found
    else:
        for slug in slugs:
            findings += _locale_rules(project, slug)
    if build:
        findings += _build(paths, project, slugs)
    unchecked = [s for s in slugs if spelling.wanted(project.registry.get(s).tag) and not spelling.available(paths)]
    if unchecked:
        import sys

        print(f"check: spelling of {' '.join(unchecked)} not checked: no node_modules/ (`make check` installs the "
              "dictionaries)", file=sys.stderr)
    return _sorted(findings)


def _locale_rules(project: Project, slug: str) -> list[str]:
    """Content rules, spelling and translation QA for every page of one locale."""
    paths = project.paths
    found = []
    loc = project.registry.get(slug)
    english_terms = {key: entry["term"] for key, entry in _termbase(paths, project, "en").items()
                     if entry.get("check", True)}
    is_source = slug == project.source.slug
    terms = _termbase(paths, project, slug) if not is_source else {}
    accepted = {w.lower() for w in terms.pop("spelling", None) or []}
    forms = {key: [value] if isinstance(value, str) else value for key, value in terms.items()}  # agreed, others
    used: set[str] = set()
    for uri in project.index.pages(slug):
        page = project.pages[(slug, uri)]
        found += content.page_rules(paths, slug, uri, page, is_source)
        if is_source:
            continue
        source = _english_source(project, slug, uri)
        found += qa.untranslated_snippets(paths, slug, project.source.slug, page)
        found += spelling.misspelled(paths, loc.tag, page, source, accepted, used)
        found += qa.compare(paths, slug, page, source, forms, english_terms)
    if not is_source:
        for path in sorted((paths.includes / slug).glob("*.md")):  # the snippets pages include
            snippet = frontmatter.read(path, paths.relative(path))
            original = paths.includes / project.source.slug / path.name
            source = frontmatter.read(original, paths.relative(original)) if original.is_file() else None
            found += spelling.misspelled(paths, loc.tag, snippet, source, accepted, used)
        if spelling.dictionary_for(paths, loc.tag) or not spelling.wanted(loc.tag):  # not when it is missing
            found += spelling.unneeded(paths, loc.tag, paths.termbase / f"{slug}.yml", accepted - used)
    return found


def _termbase(paths: Paths, project: Project, slug: str) -> dict:
    path = paths.termbase / f"{slug}.yml"
    if not path.is_file():
        return {}
    from helpcenter import safeyaml

    return safeyaml.load_file(path, paths.relative(path)) or {}


def _english_source(project: Project, slug: str, uri: str) -> frontmatter.FrontMatter:
    """The English page a translation translates: as it was at the recorded
    commit when the translation is outdated (that is what it must match)."""
    state = project.states[(slug, uri)]
    current = project.pages[(project.source.slug, uri)]
    if state.state != "outdated":
        return current
    english = f"docs/{project.source.slug}/{uri}"
    text = git.show(project.paths, state.recorded["commit"], english)
    return frontmatter.parse(text, english) if text else current


def _build(paths: Paths, project: Project, slugs: list[str]) -> list[str]:
    from helpcenter.build import driver

    with tempfile.TemporaryDirectory(prefix="helpcenter-check-") as folder:
        try:
            driver.build(paths, slugs, site_dir=Path(folder) / "site", root_files=False)
        except driver.BuildFailed as failed:
            return [_located(project, line) for line in failed.failures]
    return []


def _located(project: Project, failure: str) -> str:
    """A build failure as `file:line: message` where MkDocs gave none."""
    owners, _, message = failure.partition(": ")
    match = _MKDOCS_LINK.search(message)
    if not match:
        return message if re.match(r"^\S+:\d+: ", message) or re.match(r"^\S+\.\w+: ", message) else failure
    uri, link = match.groups()
    for slug in owners.split():
        path = project.paths.docs_for(slug) / uri
        if not path.is_file():
            path = project.paths.docs_for(project.source.slug) / uri
        page = frontmatter.read(path, project.paths.relative(path))
        return f"{page.where}:{content.line_of(page, link)}: {message}"
    return failure


def _sorted(findings: list[str]) -> list[str]:
    return sorted(set(findings), key=lint._sort_key)


def main(paths: Paths, slugs: list[str] | None, build: bool = True) -> int:
    findings = check(paths, slugs, build)
    for finding in findings:
        print(finding)
    scope = " ".join(slugs) if slugs else "every locale"
    if findings:
        import sys

        print(f"check ({scope}): {len(findings)} problem(s); see \"What the checks mean\" in CONTRIBUTING.md",
              file=sys.stderr)
        return 1
    print(f"check ({scope}): no problems")
    return 0
