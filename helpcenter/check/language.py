"""Is this text still English? A translation check that needs no model.

English prose is about a third function words that other languages do not
share ("the", "and", "of", "you", "with"…); a translation has almost none,
whatever its script. `english_share` is the share of those words among all
words of a text; above THRESHOLD, with enough words to judge, it is English."""

from __future__ import annotations

import re
import unicodedata

ENGLISH_ONLY = frozenset("""
the and that with for you your our this be not have from can will which it they when what about if who how
their has been would should there these those into only its them than any must does
""".split())  # not "to", "of", "are", "by", "we", "in": words of Slovene, Dutch, Romanian, Polish…
THRESHOLD = 0.10
MIN_WORDS = 6
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.U)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def english_share(text: str) -> float:
    found = words(text)
    return sum(w in ENGLISH_ONLY for w in found) / len(found) if found else 0.0


def is_english(text: str, threshold: float = THRESHOLD) -> bool:
    """A block of text still in English: most of its letters are Latin, and
    its Latin words have English's share of function words. (A translation
    may quote an English title inside text in its own language.)"""
    letters = [c for c in text if c.isalpha()]
    latin = [c for c in letters if _latin(c)]
    if not letters or len(latin) / len(letters) < 0.5:
        return False
    found = [w for w in words(text) if all(map(_latin, w))]  # "følger" counts, "個人" does not
    hits = sum(w in ENGLISH_ONLY for w in found)
    return len(found) >= MIN_WORDS and hits >= 2 and hits / len(found) > threshold


def _latin(char: str) -> bool:
    return char.isascii() or unicodedata.name(char, "").startswith("LATIN")


_CODE = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`", re.S)
_LINK_TARGET = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]|^\[(?!\^)[^\]]+\]:.*$|<[^>]+>|https?://\S+|mailto:\S+|\[\^[^\]]*\]"
                          r"|\{[#.][^}]*\}|^\s*(?:!!!|\?\?\?\+?)\s*[a-z-]+|^\s*--8<--.*$", re.M)


def markdown_text(markdown: str) -> str:
    """The prose of a Markdown page: no code, link targets, tags or URLs."""
    return _LINK_TARGET.sub(" ", _CODE.sub(" ", markdown))
