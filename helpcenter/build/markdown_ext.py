"""A Markdown extension of ours (named in mkdocs.yml): small marks on what
Python-Markdown renders, for the reader.

- Each term of a definition list (the glossary) gets an anchor, `#term-…`,
  so other pages can link to it.
- A link whose text is its own address gets class `hc-bare`, so print does
  not write the address out a second time."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor


class _Marks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        taken = {element.get("id") for element in root.iter() if element.get("id")}
        for term in root.iter("dt"):
            if term.get("id"):
                continue
            base = "term-" + (slugify("".join(term.itertext()), "-") or "entry")
            anchor, number = base, 1
            while anchor in taken:
                number += 1
                anchor = f"{base}-{number}"
            term.set("id", anchor)
            taken.add(anchor)
        for link in root.iter("a"):
            href = link.get("href") or ""
            if href and "".join(link.itertext()).strip() in (href, href.removeprefix("mailto:")):
                link.set("class", " ".join(filter(None, [link.get("class"), "hc-bare"])))


class HelpCenterMarks(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_Marks(md), "helpcenter_marks", 5)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return HelpCenterMarks(**kwargs)
