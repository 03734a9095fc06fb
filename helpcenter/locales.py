"""The locale registry (locales.yml) with names and directions from CLDR."""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import yaml
from babel import Locale as CldrLocale
from babel.core import UnknownLocaleError

from helpcenter.errors import InputError, yaml_load

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "locales.yml"
DOCS = ROOT / "docs"
THEME_OVERRIDES = ROOT / "overrides"

_KEYS = {"slug", "tag", "full", "theme", "name", "dir"}


@dataclasses.dataclass(frozen=True)
class Locale:
    slug: str  # URL segment and docs/ folder
    tag: str  # BCP 47, for lang and hreflang
    full: bool  # every page translated (else: home page + English fallback)
    name: str  # endonym, from CLDR
    dir: str  # "ltr" or "rtl", from CLDR
    theme: str  # Material UI-strings file name

    @property
    def is_rtl(self) -> bool:
        return self.dir == "rtl"


def cldr_name(cldr: CldrLocale) -> str:
    """The endonym CLDR gives the most specific form of a locale.

    CLDR names some variants on their own (fa_AF: دری, zh_Hans: 简体中文);
    otherwise the language's own name for itself (español, বাংলা).
    """
    variants = [f"{cldr.language}_{cldr.territory}", f"{cldr.language}_{cldr.script}"]
    for key in variants:
        if key in cldr.languages:
            return cldr.languages[key]
    return cldr.get_language_name(cldr)


def _entry_to_locale(entry: dict, line: int) -> Locale:
    where = f"{REGISTRY.name}:{line}"
    if not isinstance(entry, dict) or "slug" not in entry:
        raise InputError(f"{where}: each locale needs at least a slug")
    unknown = set(entry) - _KEYS
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    slug = str(entry["slug"])
    tag = str(entry.get("tag", slug))
    try:
        cldr = CldrLocale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        cldr = None
    if cldr is None:
        # Only a locale CLDR does not know may name itself, and must.
        if "name" not in entry or "dir" not in entry:
            raise InputError(
                f"{where}: CLDR has no data for '{tag}'; give `name` and `dir` "
                "explicitly with a comment saying why"
            )
        name, direction = str(entry["name"]), str(entry["dir"])
    else:
        if "name" in entry or "dir" in entry:
            raise InputError(
                f"{where}: '{slug}' is in CLDR; remove `name`/`dir` (they come from Babel)"
            )
        name, direction = cldr_name(cldr), cldr.text_direction
    if direction not in ("ltr", "rtl"):
        raise InputError(f"{where}: dir must be ltr or rtl, not '{direction}'")
    return Locale(
        slug=slug,
        tag=tag,
        full=bool(entry.get("full", False)),
        name=name,
        dir=direction,
        theme=str(entry.get("theme", tag)),
    )


@functools.lru_cache(maxsize=None)
def load(path: Path = REGISTRY) -> tuple[Locale, ...]:
    """Read and check the registry; errors name the file and line."""
    text = path.read_text(encoding="utf-8")
    data = yaml_load(text, path)
    entries = (data or {}).get("locales") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise InputError(f"{path.name}: expected a `locales:` list")
    # Line numbers: PyYAML's composer gives each list item's start mark.
    nodes = yaml.compose(text).value[0][1].value
    locales = [_entry_to_locale(e, n.start_mark.line + 1) for e, n in zip(entries, nodes)]
    seen: set[str] = set()
    for loc, node in zip(locales, nodes):
        if loc.slug in seen:
            raise InputError(f"{path.name}:{node.start_mark.line + 1}: duplicate slug '{loc.slug}'")
        seen.add(loc.slug)
    if locales[0].slug != "en":
        raise InputError(f"{path.name}: the first locale must be the source language, en")
    return tuple(locales)


def by_slug(slug: str) -> Locale:
    for loc in load():
        if loc.slug == slug:
            return loc
    known = " ".join(loc.slug for loc in load())
    raise InputError(f"{REGISTRY.name}: unknown locale '{slug}' (known: {known})")


def source() -> Locale:
    return load()[0]
