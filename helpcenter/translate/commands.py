"""Translator and writer commands. Each changes files in the repository and
returns them, so the command line can name them.

    start      copy an English page into a locale, ready to translate
    refresh    record that a translation matches the current English page
    review     record that a native speaker reviewed a translated page
    diff       what changed in the English page since it was translated
    touch      a writer's minor English edit: keep current translations current
    add-locale register a locale with everything it needs to build"""

from __future__ import annotations

import dataclasses
import datetime
import re
from pathlib import Path

from helpcenter import frontmatter, git, safeyaml, strings, translations
from helpcenter.check import language
from helpcenter.errors import InputError
from helpcenter.locales import SLUG, Registry, check_slug, material_languages, parse_tag
from helpcenter.paths import Paths
from helpcenter.project import Project


def _write(path: Path, data: dict, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{safeyaml.dump(data)}---\n{body}", encoding="utf-8")


def _english(project: Project, src_uri: str) -> frontmatter.FrontMatter:
    page = project.pages.get((project.source.slug, src_uri))
    if page is None:
        raise InputError(f"docs/{project.source.slug}/{src_uri}: no such English page")
    return page


def _translated(project: Project, slug: str, src_uri: str) -> tuple[Path, frontmatter.FrontMatter]:
    loc = project.registry.get(slug)
    if loc == project.source:
        raise InputError(f"docs/{slug}/{src_uri}: the English pages are the source, not translations")
    _english(project, src_uri)
    page = project.pages.get((loc.slug, src_uri))
    if page is None:
        raise InputError(f"docs/{loc.slug}/{src_uri}: no such translated page (`helpcenter start` makes it)")
    return project.paths.docs_for(loc.slug) / src_uri, page


def _head(project: Project) -> str:
    commit = git.head(project.paths)
    if not commit:
        raise InputError("git: no commit to record; commit the English page first (this needs a git checkout)")
    return commit


def start_page(project: Project, slug: str, src_uri: str, machine: bool = False) -> Path:
    """Copy the English page into the locale, with its translation block."""
    loc = project.registry.get(slug)
    english = _english(project, src_uri)
    target = project.paths.docs_for(loc.slug) / src_uri
    if target.exists():
        raise InputError(f"{project.paths.relative(target)}: already exists (`helpcenter refresh` after updating it)")
    block = {"source": project.source_hashes[src_uri], "commit": _head(project),
             "status": "machine" if machine else "draft"}
    _write(target, {**english.data, "translation": block}, with_anchors(project, english))
    return target


def with_anchors(project: Project, page: frontmatter.FrontMatter) -> str:
    """The page's body with each heading's anchor written out (`## Title {#anchor}`),
    so a translated heading keeps the English anchor that links point to."""
    from helpcenter.check.qa import _headings
    from helpcenter.check.render import render

    anchors = iter(anchor for _, anchor, _ in _headings(render(project.paths, page.body, "en")))
    lines, fence = [], None
    for line in page.body.split("\n"):
        opening = re.match(r"^\s*(`{3,}|~{3,})", line)
        if fence or opening:
            fence = None if fence and opening and opening.group(1).startswith(fence) else (fence or opening.group(1))
        elif re.match(r"^#{1,6}\s", line) and not re.search(r"\{#[^}]+\}\s*$", line):
            anchor = next(anchors, None)
            line = f"{line.rstrip()} {{#{anchor}}}" if anchor else line
        elif re.match(r"^#{1,6}\s", line):
            next(anchors, None)
        lines.append(line)
    return "\n".join(lines)


def refresh(project: Project, slug: str, src_uri: str, keep_review: str | None = None) -> Path:
    """Record that the translation matches the current English page. A reviewed
    page returns to draft: someone must review the new text (unless a reason to
    keep the review is given, e.g. only numbers changed). A draft or machine
    page keeps its status."""
    path, page = _translated(project, slug, src_uri)
    block = dict(translations.metadata(page))
    block.update(source=project.source_hashes[src_uri], commit=_head(project))
    if keep_review:
        if block["status"] != "reviewed":
            raise InputError(f"{page.where}: --keep-review: the page is not reviewed")
        block["kept_review"] = keep_review
    elif block["status"] == "reviewed":
        block["status"] = "draft"
        for key in ("reviewed_by", "reviewed_on", "kept_review"):
            block.pop(key, None)
    _write(path, {**page.data, "translation": block}, page.body)
    return path


def review(project: Project, slug: str, src_uri: str, reviewed_by: str,
           today: datetime.date | None = None) -> Path:
    """Record that a native speaker reviewed the page, and when. Refused for a
    page that is outdated or still mostly English."""
    path, page = _translated(project, slug, src_uri)
    state = project.states[(slug, src_uri)]
    if state.state == "outdated":
        raise InputError(f"{page.where}: outdated: bring it up to date with the English page and "
                         f"`helpcenter refresh {slug} {src_uri}` first (`helpcenter diff` shows what changed)")
    share = language.english_share(language.markdown_text(page.body))
    if share > language.THRESHOLD:
        raise InputError(f"{page.where}: the text is still mostly English ({share:.0%} English function words); "
                         "translate it before it is reviewed")
    if not reviewed_by.strip():
        raise InputError("review: --by needs the reviewer's name")
    block = dict(translations.metadata(page))
    block.update(status="reviewed", reviewed_by=reviewed_by.strip(), reviewed_on=today or datetime.date.today())
    block.pop("kept_review", None)
    _write(path, {**page.data, "translation": block}, page.body)
    return path


def diff(project: Project, slug: str, src_uri: str) -> str:
    """The English page's changes since the commit the translation records."""
    path, page = _translated(project, slug, src_uri)
    block = translations.metadata(page)
    english = f"docs/{project.source.slug}/{src_uri}"
    commit = block.get("commit")
    if not commit:
        raise InputError(f"{page.where}: records no English commit; `helpcenter refresh` records one")
    if git.run(project.paths, "cat-file", "-e", f"{commit}^{{commit}}") is None:
        raise InputError(f"{page.where}: commit {commit} is not in this clone's history (a shallow clone? "
                         "`git fetch --unshallow`)")
    out = git.run(project.paths, "diff", "--no-color", commit, "--", english, check=True) or ""
    header = f"{english}: changes since {commit}, which {page.where} translates"
    return f"{header}\n{out}" if out else f"{header}: none\n"


def touch_minor(project: Project, src_uri: str) -> list[Path]:
    """A writer fixed a typo or a link in an English page: every translation
    that was current with the English page before that edit is recorded as
    current with it now (status unchanged). Nothing else is touched."""
    english = f"docs/{project.source.slug}/{src_uri}"
    page = _english(project, src_uri)
    previous = _previous_hash(project, english, project.source_hashes[src_uri])
    if previous is None:
        raise InputError(f"{english}: no earlier version in git to compare with")
    changed = []
    for loc in list(project.registry)[1:]:
        state = project.states[(loc.slug, src_uri)]
        if state.translated and state.recorded["source"] == previous:
            path = project.paths.docs_for(loc.slug) / src_uri
            own = project.pages[(loc.slug, src_uri)]
            _write(path, {**own.data, "translation": {**state.recorded, "source": project.source_hashes[src_uri]}},
                   own.body)
            changed.append(path)
    del page
    return changed


def _previous_hash(project: Project, english: str, current: str) -> str | None:
    """Hash of the English page's last committed version that differs from
    the current one."""
    for commit in ["HEAD", *git.commits_of(project.paths, english)[1:]]:
        text = git.show(project.paths, commit, english)
        if text is None:
            continue
        hashed = translations.source_hash(frontmatter.parse(text, english))
        if hashed != current:
            return hashed
    return None


def find_commit(project: Project, src_uri: str, source_hash: str) -> str | None:
    """The newest commit at which the English page had `source_hash`."""
    english = f"docs/{project.source.slug}/{src_uri}"
    for commit in git.commits_of(project.paths, english):
        text = git.show(project.paths, commit, english)
        if text is not None and translations.source_hash(frontmatter.parse(text, english)) == source_hash:
            return commit
    return None


# Adding a locale --------------------------------------------------------------

@dataclasses.dataclass
class _Changes:
    """Files written so far, to undo them all if a later step fails."""
    created: list[Path] = dataclasses.field(default_factory=list)
    originals: dict[Path, str] = dataclasses.field(default_factory=dict)

    def write(self, path: Path, text: str) -> None:
        if path.exists():
            self.originals.setdefault(path, path.read_text(encoding="utf-8"))
        else:
            self.created.append(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def undo(self) -> None:
        for path in reversed(self.created):
            path.unlink(missing_ok=True)
        for path, text in self.originals.items():
            path.write_text(text, encoding="utf-8")


def add_locale(paths: Paths, slug: str, tag: str | None = None, full: bool = False, theme: str | None = None,
               name: str | None = None, direction: str | None = None) -> list[Path]:
    """Register a locale and create everything it needs to build and pass the
    tests: its registry entry (in menu order), its interface text (every
    string marked untranslated: English shows until translated), Material's
    interface text where Material has none, its CODEOWNERS lines and, for a
    full locale, its termbase. No page is copied: until a page is translated,
    readers get the English page with the notice in their language."""
    check_slug(slug, "add-locale")
    registry = Registry.load(paths.registry)
    if slug in registry.slugs:
        raise InputError(f"locales.yml: '{slug}' is already registered")
    tag = tag or slug
    cldr = parse_tag(tag)
    if cldr is None and not (name and direction):
        raise InputError(f"add-locale: CLDR has no data for '{tag}'; give --name (its own name for itself) "
                         "and --dir (ltr or rtl)")
    if cldr is not None and (name or direction):
        raise InputError(f"add-locale: CLDR knows '{tag}'; its name and direction come from there: drop --name/--dir")
    entry = {"slug": slug}
    if tag != slug:
        entry["tag"] = tag
    if full:
        entry["full"] = True
    if theme:
        entry["theme"] = theme
    if name:
        entry.update(name=name, dir=direction)
    changes = _Changes()
    try:
        changes.write(paths.registry, _registry_with(paths.registry.read_text(encoding="utf-8"), registry, entry))
        registry = Registry.load(paths.registry)
        loc = registry.get(slug)
        changes.write(paths.strings_for(slug), _untranslated_strings(paths, loc))
        changes.write(paths.root / ".github" / "CODEOWNERS", _codeowners_with(paths, slug))
        if full:
            changes.write(paths.termbase / f"{slug}.yml", _empty_termbase(paths, loc))
        Project.load(paths)  # the project, new locale included, reads without a problem
    except BaseException:
        changes.undo()
        raise
    return [paths.registry, *changes.created, *[p for p in changes.originals if p != paths.registry]]


def _registry_with(text: str, registry: Registry, entry: dict) -> str:
    """The registry with `entry` in menu order: a full locale after the last
    full one, a partial one at the end. Comments and layout stay as they are."""
    line = "  - {" + ", ".join(f"{k}: {_yaml_scalar(v)}" for k, v in entry.items()) + "}\n"
    lines = text.splitlines(keepends=True)
    entries = [i for i, l in enumerate(lines) if re.match(r"\s*-\s*\{?\s*slug:", l)]
    fulls = [i for i, loc in zip(entries, registry) if loc.full]
    at = (fulls[-1] + 1) if entry.get("full") and fulls else len(lines)
    if at == len(lines) and lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return "".join(lines[:at] + [line] + lines[at:])


def _yaml_scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return text if SLUG.fullmatch(text) or re.fullmatch(r"[A-Za-z-]+", text) else safeyaml.dump(text).strip()


def _untranslated_strings(paths: Paths, loc) -> str:
    """strings/<slug>.yml with every key commented out: English shows (marked
    as English) until a translator writes the line without `# `."""
    english = paths.strings_for("en").read_text(encoding="utf-8")
    body = []
    for line in english.splitlines():
        if line and not line.startswith("#") and ":" in line:
            body.append(f"# {line}")
        elif line.startswith("# Interface text for English"):
            body.append(f"# Interface text for {loc.name} ({loc.slug}). Every line starting `# key:` is not yet "
                        "translated\n# and shows in English: remove the `# ` and translate the text after the colon.")
        else:
            body.append(line)
    if loc.theme is None:  # Material has no interface text for this language: ours, per key
        body += ["", "# Material's interface text (search, navigation, …): Material has none for this language.",
                 "# Translate each line as above; untranslated ones show Material's English.", "theme:"]
        for key, value in strings.material_keys("en").items():
            if not strings.SET_BY_BUILD.match(key):
                body.append(f"#  {key}: {safeyaml.dump(value).strip()}")
    return "\n".join(body) + "\n"


def _codeowners_with(paths: Paths, slug: str) -> str:
    owners = paths.root / ".github" / "CODEOWNERS"
    text = owners.read_text(encoding="utf-8") if owners.exists() else ""
    team = f"@example/translators-{slug}"
    folders = [f"/docs/{slug}/", f"/includes/{slug}/", f"/strings/{slug}.yml", f"/termbase/{slug}.yml"]
    return text.rstrip("\n") + "\n" + "".join(f"{path:<42}{team}\n" for path in folders)


def _empty_termbase(paths: Paths, loc) -> str:
    english = safeyaml.load_file(paths.termbase / "en.yml", "termbase/en.yml") or {}
    lines = [f"# Termbase for {loc.name} ({loc.slug}): the agreed translation of each key term.",
             "# Empty until agreed; termbase/en.yml says what each term means."]
    for key, entry in english.items():
        lines.append(f'{key}: ""  # {entry["term"]}')
    return "\n".join(lines) + "\n"
