"""Translator commands: start a page, record that it is current, record a review,
add a locale. Each changes files in the repository and names them."""

from __future__ import annotations

import datetime
from pathlib import Path

from helpcenter import frontmatter, safeyaml, translations
from helpcenter.errors import InputError
from helpcenter.locales import Registry, check_slug
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


def start_page(project: Project, slug: str, src_uri: str) -> Path:
    """Copy the English page into the locale, with its translation block."""
    loc = project.registry.get(slug)
    english = _english(project, src_uri)
    target = project.paths.docs_for(loc.slug) / src_uri
    if target.exists():
        raise InputError(f"{project.paths.relative(target)}: already exists (use `refresh` after updating it)")
    data = dict(english.data)
    data["translation"] = {"source": project.source_hashes[src_uri], "status": "draft"}
    _write(target, data, english.body)
    return target


def _translated(project: Project, slug: str, src_uri: str) -> tuple[Path, frontmatter.FrontMatter]:
    loc = project.registry.get(slug)
    _english(project, src_uri)
    page = project.pages.get((loc.slug, src_uri))
    if page is None:
        raise InputError(f"docs/{loc.slug}/{src_uri}: no such translated page")
    return project.paths.docs_for(loc.slug) / src_uri, page


def refresh(project: Project, slug: str, src_uri: str) -> Path:
    """Record that the translation matches the current English page."""
    path, page = _translated(project, slug, src_uri)
    block = dict(page.data.get("translation") or {})
    block["source"] = project.source_hashes[src_uri]
    block.setdefault("status", "draft")
    _write(path, {**page.data, "translation": block}, page.body)
    return path


def review(project: Project, slug: str, src_uri: str, reviewed_by: str,
           today: datetime.date | None = None) -> Path:
    """Record that a native speaker reviewed the page, and when."""
    path, page = _translated(project, slug, src_uri)
    block = dict(page.data.get("translation") or {})
    block.update(status="reviewed", reviewed_by=reviewed_by, reviewed_on=today or datetime.date.today())
    _write(path, {**page.data, "translation": block}, page.body)
    return path


def add_locale(paths: Paths, slug: str, tag: str | None = None, full: bool = False,
               theme: str | None = None) -> list[Path]:
    """Register a locale and create what it needs to build at once."""
    check_slug(slug, "add-locale")
    registry = Registry.load(paths.registry)
    if slug in registry.slugs:
        raise InputError(f"locales.yml: '{slug}' is already registered")
    entry = {"slug": slug}
    if tag and tag != slug:
        entry["tag"] = tag
    if full:
        entry["full"] = True
    if theme:
        entry["theme"] = theme
    line = "  - " + safeyaml.dump(entry).strip().replace("\n", ", ").join("{}") + "\n"
    original = paths.registry.read_text(encoding="utf-8")
    paths.registry.write_text(original + ("" if original.endswith("\n") else "\n") + line, encoding="utf-8")
    try:
        Registry.load(paths.registry)
        strings_file = paths.strings_for(slug)
        created = []
        if not strings_file.exists():
            strings_file.write_text(paths.strings_for("en").read_text(encoding="utf-8"), encoding="utf-8")
            created.append(strings_file)
        english = paths.docs_for("en") / "index.md"
        home = frontmatter.read(english, paths.relative(english))
        target = paths.docs_for(slug) / "index.md"
        _write(target, {**home.data, "translation": {"source": translations.source_hash(home), "status": "draft"}},
               home.body)
        created.insert(0, target)
        Project.load(paths)  # the new locale builds
        return created
    except BaseException:
        paths.registry.write_text(original, encoding="utf-8")
        raise
