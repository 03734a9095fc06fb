"""YAML from contributors, read safely: plain data only.

Refused, each with `file:line: message`: anchors and aliases (an alias bomb
expands a few lines into gigabytes), explicit tags (`!!python/…`, `!ENV`),
duplicate keys (the first value would be lost without a word), nesting deeper
than MAX_DEPTH, and files larger than MAX_BYTES."""

from __future__ import annotations

from pathlib import Path

import yaml

from helpcenter.errors import InputError

try:  # libyaml is much faster; the pure-Python parser gives the same events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader

MAX_BYTES = 512 * 1024
MAX_DEPTH = 12


def read_text(path: Path, where: str, max_bytes: int = MAX_BYTES) -> str:
    """A contributor's text file: a regular file, UTF-8, within the size limit."""
    path = Path(path)
    if path.is_symlink():
        raise InputError(f"{where}: is a symbolic link; commit the file itself")
    try:
        size = path.stat().st_size
    except OSError as err:
        raise InputError(f"{where}: cannot read: {err.strerror}") from None
    if size > max_bytes:
        raise InputError(f"{where}: {size:,} bytes, more than the limit of {max_bytes:,}; split the file")
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(f"{where}:{line}: not UTF-8 (byte {err.start}); save the file as UTF-8") from None


def load(text: str, where: str, line_offset: int = 0):
    """Parse `text` (from `where`); line numbers in messages are shifted by
    `line_offset` (front matter starts below its `---`)."""
    def fail(mark, message):
        line = (mark.line + 1 + line_offset) if mark is not None else None
        raise InputError(f"{where}:{line}: {message}" if line else f"{where}: {message}")

    stack: list[list] = []  # per open collection: [is_mapping, expecting_key, keys seen]
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                fail(event.start_mark, "YAML anchors and aliases (`&name`, `*name`) are not allowed here")
            tag = getattr(event, "tag", None)
            implicit = getattr(event, "implicit", True)
            if tag and not (implicit is True or (isinstance(implicit, tuple) and any(implicit))):
                fail(event.start_mark, f"YAML tags (`{tag}`) are not allowed here")
            if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and stack:
                frame = stack[-1]
                if frame[0]:
                    if frame[1]:
                        if isinstance(event, yaml.ScalarEvent):
                            if event.value in frame[2]:
                                fail(event.start_mark, f"duplicate key `{event.value}`")
                            frame[2].add(event.value)
                    frame[1] = not frame[1]
            if isinstance(event, yaml.CollectionStartEvent):
                stack.append([isinstance(event, yaml.MappingStartEvent), True, set()])
                if len(stack) > MAX_DEPTH:
                    fail(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        fail(mark, f"invalid YAML: {problem}")


def load_file(path: Path, where: str, max_bytes: int = MAX_BYTES):
    return load(read_text(path, where, max_bytes), where)


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
