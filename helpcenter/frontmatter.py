"""A page's front matter, read safely and checked against one schema."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

from helpcenter import safeyaml, text
from helpcenter.errors import InputError

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)

# Every key a page may set, and its type. `translation` is checked in
# helpcenter/translations.py.
SCHEMA = {"title": str, "description": str, "translation": dict}
REQUIRED = ("title", "description")
LIMITS = {"title": 120, "description": 300}
MAX_PAGE_BYTES = 512 * 1024


@dataclasses.dataclass(frozen=True)
class FrontMatter:
    where: str  # the file, as named in messages
    data: dict
    body: str
    body_line: int  # line number of the body's first line in the file
    lines: dict[str, int]  # top-level key -> line number in the file


def parse(content: str, where: str) -> FrontMatter:
    match = _FRONT_MATTER.match(content)
    if not match:
        return FrontMatter(where, {}, content, 1, {})
    block = match.group(1) or ""
    data = safeyaml.load(block, where, line_offset=1) or {}
    if not isinstance(data, dict):
        raise InputError(f"{where}:2: front matter must be `key: value` lines")
    node = yaml.compose(block)
    lines = {key.value: key.start_mark.line + 2 for key, _ in node.value} if node is not None else {}
    return FrontMatter(where, data, content[match.end():], content[: match.end()].count("\n") + 1, lines)


def read(path: Path, where: str) -> FrontMatter:
    """Front matter and body of a Markdown file; bad input names file and line."""
    return parse(safeyaml.read_text(path, where, MAX_PAGE_BYTES), where)


def check(page: FrontMatter, rtl: bool = False) -> FrontMatter:
    """`page` if its front matter is right, else an error naming file and line."""
    where = page.where
    if not page.body.strip():
        raise InputError(f"{where}:1: the page is empty")
    for key, value in page.data.items():
        line = page.lines.get(key, 1)
        if key not in SCHEMA:
            raise InputError(f"{where}:{line}: unknown front-matter key `{key}` (known: {', '.join(SCHEMA)})")
        if not isinstance(value, SCHEMA[key]):
            raise InputError(f"{where}:{line}: `{key}` must be {'text' if SCHEMA[key] is str else 'a mapping'}")
        if key in LIMITS:
            problem = text.problem(value, max_length=LIMITS[key], rtl=rtl)
            if problem:
                raise InputError(f"{where}:{line}: `{key}` {problem}")
    for key in REQUIRED:
        if key not in page.data:
            raise InputError(f"{where}:1: front matter needs a `{key}`")
    return page
