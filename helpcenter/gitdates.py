"""Last-commit dates of source files, from one `git log` for the whole tree."""

from __future__ import annotations

import datetime
import functools
import subprocess
from pathlib import Path

from helpcenter.locales import ROOT


@functools.lru_cache(maxsize=1)
def _last_commits() -> dict[str, int]:
    """Path (relative to the repo) -> Unix time of the last commit touching it."""
    try:
        out = subprocess.run(
            ["git", "log", "--format=#%ct", "--name-only", "--no-renames", "--", "docs"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}  # not a git checkout: no dates rather than invented ones
    dates: dict[str, int] = {}
    stamp = 0
    for line in out.splitlines():
        if line.startswith("#"):
            stamp = int(line[1:])
        elif line:
            dates.setdefault(line, stamp)  # newest commit comes first
    return dates


def last_commit(path: Path) -> datetime.datetime | None:
    """When `path` was last committed (UTC), or None if it never was."""
    stamp = _last_commits().get(Path(path).resolve().relative_to(ROOT).as_posix())
    if stamp is None:
        return None
    return datetime.datetime.fromtimestamp(stamp, tz=datetime.timezone.utc)
