"""Rules for every page a writer or translator writes, checked on the
Markdown source and on its rendering: the title is the H1, the description
is one sentence of the right length, the page is not a stub, every
abbreviation is defined, no reference or footnote is left undefined. Each
finding is `file:line: message`."""

from __future__ import annotations

import re
from pathlib import Path

from helpcenter.check.render import render, text_of
from helpcenter.frontmatter import FrontMatter
from helpcenter.paths import Paths

DESCRIPTION = (120, 160)  # characters, English pages: the search-result snippet
MIN_WORDS = 150  # English pages
SHORT_PAGES = {"resources/contact.md": "a directory of channels; its table carries the content",
               "index.md": "the home page: its cards and task links (front matter `home:`) carry the content"}
ABBREVIATION = re.compile(r"^\*\[([^\]]+)\]:", re.M)
_ACRONYM = re.compile(r"\b[A-Z][A-Z]{1,}[A-Z0-9-]*\b")
_ROMAN = re.compile(r"[IVXLC]+")
_UNDEFINED = re.compile(r"\[\^[^\]\s]+\]|\[[^\]]+\]\[[^\]]*\]")


def line_of(page: FrontMatter, needle: str, default: int = 1) -> int:
    """The line of the page's file holding `needle` (its first occurrence)."""
    for number, line in enumerate(page.body.split("\n"), page.body_line):
        if needle and needle in line:
            return number
    return default


def defined_in(path: Path) -> set[str]:
    """The terms an abbreviations file defines (none if there is no file)."""
    return set(ABBREVIATION.findall(path.read_text(encoding="utf-8"))) if path.is_file() else set()


def abbreviations(paths: Paths, slug: str) -> set[str]:
    """Terms with a hover definition for pages of `slug` (its own file, else English's)."""
    for folder in (slug, "en"):
        path = paths.includes / folder / "abbreviations.md"
        if path.is_file():
            return defined_in(path)
    return set()


# not prose: link targets, code, addresses, heading anchors
NOT_PROSE = r"\]\([^)]*\)|`[^`]*`|https?://\S+|mailto:\S+|\{#[^}]*\}"


def undefined_acronyms(prose: str, defined: set[str]) -> list[str]:
    """The acronyms of `prose` that `defined` does not define (Roman numerals are not acronyms)."""
    for term in sorted(defined, key=len, reverse=True):  # "CC BY" before "CC"
        prose = re.sub(rf"\b{re.escape(term)}\b", "", prose)
    return [word for word in sorted(set(_ACRONYM.findall(prose))) if not _ROMAN.fullmatch(word)]


def page_rules(paths: Paths, slug: str, uri: str, page: FrontMatter, english: bool) -> list[str]:
    where = page.where
    found = []
    title = page.data.get("title", "")
    rendered = render(paths, page.body, slug)
    h1 = rendered.xpath("//h1")
    if h1 and text_of(h1[0]) != " ".join(title.split()):  # white space as readers see it (no-break spaces too)
        found.append(f"{where}:{line_of(page, '# ')}: the `# ` heading must match the title: {title!r}")
    if english:
        length = len(page.data.get("description", ""))
        low, high = DESCRIPTION
        if not low <= length <= high:
            found.append(f"{where}:{page.lines.get('description', 1)}: description is {length} characters; "
                         f"write one sentence of {low}–{high}")
        words = len(text_of(rendered).split())
        if uri not in SHORT_PAGES and words < MIN_WORDS:
            found.append(f"{where}:1: only {words} words; a page needs at least {MIN_WORDS} (or a reason in "
                         "helpcenter/check/content.py SHORT_PAGES)")
        for word in undefined_acronyms(re.sub(NOT_PROSE, "", page.body), abbreviations(paths, slug)):
            found.append(f"{where}:{line_of(page, word)}: `{word}` is not defined in "
                         f"includes/en/abbreviations.md: add `*[{word}]: what it stands for`")
    for match in sorted(set(_UNDEFINED.findall(text_of(rendered)))):
        found.append(f"{where}:{line_of(page, match)}: `{match}` is not defined: add the reference or "
                     "footnote definition, or fix its name")
    return found
