"""Front matter of a page: read with PyYAML, checked against one schema."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

from helpcenter.errors import InputError, relative, yaml_load

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)

# Every key a page may set, and its type. `translation` is checked in
# helpcenter/translations.py.
SCHEMA = {"title": str, "description": str, "translation": dict}
REQUIRED = ("title", "description")

@dataclasses.dataclass(frozen=True)
class FrontMatter:
    path: Path
    data: dict
    body: str
    lines: dict[str, int]  # top-level key -> line number in the file

def read(path: Path) -> FrontMatter:
    """Front matter and body of a Markdown file; bad input names file and line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"{relative(path)}: not UTF-8 (byte {err.start}); save it as UTF-8") from None
    match = _FRONT_MATTER.match(text)
    if not match:
        return FrontMatter(Path(path), {}, text, {})
    block = match.group(1) or ""
    data = yaml_load(block, path, line_offset=1) or {}
    if not isinstance(data, dict):
        raise InputError(f"{relative(path)}:2: front matter must be `key: value` lines")
    lines = {}
    node = yaml.compose(block)
    if node is not None:
        lines = {key.value: key.start_mark.line + 2 for key, _ in node.value}
    return FrontMatter(Path(path), data, text[match.end():], lines)

def check(path: Path) -> FrontMatter:
    """The page's front matter, or an error naming file and line."""
    page = read(path)
    where = relative(path)
    if not page.body.strip():
        raise InputError(f"{where}: the page is empty")
    for key, value in page.data.items():
        line = page.lines.get(key, 1)
        if key not in SCHEMA:
            raise InputError(f"{where}:{line}: unknown front-matter key `{key}` (known: {', '.join(SCHEMA)})")
        if not isinstance(value, SCHEMA[key]):
            raise InputError(f"{where}:{line}: `{key}` must be {SCHEMA[key].__name__}")
    for key in REQUIRED:
        if not str(page.data.get(key) or "").strip():
            raise InputError(f"{where}:1: front matter needs a `{key}`")
    return page
