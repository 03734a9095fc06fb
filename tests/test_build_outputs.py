"""The build cannot lie: the same sources give the same bytes whoever builds
them, whenever, with or without the speed-ups, in one run or in shards.

One reference build of a few locales (chosen from the registry by what they
exercise: the source, a right-to-left one, a partial one),
then each variant into its own folder, compared file by file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import LOCALES, PATHS, Tree

SLUGS = list(dict.fromkeys([
    LOCALES[0].slug,
    next(loc.slug for loc in LOCALES if loc.is_rtl),
    next(loc.slug for loc in LOCALES if not loc.full),
]))
ON_ANOTHER_DAY = """
import datetime, sys
import time_machine
time_machine.travel(datetime.datetime(2031, 2, 3, 12, tzinfo=datetime.timezone.utc), tick=True).start()
from helpcenter.cli import main
sys.exit(main(sys.argv[1:]))
"""


def files(root: Path) -> dict[str, bytes]:
    found = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert found, f"{root} is empty"
    return found


def differences(a: Path, b: Path) -> list[str]:
    left, right = files(a), files(b)
    return sorted(name for name in left.keys() | right.keys() if left.get(name) != right.get(name))


def build(*args: str, env: dict | None = None, script: str | None = None) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}  # the build sets its own
    command = [sys.executable, "-c", script, *args] if script else [sys.executable, "-m", "helpcenter", *args]
    result = subprocess.run(command, cwd=PATHS.root, env={**environment, **(env or {})},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def locales_args() -> list[str]:
    return [arg for slug in SLUGS for arg in ("--locale", slug)]


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("reference") / "site"
    build("build", *locales_args(), "--site-dir", str(site))
    return site


def test_another_process_timezone_and_day_build_the_same_bytes(reference, tmp_path):
    site = tmp_path / "site"
    build("build", *locales_args(), "--site-dir", str(site), script=ON_ANOTHER_DAY,
          env={"PYTHONHASHSEED": "1", "TZ": "Pacific/Auckland"})
    assert differences(reference, site) == []


def test_the_speedups_change_nothing(reference, tmp_path):
    site = tmp_path / "site"
    build("build", *locales_args(), "--site-dir", str(site), "--no-speedups")
    assert differences(reference, site) == []


def test_shards_merge_into_the_same_site(reference, tmp_path):
    for index in (1, 2):
        build("build", *locales_args(), "--shard", f"{index}/2", "--site-dir", str(tmp_path / f"shard-{index}"))
    assert not (tmp_path / "shard-1" / "index.html").exists()  # a shard has no root files
    build("merge", str(tmp_path / "shard-1"), str(tmp_path / "shard-2"), "--site-dir", str(tmp_path / "site"))
    assert differences(reference, tmp_path / "site") == []


def test_a_shard_is_a_deterministic_part_of_the_registry():
    from helpcenter.build.driver import shard

    slugs = [loc.slug for loc in LOCALES]
    parts = [shard(slugs, f"{i}/3") for i in (1, 2, 3)]
    assert sorted(sum(parts, [])) == sorted(slugs) and parts == [shard(slugs, f"{i}/3") for i in (1, 2, 3)]


def test_two_builds_at_once_cannot_mix(tmp_path):
    """The second build finds the lock and stops with a clear message."""
    tree = Tree(tmp_path / "project")
    from helpcenter.build.driver import _lock

    with _lock(tree.paths.site):
        result = tree.run("build", "--locale", "en", ok=False)
    assert result.returncode == 1
    assert "another build is writing site/ now" in result.stderr
    assert not (tree / "site").exists() and not list(tree.path.glob(".site.*.partial"))
