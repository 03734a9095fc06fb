"""Translation QA: a translated page must say what its English source says,
in the same shape. Checked on both pages rendered as MkDocs would:

- the same headings, at the same levels, with the English anchors
  (`## Titre {#english-anchor}`), so links into the page work in every language;
- the same link targets, footnotes and tables (rows × columns);
- every number of the English text (dates, deadlines, article and section
  numbers) somewhere in the translation;
- the locale's agreed term (termbase/<locale>.yml) wherever the English uses
  a key term;
- no paragraph, list item, table cell or heading still in English.

Each finding is `file:line: message`; CONTRIBUTING.md says how to fix it."""

from __future__ import annotations

import collections
import re
import unicodedata

from helpcenter.check import content, language
from helpcenter.check.content import line_of
from helpcenter.check.render import render, text_of
from helpcenter.frontmatter import FrontMatter
from helpcenter.paths import Paths

_DIGITS = re.compile(r"\d+")
BLOCKS = ("p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "summary")


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in text)


def _headings(tree) -> list[tuple[int, str, str]]:
    return [(int(h.tag[1]), h.get("id") or "", text_of(h)) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]


def _links(tree) -> collections.Counter:
    found = collections.Counter()
    for a in tree.iter("a"):
        href = a.get("href") or ""
        if not href or href.startswith("#fn") or "headerlink" in (a.get("class") or "") \
                or "footnote" in (a.get("class") or ""):
            continue
        found[href] += 1
    return found


def _footnotes(tree) -> list[str]:
    return [li.get("id") for li in tree.xpath("//div[contains(@class, 'footnote')]//li[@id]")]


def _tables(tree) -> list[tuple[int, int]]:
    shapes = []
    for table in tree.iter("table"):
        rows = table.xpath(".//tr")
        shapes.append((len(rows), max((len(r.xpath("./th|./td")) for r in rows), default=0)))
    return shapes


# 1,000 / 1.000 / 1 000 / 1'000: one number, however a language groups its digits
# (text_of has already turned no-break spaces into spaces)
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,\s'’]\d{3})+(?![\d])")
_SCALED = re.compile(r"\d+(?:[.,]\d+)?\s+(?:thousand|million|billion)\b", re.I)


def _numbers(tree, english: bool = False) -> collections.Counter:
    """The numbers of a page. In English, a number with a scale word
    ("45 million") is left out: languages write it differently (4,500万)."""
    text = _GROUPED.sub(lambda m: re.sub(r"\D", "", m.group()), _ascii_digits(text_of(tree)))
    if english:
        text = _SCALED.sub(" ", text)
    return collections.Counter(_DIGITS.findall(text))


def _stem(word: str) -> str:
    """Enough of a word to find it inflected (Recurso/recursos, Widerspruch/Widerspruchs)."""
    return word[: max(4, int(len(word) * 0.6))] if len(word) > 4 else word


def term_used(term: str, text: str) -> bool:
    text = text.lower()
    return all(_stem(word) in text for word in term.lower().split() if len(word) > 2)


def compare(paths: Paths, slug: str, page: FrontMatter, english: FrontMatter,
            terms: dict[str, list[str]], english_terms: dict[str, str]) -> list[str]:
    where = page.where
    found = []
    ours, theirs = render(paths, page.body, slug), render(paths, english.body, "en")

    def at(needle: str) -> str:
        return f"{where}:{line_of(page, needle)}"

    mine, source = _headings(ours), _headings(theirs)
    if [(lvl, hid) for lvl, hid, _ in mine] != [(lvl, hid) for lvl, hid, _ in source]:
        for i, expected in enumerate(source):
            got = mine[i] if i < len(mine) else None
            if got is None or got[:2] != expected[:2]:
                if got is None:
                    found.append(f"{where}:1: heading {i + 1} of the English page is missing: "
                                 f"{'#' * expected[0]} … {{#{expected[1]}}}")
                else:
                    found.append(f"{at(got[2][:20])}: heading {i + 1} must be level {expected[0]} with the English "
                                 f"anchor: {'#' * expected[0]} {got[2]} {{#{expected[1]}}}")
                break
        else:
            found.append(f"{at(mine[len(source)][2][:20])}: a heading the English page does not have")
    missing, extra = _links(theirs) - _links(ours), _links(ours) - _links(theirs)
    for href in sorted(missing):
        found.append(f"{where}:1: the English page links to `{href}`; the translation does not")
    for href in sorted(extra):
        found.append(f"{at(href)}: a link to `{href}` that the English page does not have")
    if _footnotes(ours) != _footnotes(theirs):
        found.append(f"{where}:1: footnotes differ from the English page: {', '.join(_footnotes(theirs)) or 'none'} "
                     f"expected, {', '.join(_footnotes(ours)) or 'none'} found")
    if _tables(ours) != _tables(theirs):
        found.append(f"{where}:1: tables differ from the English page (rows × columns): {_tables(theirs)} expected, "
                     f"{_tables(ours)} found")
    lost = _numbers(theirs, english=True) - _numbers(ours)
    for number in sorted(lost, key=lambda n: (len(n), n)):
        found.append(f"{where}:1: the number {number} of the English page is missing "
                     f"({lost[number]}×): keep every number, date and legal citation")
    # not words inside addresses (https://…, /en/your-rights/appeals/, page.md)
    english_text = re.sub(r"\S*(?:://|www\.|\.md|/\S*/)\S*", " ", text_of(theirs).lower())
    our_text = text_of(ours)
    for key, term in english_terms.items():
        forms = terms.get(key) or []
        # "appeals" counts, "our service-of-process page" does not
        if forms and re.search(rf"\b{re.escape(term.lower())}(?!\w*-\w)", english_text) \
                and not any(term_used(form, our_text) for form in forms):
            found.append(f"{where}:1: the English page uses “{term}”: use the agreed term “{forms[0]}” "
                         f"(termbase/{slug}.yml `{key}`)")
    prose = re.sub(content.NOT_PROSE + r"|\[\^[^\]]*\]", "", page.body)  # footnote ids too
    for word in content.undefined_acronyms(prose, content.defined_in(paths.includes / slug / "abbreviations.md")):
        found.append(f"{at(word)}: `{word}` has no definition in includes/{slug}/abbreviations.md: add "
                     f"`*[{word}]: what it stands for, in your language`")
    for element in ours.iter(*BLOCKS):
        if element.tag == "li" and element.xpath(".//li | .//p"):
            continue  # its own paragraphs and items are checked one by one
        text = text_of(element)
        if language.is_english(text):
            found.append(f"{at(text[:25])}: still in English: “{text[:60]}…”")
    return found


_SNIPPET = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"([^"]+)"', re.M)


def untranslated_snippets(paths: Paths, slug: str, source_slug: str, page: FrontMatter) -> list[str]:
    """A translated page that includes a snippet this locale has not translated
    would show that paragraph in English."""
    found = []
    for match in _SNIPPET.finditer(page.body):
        name = match.group(1)
        if (paths.includes / source_slug / name).is_file() and not (paths.includes / slug / name).is_file():
            line = page.body_line + page.body.count("\n", 0, match.start())
            found.append(f"{page.where}:{line}: the snippet `{name}` has no translation: write "
                         f"includes/{slug}/{name} (translate includes/{source_slug}/{name}); the page would show it "
                         "in English")
    return found

