"""Help-center UI strings: overrides/strings/<slug>.yml, checked against en.yml."""

from __future__ import annotations

import functools
import string

from helpcenter.errors import InputError, relative, yaml_load
from helpcenter.locales import THEME_OVERRIDES

STRINGS = THEME_OVERRIDES / "strings"


def path_for(slug: str):
    return STRINGS / f"{slug}.yml"


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@functools.lru_cache(maxsize=None)
def load(slug: str) -> dict[str, str]:
    """The locale's strings. Every key of en.yml must be translated, with the
    same {placeholders}; unknown keys are errors (they would be typos)."""
    source = _read("en")
    if slug == "en":
        return source
    strings = _read(slug)
    where = relative(path_for(slug))
    missing = [key for key in source if key not in strings]
    if missing:
        raise InputError(f"{where}: missing string(s) {', '.join(missing)} (see overrides/strings/en.yml)")
    unknown = [key for key in strings if key not in source]
    if unknown:
        raise InputError(f"{where}: unknown string(s) {', '.join(unknown)}")
    for key, text in strings.items():
        if _placeholders(text) != _placeholders(source[key]):
            raise InputError(
                f"{where}: `{key}` must keep the placeholders of en.yml: "
                f"{sorted(_placeholders(source[key]))}"
            )
    return strings


def _read(slug: str) -> dict[str, str]:
    path = path_for(slug)
    if not path.is_file():
        raise InputError(
            f"{relative(path)}: missing UI strings for locale '{slug}' "
            "(copy overrides/strings/en.yml and translate it)"
        )
    data = yaml_load(path.read_text(encoding="utf-8"), path)
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise InputError(f"{relative(path)}: expected `key: text` lines only")
    return data
