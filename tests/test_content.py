"""The English content: in the nav, described, substantial, abbreviations defined."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import PATHS, PROJECT, SOURCE

ROOT = PATHS.root
ENGLISH = PATHS.docs_for(SOURCE.slug)
# Pages allowed under 150 words, and why.
SHORT_PAGES = {
    "resources/contact.md": "a directory of channels; its table carries the content",
}


def nav_paths(items) -> list[str]:
    paths = []
    for item in items:
        if isinstance(item, str):
            paths.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                paths.extend(nav_paths(value) if isinstance(value, list) else [value])
    return paths


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # mkdocs.yml tags
NAV = nav_paths(yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["nav"])  # noqa: S506
PAGES = PROJECT.index.pages(SOURCE.slug)


def read(uri: str):
    return PROJECT.pages[(SOURCE.slug, uri)]


def test_every_nav_page_exists_and_every_page_is_in_the_nav():
    assert len(NAV) == len(set(NAV)), "duplicate nav entry"
    assert sorted(NAV) == sorted(PAGES)


@pytest.mark.parametrize("uri", PAGES)
def test_page_has_title_and_a_real_description(uri):
    page = read(uri)
    assert isinstance(page.data.get("title"), str) and page.data["title"].strip()
    description = page.data.get("description")
    assert isinstance(description, str) and 50 <= len(description) <= 170, description


def words(markdown: str) -> int:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)  # link text, not URLs
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", text))


@pytest.mark.parametrize("uri", PAGES)
def test_no_page_is_a_stub(uri):
    if uri in SHORT_PAGES:
        assert words(read(uri).body) >= 80
        return
    assert words(read(uri).body) >= 150


def _abbreviations() -> set[str]:
    text = (ROOT / "includes" / "en" / "abbreviations.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\*\[([^\]]+)\]:", text, re.M))


def test_every_abbreviation_used_is_defined_in_the_glossary_file():
    defined = _abbreviations()
    for uri in PAGES:
        body = read(uri).body
        body = re.sub(r"\]\([^)]*\)|`[^`]*`|https?://\S+|mailto:\S+", "", body)
        for term in sorted(defined, key=len, reverse=True):  # "CC BY" before "CC"
            body = re.sub(rf"\b{re.escape(term)}\b", "", body)
        for word in set(re.findall(r"\b[A-Z][A-Z]{1,}[A-Z0-9-]*\b", body)):
            if not re.fullmatch(r"[IVXLC]+", word):  # Roman numerals (UN resolution numbers)
                assert False, f"docs/en/{uri}: '{word}' is not in includes/en/abbreviations.md"


def test_abbreviations_file_has_no_duplicates_and_is_sorted():
    text = (ROOT / "includes" / "en" / "abbreviations.md").read_text(encoding="utf-8")
    terms = re.findall(r"^\*\[([^\]]+)\]:", text, re.M)
    assert len(terms) == len(set(terms))
    assert terms == sorted(terms, key=str.lower)
