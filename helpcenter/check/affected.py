"""Which locales a change touches, for CI on pull requests: a translator's
pull request builds and tests English and the locales it changes; anything
else (English pages, snippets shared by every locale, the build, the theme,
the configuration) needs every locale."""

from __future__ import annotations

from pathlib import PurePosixPath

from helpcenter import git
from helpcenter.errors import InputError
from helpcenter.locales import Registry
from helpcenter.paths import Paths

LOCALE_OWNED = ("docs", "includes", "strings", "termbase")


def locales_of(paths: Paths, changed: list[str]) -> list[str] | None:
    """English plus the locales `changed` files belong to; None: every locale."""
    registry = Registry.load(paths.registry)
    slugs = {registry.source.slug}
    for name in changed:
        parts = PurePosixPath(name).parts
        if len(parts) < 2 or parts[0] not in LOCALE_OWNED:
            return None
        slug = parts[1].removesuffix(".yml") if parts[0] in ("strings", "termbase") else parts[1]
        if slug not in registry.slugs or slug == registry.source.slug or (parts[0] == "includes" and len(parts) == 2):
            return None
        slugs.add(slug)
    return [slug for slug in registry.slugs if slug in slugs]


def changed_files(paths: Paths, base: str) -> list[str]:
    out = git.run(paths, "diff", "--name-only", "--relative", base, "HEAD", check=True)
    if out is None:
        raise InputError(f"git: cannot compare with {base}")
    return [line for line in out.splitlines() if line]
