"""Bad input is reported as one clear line naming the file (and line)."""

from __future__ import annotations

from mkdocs.exceptions import PluginError


class InputError(PluginError):
    """Something a writer, translator or maintainer must fix. Never shown with
    a traceback: MkDocs prints it as `Error: …`, our CLI as `error: …`.
    The message starts with `file[:line]: `."""


def where(path: str, line: int | None = None) -> str:
    return f"{path}:{line}" if line else path
