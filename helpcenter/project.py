"""The project's inputs, read and checked once: the registry, every page's
front matter and translation state, the snippets, the interface text and the
git dates. The build driver loads this before it starts any worker; a plain
`mkdocs build` loads it in the plugin. Any problem is an InputError naming
the file and line."""

from __future__ import annotations

import dataclasses

from helpcenter import frontmatter, gitdates, pages, safeyaml, strings, text, translations
from helpcenter.errors import InputError
from helpcenter.frontmatter import FrontMatter
from helpcenter.locales import Locale, Registry
from helpcenter.pages import TranslationIndex
from helpcenter.paths import Paths


@dataclasses.dataclass(frozen=True)
class Project:
    paths: Paths
    registry: Registry
    index: TranslationIndex  # which files each locale folder has
    pages: dict[tuple[str, str], FrontMatter]  # (slug, src_uri) -> checked front matter, every page
    source_hashes: dict[str, str]  # English src_uri -> translations.source_hash
    states: dict[tuple[str, str], translations.PageState]  # (slug, English src_uri) -> state
    strings: dict[str, strings.Strings]  # slug -> interface text
    includes: dict[str, list[str]]  # "" (shared) or slug -> snippet files under includes/
    dates: gitdates.GitDates

    @property
    def source(self) -> Locale:
        return self.registry.source

    @classmethod
    def load(cls, paths: Paths) -> "Project":
        registry = Registry.load(paths.registry, paths.relative(paths.registry))
        slugs = registry.slugs
        index = TranslationIndex.scan(paths, slugs)
        includes = _includes(paths, registry)
        found: dict[tuple[str, str], FrontMatter] = {}
        for loc in registry:
            for uri in index.pages(loc.slug):
                path = paths.docs_for(loc.slug) / uri
                page = frontmatter.read(path, paths.relative(path))
                check_markdown(page.where, page.body, loc.is_rtl, page.body_line)
                found[(loc.slug, uri)] = frontmatter.check(page, rtl=loc.is_rtl)
        source = registry.source.slug
        home = found[(source, "index.md")]
        if "home" not in home.data:
            raise InputError(f"{home.where}:1: the home page needs a `home:` block (its search field, sections, "
                             "tasks and contact; see CONTRIBUTING.md)")
        hashes = {uri: translations.source_hash(found[(source, uri)]) for uri in index.pages(source)}
        states = {}
        for loc in list(registry)[1:]:
            for uri in index.pages(loc.slug):
                if uri not in hashes:
                    raise InputError(f"docs/{loc.slug}/{uri}:1: translates docs/{source}/{uri}, which does not exist")
            for uri in index.pages(source):
                states[(loc.slug, uri)] = translations.state(loc.slug, uri, found.get((loc.slug, uri)), hashes[uri])
        ui = {loc.slug: strings.load(paths, loc.slug, rtl=loc.is_rtl, material_file=loc.theme) for loc in registry}
        return cls(paths, registry, index, found, hashes, states, ui, includes, gitdates.load(paths))

    @staticmethod
    def site_url(paths: Paths) -> str:
        """site_url in mkdocs.yml: the address the site's root is served at."""
        from mkdocs.utils.yaml import yaml_load

        with open(paths.config, encoding="utf-8") as stream:
            return yaml_load(stream)["site_url"]

    def is_translated(self, slug: str, src_uri: str) -> bool:
        return self.index.has(slug, src_uri)

    def last_commit(self, slug: str, src_uri: str):
        return self.dates.last_commit(f"docs/{slug}/{src_uri}")


def check_markdown(where: str, body: str, rtl: bool, first_line: int = 1) -> None:
    """Invisible characters a script does not need (they can make text lie)."""
    for number, line in enumerate(body.split("\n"), first_line):
        problem = text.invisible(line, rtl)
        if problem:
            raise InputError(f"{where}:{number}: {problem}")


def _includes(paths: Paths, registry: Registry) -> dict[str, list[str]]:
    """Snippets: includes/*.md (shared by every locale) and includes/<slug>/*.md."""
    if not paths.includes.is_dir() or paths.includes.is_symlink():
        raise InputError("includes/: missing (or a symbolic link)")
    found: dict[str, list[str]] = {"": []}
    for uri in pages.walk(paths.includes, paths, images=False):
        slug, _, name = uri.rpartition("/")
        if "/" in slug or (slug and slug not in registry.slugs):
            raise InputError(f"includes/{uri}: snippets live in includes/ or includes/<locale>/ "
                             f"(a slug from locales.yml)")
        found.setdefault(slug, []).append(name)
        path = paths.includes / uri
        where = paths.relative(path)
        content = safeyaml.read_text(path, where, max_bytes=frontmatter.MAX_PAGE_BYTES)
        check_markdown(where, content, registry.get(slug).is_rtl if slug else False)
    return found
