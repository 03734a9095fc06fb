"""Interface text per locale: strings/<slug>.yml.

Each file holds our own strings (`key: text`, the keys of strings/en.yml) and,
under `theme:`, Material's interface text where Material has none for the
language or ours is better (the keys of Material's partials/languages/en.html).
Every string falls back to English on its own: a key that a locale has not
translated yet (left out, or commented out) shows in English, marked as
English on the page, and is listed by `status`. Values are plain text,
checked when read: no markup, no template syntax, only known {placeholders}."""

from __future__ import annotations

import dataclasses
import functools
import re
from helpcenter import safeyaml, text
from helpcenter.errors import InputError
from helpcenter.paths import Paths

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
PLACEHOLDERS = {"fallback_notice": {"language"}, "footnote_backlink": {"number"}}  # keys that may use placeholders, and which
SET_BY_BUILD = re.compile(r"search\.config\.|language$|direction$")  # theme keys the build sets


@dataclasses.dataclass(frozen=True)
class Strings:
    slug: str
    site: dict[str, str]  # every key of en.yml: the locale's text, or English
    theme: dict[str, str]  # Material keys the locale sets (the rest: Material's file, then English)
    untranslated: frozenset[str]  # keys of `site` shown in English
    theme_untranslated: frozenset[str]  # Material keys shown in English (no file of Material's either)

    def fill(self, key: str, **values: str) -> str:
        return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), self.site[key])


@functools.lru_cache(maxsize=None)
def material_keys(language: str = "en") -> dict[str, str]:
    """Material's UI strings for `language` (partials/languages/<language>.html),
    read with Jinja's parser (the file is one dict literal)."""
    from importlib.resources import files

    import jinja2
    from jinja2 import nodes

    source = (files("material") / "templates" / "partials" / "languages" / f"{language}.html").read_text("utf-8")
    tree = jinja2.Environment().parse(source)
    found = {}
    for node in tree.find_all(nodes.Dict):
        for pair in node.items:
            if isinstance(pair.key, nodes.Const) and isinstance(pair.value, nodes.Const):
                found[pair.key.value] = pair.value.value
    return found


@dataclasses.dataclass(frozen=True)
class _File:
    where: str
    site: dict
    theme: dict
    lines: dict  # key -> line; "theme:key" for keys under theme:


def _read(paths: Paths, slug: str) -> _File:
    import yaml

    path = paths.strings_for(slug)
    where = paths.relative(path)
    if not path.is_file():
        raise InputError(f"{where}: missing interface text for locale '{slug}' "
                         "(`python -m helpcenter add-locale` creates it)")
    content = safeyaml.read_text(path, where, max_bytes=128 * 1024)
    data = safeyaml.load(content, where) or {}
    if not isinstance(data, dict):
        raise InputError(f"{where}:1: expected `key: text` lines")
    lines = {}
    root = yaml.compose(content)
    for key, value in (root.value if isinstance(root, yaml.MappingNode) else []):
        lines[key.value] = key.start_mark.line + 1
        if key.value == "theme" and isinstance(value, yaml.MappingNode):
            lines.update({f"theme:{k.value}": k.start_mark.line + 1 for k, _ in value.value})
    theme = data.pop("theme", None) or {}
    if not isinstance(theme, dict):
        raise InputError(f"{where}:{lines.get('theme', 1)}: `theme:` must hold `key: text` lines")
    return _File(where, data, theme, lines)


def load(paths: Paths, slug: str, rtl: bool = False, material_file: str | None = None) -> Strings:
    """The locale's strings, checked; English where a key is not translated."""
    english = _read(paths, "en")
    source = english.site
    _check(english, source, rtl=False)
    if english.theme:
        raise InputError(f"{english.where}:{english.lines['theme']}: English takes Material's own interface "
                         "text; remove `theme:`")
    if slug == "en":
        return Strings("en", dict(source), {}, frozenset(), frozenset())
    file = _read(paths, slug)
    own, theme = file.site, file.theme
    _check(file, source, rtl)
    _check_theme(file, rtl)
    site = {key: own.get(key, english) for key, english in source.items()}
    material = material_keys(material_file) if material_file else {}
    english_theme = material_keys("en")
    theme_untranslated = {key for key in english_theme
                          if key not in theme and key not in material and not SET_BY_BUILD.match(key)}
    return Strings(slug, site, dict(theme), frozenset(set(source) - set(own)), frozenset(theme_untranslated))


def _check(file: _File, source: dict, rtl: bool) -> None:
    for key, value in file.site.items():
        at = f"{file.where}:{file.lines.get(key, 1)}"
        if key not in source:
            raise InputError(f"{at}: unknown string `{key}` (the keys are those of strings/en.yml)")
        if not isinstance(value, str):
            raise InputError(f"{at}: `{key}` must be text")
        problem = text.problem(value, rtl=rtl)
        if problem:
            raise InputError(f"{at}: `{key}` {problem}")
        allowed = PLACEHOLDERS.get(key, set())
        stripped = PLACEHOLDER.sub("", value)
        if "{" in stripped or "}" in stripped:
            raise InputError(f"{at}: `{key}` has a stray {{ or }}; placeholders are written {{name}}"
                             + (f" (allowed: {', '.join('{' + p + '}' for p in sorted(allowed))})" if allowed else ""))
        unknown = set(PLACEHOLDER.findall(value)) - allowed
        if unknown:
            raise InputError(f"{at}: `{key}` has unknown placeholder(s) "
                             f"{', '.join('{' + p + '}' for p in sorted(unknown))}"
                             + (f"; allowed: {', '.join('{' + p + '}' for p in sorted(allowed))}" if allowed else ""))


def _check_theme(file: _File, rtl: bool) -> None:
    known = material_keys("en")
    for key, value in file.theme.items():
        at = f"{file.where}:{file.lines.get('theme:' + key, 1)}"
        if key not in known:
            raise InputError(f"{at}: `theme: {key}` is not one of Material's interface strings")
        if SET_BY_BUILD.match(key):
            raise InputError(f"{at}: `theme: {key}` is set by the build from locales.yml; remove it")
        problem = text.problem(value, rtl=rtl, quotes=False, max_length=200) if isinstance(value, str) else "must be text"
        if problem:
            raise InputError(f"{at}: `theme: {key}` {problem}")
