"""Dates from git: each source file's last commit, and the build's "now".

One `git log` for the whole tree, NUL-separated with unquoted names (any file
name works), relative to the project folder (which may sit inside a larger
repository). A shallow clone cannot date files: every file would get the date
of the one commit it has. We warn loudly then, and fail when CI is set."""

from __future__ import annotations

import dataclasses
import datetime
import logging
import os
import time

from helpcenter.errors import InputError
from helpcenter.git import run as _git
from helpcenter.paths import Paths

log = logging.getLogger("helpcenter")
SHALLOW_HELP = ("this is a shallow git clone, so every page would show the date of the latest commit; "
                "fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout)")


@dataclasses.dataclass(frozen=True)
class GitDates:
    stamps: dict[str, int]  # posix path relative to the project root -> Unix time of its last commit
    epoch: int  # the build's "now" (see build_epoch)

    def last_commit(self, relative_path: str) -> datetime.datetime | None:
        stamp = self.stamps.get(relative_path)
        return None if stamp is None else datetime.datetime.fromtimestamp(stamp, tz=datetime.timezone.utc)


def load(paths: Paths, folders: tuple[str, ...] = ("docs",)) -> GitDates:
    if _git(paths, "rev-parse", "--is-inside-work-tree") is None:
        return GitDates({}, build_epoch(paths))  # not a git checkout: no dates rather than invented ones
    if (_git(paths, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        if os.environ.get("CI"):
            raise InputError(f"git: {SHALLOW_HELP}")
        log.warning("WARNING: git: %s", SHALLOW_HELP)
    out = _git(paths, "log", "-z", "--format=%x01%ct", "--name-only", "--no-renames", "--relative",
               "--", *folders) or ""
    stamps: dict[str, int] = {}
    stamp = 0
    for token in out.split("\0"):
        if token.startswith("\x01"):
            stamp = int(token[1:])
        elif token.strip("\n"):
            stamps.setdefault(token.lstrip("\n"), stamp)  # newest commit comes first
    return GitDates(stamps, build_epoch(paths))


def build_epoch(paths: Paths) -> int:
    """The build's "now": SOURCE_DATE_EPOCH if set, else the time of the last
    commit, so the same commit builds the same bytes on any day
    (https://reproducible-builds.org/specs/source-date-epoch/). Outside a git
    checkout, the clock."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value:
        if not value.isdigit():
            raise InputError(f"SOURCE_DATE_EPOCH must be seconds since 1970, not '{value}'")
        return int(value)
    out = _git(paths, "log", "-1", "--format=%ct")
    return int(out) if out and out.strip().isdigit() else int(time.time())
