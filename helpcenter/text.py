"""Checks for text that contributors write: what may appear in plain-text
fields (titles, UI strings, names) and which invisible characters are allowed.

Invisible characters can make text lie: bidi overrides reorder what a reader
sees (a link's text can spoof its target), zero-width characters hide words
from search. They are allowed only where a script needs them: ZWJ/ZWNJ between
letters of scripts that shape with them (Arabic, Indic, Khmer…), ZWSP between
letters of scripts written without spaces (Thai, Khmer, Lao, Myanmar), and
directional marks and isolates in right-to-left text."""

from __future__ import annotations

import re
import unicodedata

OVERRIDES = {"\u202d": "LEFT-TO-RIGHT OVERRIDE", "\u202e": "RIGHT-TO-LEFT OVERRIDE"}
BIDI = {"\u202a", "\u202b", "\u202c", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"}
JOINERS = {"\u200c", "\u200d"}
ZWSP = "\u200b"
ALWAYS_HIDDEN = {"\u2060", "\ufeff", "\u180e", "\u2061", "\u2062", "\u2063", "\u2064"}
JOINING_SCRIPTS = ("ARABIC", "SYRIAC", "DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI", "ORIYA", "TAMIL",
                   "TELUGU", "KANNADA", "MALAYALAM", "SINHALA", "KHMER", "MYANMAR", "TIBETAN", "MONGOLIAN")
UNSPACED_SCRIPTS = ("THAI", "LAO", "KHMER", "MYANMAR")
MARKUP = re.compile(r"<\s*[A-Za-z/!?]|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")


def _script(char: str) -> str:
    try:
        return unicodedata.name(char).split(" ")[0]
    except ValueError:
        return ""


def invisible(line: str, rtl: bool) -> str | None:
    """Why `line` holds an invisible character it should not, or None."""
    for i, char in enumerate(line):
        before = _script(line[i - 1]) if i else ""
        after = _script(line[i + 1]) if i + 1 < len(line) else ""
        column = i + 1
        if char in OVERRIDES:
            return f"column {column}: {OVERRIDES[char]} (U+{ord(char):04X}) can make text display in another order than it reads; remove it"
        if char in BIDI and not rtl:
            return f"column {column}: bidirectional control U+{ord(char):04X} in left-to-right text; remove it"
        if char in JOINERS and not (before in JOINING_SCRIPTS or after in JOINING_SCRIPTS):
            return f"column {column}: zero-width joiner U+{ord(char):04X} outside a script that needs it; remove it"
        if char == ZWSP and not (before in UNSPACED_SCRIPTS and after in UNSPACED_SCRIPTS):
            return f"column {column}: zero-width space U+200B outside Thai, Lao, Khmer or Myanmar text; remove it"
        if char in ALWAYS_HIDDEN:
            return f"column {column}: invisible character U+{ord(char):04X}; remove it"
        if unicodedata.category(char) == "Cc" and char not in "\t\n\r":
            return f"column {column}: control character U+{ord(char):04X}; remove it"
    return None


def problem(value: str, *, max_length: int = 300, rtl: bool = False, quotes: bool = True) -> str | None:
    """Why `value` is not acceptable plain text for a short field, or None.
    `quotes=False` also refuses `"` and `&` (text printed into attributes)."""
    if not isinstance(value, str):
        return "must be text"
    if not value.strip():
        return "is empty"
    if len(value) > max_length:
        return f"is {len(value)} characters long; at most {max_length}"
    if "\n" in value.strip():
        return "must be one line"
    if MARKUP.search(value) or "<" in value and ">" in value:
        return "contains HTML markup; write plain text (the site escapes it)"
    if not quotes and any(c in value for c in '"&<>'):
        return 'must not contain ", &, < or >'
    if "{{" in value or "{%" in value:
        return "contains template syntax ({{ or {%); write plain text"
    return invisible(value, rtl)
