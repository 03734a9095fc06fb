"""The locale registry (locales.yml): which locales we publish, in menu order.

Names and directions come from CLDR (Babel); only a locale CLDR does not know
may give its own `name` and `dir`. Every field is type-checked and every slug
is a lowercase BCP 47 form that stays a single folder name under docs/."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from babel import Locale as CldrLocale
from babel.core import UnknownLocaleError

from helpcenter import safeyaml, text
from helpcenter.errors import InputError

SLUG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*")  # lowercase BCP 47: es, zh-cn, fa-af
TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Z]{2}|[0-9]{3}))?", re.ASCII)  # language[-Script][-REGION]
THEME = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{2,4})?")  # Material's file names: fr, zh-TW, ku-IQ
# A slug may name the macrolanguage of its tag: `no` (Norwegian) holds Bokmål, `nb`.
MACROLANGUAGES = {"no": ("nb", "nn")}
KEYS = {"slug": str, "tag": str, "full": bool, "theme": str, "name": str, "dir": str}


@dataclasses.dataclass(frozen=True)
class Locale:
    slug: str  # URL segment and folder name: docs/<slug>/, site/<slug>/
    tag: str  # BCP 47, for lang and hreflang
    full: bool  # every page is to be translated (else: home page, English elsewhere)
    name: str  # endonym, from CLDR
    dir: str  # "ltr" or "rtl", from CLDR
    theme: str | None  # Material's UI-strings file to start from (None: ours only)

    @property
    def is_rtl(self) -> bool:
        return self.dir == "rtl"

    @property
    def menu_name(self) -> str:
        """The name as a menu item: CLDR's context transform for languages in
        menus (uiListOrMenu: titlecase-firstword), which Babel does not ship;
        in running text (a notice) the name stays as CLDR writes it."""
        return self.name[:1].upper() + self.name[1:]

    @property
    def cldr(self) -> str:
        """The tag in Babel's form (pt_PT), for dates and the like."""
        return self.tag.replace("-", "_")


def cldr_name(cldr: CldrLocale) -> str:
    """The endonym CLDR gives the most specific form of a locale.

    CLDR names some variants on their own (fa_AF: دری, zh_Hans: 简体中文);
    otherwise the language's own name for itself (español, বাংলা)."""
    for key in (f"{cldr.language}_{cldr.territory}", f"{cldr.language}_{cldr.script}"):
        if key in cldr.languages:
            return cldr.languages[key]
    return cldr.get_language_name(cldr)


def parse_tag(tag: str) -> CldrLocale | None:
    try:
        return CldrLocale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def _language(tag: str) -> str:
    return tag.lower().split("-")[0]


def check_slug(slug: str, where: str) -> str:
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        raise InputError(f"{where}: slug {slug!r} must be a lowercase BCP 47 form such as `es`, "
                         "`pt-br` or `zh-cn` (letters, digits and hyphens only)")
    return slug


def material_languages() -> set[str]:
    from importlib.resources import files

    folder = files("material") / "templates" / "partials" / "languages"
    return {entry.name.removesuffix(".html") for entry in folder.iterdir() if entry.name.endswith(".html")}


def _entry(entry, line: int, where_file: str, material: set[str]) -> Locale:
    where = f"{where_file}:{line}"
    if not isinstance(entry, dict) or "slug" not in entry:
        raise InputError(f"{where}: each locale is a mapping with at least a `slug`")
    unknown = sorted(set(map(str, entry)) - set(KEYS))
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(unknown)} (known: {', '.join(KEYS)})")
    for key, value in entry.items():
        if not isinstance(value, KEYS[key]):
            raise InputError(f"{where}: `{key}` must be {'true or false' if KEYS[key] is bool else 'text'}, "
                             f"not {value!r}")
    slug = check_slug(entry["slug"], where)
    tag = entry.get("tag", slug)
    if not TAG.fullmatch(tag):
        raise InputError(f"{where}: tag {tag!r} is not a BCP 47 tag of the form language[-Script][-REGION]")
    if _language(tag) != _language(slug) and _language(tag) not in MACROLANGUAGES.get(_language(slug), ()):
        raise InputError(f"{where}: slug '{slug}' and tag '{tag}' name different languages")
    theme = entry.get("theme")
    if theme is not None and (not THEME.fullmatch(theme) or theme not in material):
        raise InputError(f"{where}: theme '{theme}': Material has no partials/languages/{theme}.html")
    if theme is None and tag in material:
        theme = tag
    cldr = parse_tag(tag)
    if cldr is None:
        if "name" not in entry or "dir" not in entry:
            raise InputError(f"{where}: CLDR has no data for '{tag}'; give `name` and `dir` "
                             "with a comment saying why")
        name, direction = entry["name"], entry["dir"]
        problem = text.problem(name, max_length=40, quotes=False)
        if problem:
            raise InputError(f"{where}: `name`: {problem}")
    else:
        if "dir" in entry:
            raise InputError(f"{where}: '{slug}' is in CLDR; remove `dir` (it comes from Babel)")
        name, direction = cldr_name(cldr), cldr.text_direction
        if "name" in entry:  # a fuller form of CLDR's own name (Indonesia -> Bahasa Indonesia) only
            if name.lower() not in entry["name"].lower() or text.problem(entry["name"], max_length=40, quotes=False):
                raise InputError(f"{where}: '{slug}' is in CLDR, which names it '{name}'; `name` may only be a "
                                 f"fuller form that contains it, or remove `name`")
            name = entry["name"]
    if direction not in ("ltr", "rtl"):
        raise InputError(f"{where}: `dir` must be ltr or rtl, not {direction!r}")
    return Locale(slug=slug, tag=tag, full=entry.get("full", False), name=name, dir=direction, theme=theme)


def load_registry(path: Path, where_file: str = "locales.yml") -> tuple[Locale, ...]:
    """Read and check the registry; errors name the file and line."""
    import yaml

    content = safeyaml.read_text(path, where_file, max_bytes=64 * 1024)
    data = safeyaml.load(content, where_file)
    entries = data.get("locales") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise InputError(f"{where_file}:1: expected a `locales:` list")
    root = yaml.compose(content)
    nodes = next(value for key, value in root.value if key.value == "locales").value
    material = material_languages()
    found = [_entry(e, n.start_mark.line + 1, where_file, material) for e, n in zip(entries, nodes)]
    seen: dict[str, int] = {}
    for loc, node in zip(found, nodes):
        line = node.start_mark.line + 1
        for key in (loc.slug, loc.tag.lower()):
            if key in seen:
                raise InputError(f"{where_file}:{line}: '{loc.slug}' repeats the locale on line {seen[key]}")
        seen[loc.slug] = seen[loc.tag.lower()] = line
    if found[0].slug != "en":
        raise InputError(f"{where_file}:{nodes[0].start_mark.line + 1}: the first locale must be the source "
                         "language, en")
    return tuple(found)


@dataclasses.dataclass(frozen=True)
class Registry:
    locales: tuple[Locale, ...]

    @classmethod
    def load(cls, path: Path, where_file: str = "locales.yml") -> "Registry":
        return cls(load_registry(path, where_file))

    def __iter__(self):
        return iter(self.locales)

    def __len__(self):
        return len(self.locales)

    @property
    def source(self) -> Locale:
        return self.locales[0]

    @property
    def slugs(self) -> list[str]:
        return [loc.slug for loc in self.locales]

    def get(self, slug: str) -> Locale:
        for loc in self.locales:
            if loc.slug == slug:
                return loc
        raise InputError(f"locales.yml: unknown locale '{slug}' (known: {' '.join(self.slugs)})")
