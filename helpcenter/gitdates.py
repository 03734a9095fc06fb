"""Dates from git: each source file's last commit (one `git log` for the whole
tree), and the build's reproducible "now"."""

from __future__ import annotations

import datetime
import functools
import os
import subprocess
import time
from pathlib import Path

from helpcenter.errors import InputError
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


def build_epoch() -> int:
    """The build's "now": SOURCE_DATE_EPOCH if set, else the time of the last
    commit, so the same commit builds the same bytes on any day
    (https://reproducible-builds.org/specs/source-date-epoch/). Outside a git
    checkout, the clock."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value:
        if not value.isdigit():
            raise InputError(f"SOURCE_DATE_EPOCH must be seconds since 1970, not '{value}'")
        return int(value)
    try:
        return int(subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT,
                                  capture_output=True, text=True, check=True).stdout)
    except (OSError, ValueError, subprocess.CalledProcessError):
        return int(time.time())
