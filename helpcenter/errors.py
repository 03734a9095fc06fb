"""Bad input is reported as one clear message naming the file (and line)."""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError


class InputError(PluginError):
    """Something a writer or translator must fix. Never shown with a traceback:
    MkDocs prints it as `Error: …` and our CLI as `error: …`."""


def relative(path: Path) -> str:
    from helpcenter.locales import ROOT

    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def yaml_load(text: str, path: Path, line_offset: int = 0):
    """yaml.safe_load that turns a syntax error into `file:line: message`."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f":{mark.line + 1 + line_offset}" if mark else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise InputError(f"{relative(path)}{line}: invalid YAML: {problem}") from None
