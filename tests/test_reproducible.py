"""Reproducible builds: the same sources build the same bytes, whoever builds
them and whenever. Each build runs in its own process (its own hash seed), from
the repository, into its own temporary folder, for a few locales (Chinese
search segmentation, a right-to-left locale and fallbacks included).

A build "on another day" moves the clock of its process forward with
time-machine: anything dated by the clock rather than by the commit shows up
as a difference."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpcenter import locales

SLUGS = ["en", "ja", "zh-cn", "ar"]
BUILD = """
import datetime, sys
from pathlib import Path
site_dir, day, slugs = Path(sys.argv[1]), sys.argv[2], sys.argv[3:]
if day:
    import time_machine
    time_machine.travel(datetime.datetime.fromisoformat(day + "T12:00:00+00:00"), tick=True).start()
from helpcenter.build import build
build(slugs, site_dir=site_dir)
"""


def build(site_dir: Path, day: str = "", **env: str) -> Path:
    """Build SLUGS into `site_dir` in a new process, on `day` (default: today)."""
    env = {**{k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}, **env}  # the build sets its own
    result = subprocess.run([sys.executable, "-c", BUILD, str(site_dir), day, *SLUGS],
                            cwd=locales.ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


def differences(a: Path, b: Path) -> list[str]:
    def files(root):
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    left, right = files(a), files(b)
    assert left, f"{a} is empty"
    return sorted(name for name in left.keys() | right.keys() if left.get(name) != right.get(name))


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    return build(tmp_path_factory.mktemp("first") / "site")


def test_two_builds_are_byte_identical(first, tmp_path):
    second = build(tmp_path / "site", PYTHONHASHSEED="1", TZ="Pacific/Auckland")
    assert differences(first, second) == []


def test_a_build_on_another_day_is_byte_identical(first, tmp_path):
    later = build(tmp_path / "site", day="2031-02-03")
    assert differences(first, later) == []
