"""Which source files exist in which locale folder under docs/."""

from __future__ import annotations

import dataclasses

from helpcenter import locales
from helpcenter.errors import InputError


@dataclasses.dataclass(frozen=True)
class TranslationIndex:
    by_locale: dict[str, frozenset[str]]  # slug -> src_uris (posix, relative to docs/<slug>)

    @classmethod
    def scan(cls) -> "TranslationIndex":
        """Every registry locale's files; a folder and the registry must agree."""
        registered = {loc.slug for loc in locales.load()}
        for folder in sorted(p for p in locales.DOCS.iterdir() if p.is_dir()):
            if folder.name not in registered and not folder.name.startswith("."):
                raise InputError(f"docs/{folder.name}/: not a locale in locales.yml (add it, or move the folder)")
        for loc in locales.load():
            if not (locales.DOCS / loc.slug / "index.md").is_file():
                raise InputError(f"docs/{loc.slug}/index.md: locale '{loc.slug}' in locales.yml has no home page")
        return cls({loc.slug: frozenset(_walk(loc.slug)) for loc in locales.load()})

    def files(self, slug: str) -> list[str]:
        return sorted(self.by_locale.get(slug, ()))

    def has(self, slug: str, src_uri: str) -> bool:
        return src_uri in self.by_locale.get(slug, ())


def _walk(slug: str):
    base = locales.DOCS / slug
    for path in base.rglob("*"):
        rel = path.relative_to(base)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            yield rel.as_posix()
