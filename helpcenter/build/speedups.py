"""Every patch of MkDocs or Material internals, behind one switch.

A full build runs many locales in one process. Without these, each locale
would compile Material's templates again, filter the theme's ~15,000 files
again, and convert and index the same English Markdown for every locale that
shows it as a fallback. With them, each of those happens once per process. The output
is byte-identical either way (tests/test_speedups.py builds both and
compares); they are written against the versions in EXPECTED and refuse to
run on others until that test has been run and EXPECTED updated.

The plugin marks the files it adds as English fallbacks (`File.hc_fallback`);
only those renders are cached."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from jinja2 import BytecodeCache
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme

from helpcenter.errors import InputError

EXPECTED = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2"}

_originals: dict = {}
_bytecode: dict[str, bytes] = {}  # compiled templates, by Jinja's checksummed key
_listings: dict[tuple, list[str]] = {}  # theme search path -> its template list
_renders: dict[tuple[str, str], tuple] = {}  # (English source path, Markdown) -> what a render leaves
_theme_files: dict[tuple, list[tuple[str, str]]] = {}  # theme dirs -> its static files (path, dir)
_search_entries: dict[tuple, list[dict]] = {}  # (English source path, URL, HTML) -> search index entries


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def check_versions() -> None:
    found = {name: _version(name) for name in EXPECTED}
    if found != EXPECTED:
        raise InputError(
            "helpcenter/build/speedups.py: written for " + ", ".join(f"{k} {v}" for k, v in EXPECTED.items())
            + "; installed: " + ", ".join(f"{k} {v}" for k, v in found.items())
            + ". Build with --no-speedups, or run tests/test_build_outputs.py against the new versions and update "
            "EXPECTED"
        )


def enable() -> None:
    """Install the patches (idempotent)."""
    if _originals:
        return
    check_versions()
    _originals["get_env"] = Theme.get_env
    _originals["render"] = Page.render
    _originals["add_files_from_theme"] = Files.add_files_from_theme
    _originals["add_entry_from_context"] = SearchIndex.add_entry_from_context
    Theme.get_env = _get_env
    Page.render = _render
    Files.add_files_from_theme = _add_files_from_theme
    SearchIndex.add_entry_from_context = _add_entry_from_context


def disable() -> None:
    """Remove the patches and forget what they cached."""
    if _originals:
        Theme.get_env = _originals.pop("get_env")
        Page.render = _originals.pop("render")
        Files.add_files_from_theme = _originals.pop("add_files_from_theme")
        SearchIndex.add_entry_from_context = _originals.pop("add_entry_from_context")
    for cache in (_bytecode, _listings, _renders, _theme_files, _search_entries):
        cache.clear()


class _MemoryBytecodeCache(BytecodeCache):
    def load_bytecode(self, bucket):
        if bucket.key in _bytecode:
            bucket.bytecode_from_string(_bytecode[bucket.key])

    def dump_bytecode(self, bucket):
        _bytecode[bucket.key] = bucket.bytecode_to_string()


def _get_env(theme):
    """Theme.get_env, sharing compiled templates and the theme's file list
    with earlier builds in this process (a template that changed on disk
    has another checksum and compiles again)."""
    env = _originals["get_env"](theme)
    env.bytecode_cache = _MemoryBytecodeCache()
    loader = env.loader
    key = tuple(getattr(loader, "searchpath", ()))
    if key not in _listings:
        _listings[key] = loader.list_templates()
    loader.list_templates = lambda: _listings[key]
    return env


def _render(page: Page, config, files) -> None:
    """Page.render, once per process for each English fallback page. What a
    render leaves on the page is kept: the HTML, the table of contents, the
    title, the anchors it has and the links to anchors it makes (by path, so
    each locale checks them against its own pages)."""
    if not getattr(page.file, "hc_fallback", False):
        return _originals["render"](page, config, files)
    key = (page.file.abs_src_path, page.markdown)
    if key not in _renders:
        _originals["render"](page, config, files)
        links = {f.src_uri: anchors for f, anchors in (page.links_to_anchors or {}).items()}
        _renders[key] = (page.content, page.toc, page._title_from_render, page.present_anchor_ids, links)
        return None
    page.content, page.toc, page._title_from_render, page.present_anchor_ids, links = _renders[key]
    page.links_to_anchors = {files.get_file_from_path(uri): anchors for uri, anchors in links.items()}
    return None


def _add_files_from_theme(files: Files, env, config) -> None:
    """Files.add_files_from_theme, filtering the theme's ~15,000 files once
    per process instead of once per locale."""
    key = (tuple(config.theme.dirs), tuple(config.theme.static_templates))
    if key not in _theme_files:
        found = Files([])
        _originals["add_files_from_theme"](found, env, config)
        _theme_files[key] = [(file.src_uri, file.src_dir) for file in found]
    for src_uri, src_dir in _theme_files[key]:
        if files.get_file_from_path(src_uri) is None:
            files.append(File(src_uri, src_dir, config.site_dir, config.use_directory_urls))


def _add_entry_from_context(index: SearchIndex, page) -> None:
    """Material's search indexing, once per process for each English
    fallback page (the same HTML at the same URL in every locale)."""
    if not getattr(page.file, "hc_fallback", False):
        return _originals["add_entry_from_context"](index, page)
    key = (page.file.abs_src_path, page.url, page.content)
    if key not in _search_entries:
        start = len(index.entries)
        _originals["add_entry_from_context"](index, page)
        _search_entries[key] = [dict(entry) for entry in index.entries[start:]]
    else:
        index.entries.extend(dict(entry) for entry in _search_entries[key])
    return None
