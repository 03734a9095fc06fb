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
SCHEMA = {"title": str, "description": str, "translation": dict, "home": dict}
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
    if "home" in page.data:
        check_home(page, rtl)
    return page


# The home page's own blocks (index.md only): text a translator translates,
# links that stay as they are.
HOME = {"search": str, "sections": list, "tasks_title": str, "tasks": list, "contact_title": str,
        "contact": str, "contact_link": str}
HOME_ITEMS = {"sections": ("link", "title", "summary"), "tasks": ("link", "title")}


def check_home(page: FrontMatter, rtl: bool) -> None:
    at = f"{page.where}:{page.lines.get('home', 1)}"
    if not page.where.endswith("/index.md") or page.where.count("/") != 2:
        raise InputError(f"{at}: `home` belongs to the home page (docs/<locale>/index.md) only")
    home = page.data["home"]
    if set(home) != set(HOME):
        missing, unknown = sorted(set(HOME) - set(home)), sorted(set(home) - set(HOME))
        raise InputError(f"{at}: `home` needs exactly {', '.join(HOME)}"
                         + (f"; missing {', '.join(missing)}" if missing else "")
                         + (f"; unknown {', '.join(unknown)}" if unknown else ""))
    for key, kind in HOME.items():
        value = home[key]
        if not isinstance(value, kind):
            raise InputError(f"{at}: `home: {key}` must be {'text' if kind is str else 'a list'}")
        items = value if kind is list else [{"text": value}]
        for item in items:
            fields = HOME_ITEMS.get(key, ("text",))
            if not isinstance(item, dict) or set(item) != set(fields):
                raise InputError(f"{at}: each of `home: {key}` needs exactly {', '.join(fields)}")
            for field in fields:
                problem = text.problem(item[field], max_length=200, rtl=rtl) if field != "link" else None
                if field == "link" and not (isinstance(item[field], str) and item[field].endswith(".md")):
                    problem = "must be the path of a page (e.g. your-rights/appeals.md)"
                if problem:
                    raise InputError(f"{at}: `home: {key}` {field} {problem}")
