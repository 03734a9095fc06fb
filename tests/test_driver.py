"""The build driver cannot lie: every failure is one line naming the locale
and file, a dying worker or Ctrl-C leaves site/ as it was, and nothing is
left behind. Run on a copy of the project (`tree`)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from helpcenter.build import driver
from tests.conftest import LOCALES

TWO = [LOCALES[0].slug, next(loc.slug for loc in LOCALES if not loc.full)]


def old_site(tree):
    """A site/ from an earlier build, marked so we can see it survive."""
    (tree / "site").mkdir()
    (tree / "site" / "marker").write_text("earlier build", encoding="utf-8")


def nothing_left_behind(tree):
    assert (tree / "site" / "marker").read_text(encoding="utf-8") == "earlier build"
    assert not list(tree.path.glob(".site.*.partial")) and not (tree / ".site.old").exists()


def test_an_unexpected_error_is_one_line_naming_locale_and_file(tree, monkeypatch):
    from helpcenter.build.plugin import HelpCenterPlugin

    def broken(self, markdown, page, config, files):
        self.current_file = self._source_of(page.file)
        raise ValueError("something unforeseen")

    monkeypatch.setattr(HelpCenterPlugin, "on_page_markdown", broken)  # the forked workers inherit it
    old_site(tree)
    result = tree.run("build", *[a for s in TWO for a in ("--locale", s)], ok=False)
    assert result.returncode == 1
    assert f"error: {TWO[0]}: docs/{TWO[0]}/" in result.stderr
    assert ": ValueError: something unforeseen" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    nothing_left_behind(tree)


def test_a_worker_that_dies_is_reported_and_nothing_is_published(tree, monkeypatch):
    def die(slug, site_dir):
        os._exit(9)

    monkeypatch.setattr(driver, "_run_mkdocs", die)
    old_site(tree)
    result = tree.run("build", "--locale", TWO[0], ok=False)
    assert result.returncode == 1
    assert f"{TWO[0]}: the build process stopped unexpectedly" in result.stderr
    nothing_left_behind(tree)


def test_a_hung_build_times_out(tree, monkeypatch):
    def hang(slug, site_dir):
        time.sleep(60)

    monkeypatch.setattr(driver, "_run_mkdocs", hang)
    with pytest.raises(driver.BuildFailed) as failed:
        driver.build(tree.paths, [TWO[0]], timeout=2)
    assert f"{TWO[0]}: not finished after 2 s; stopped" in str(failed.value)
    assert not list(tree.path.glob(".site.*.partial"))


def test_ctrl_c_leaves_site_as_it_was(tree):
    old_site(tree)
    process = subprocess.Popen([sys.executable, "-m", "helpcenter", "build"], cwd=tree.path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not list(tree.path.glob(".site.*.partial/*")) and time.time() < deadline:
        time.sleep(0.05)  # wait until the workers are writing
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, out + err
    assert "interrupted: nothing was changed" in err and "Traceback" not in err
    nothing_left_behind(tree)


def test_debug_shows_the_traceback(tree, monkeypatch):
    from helpcenter.build.plugin import HelpCenterPlugin

    def broken(self, markdown, page, config, files):
        raise ValueError("something unforeseen")

    monkeypatch.setattr(HelpCenterPlugin, "on_page_markdown", broken)
    result = tree.run("--debug", "build", "--locale", TWO[0], ok=False)
    assert "Traceback" in result.stderr and "ValueError: something unforeseen" in result.stderr


def test_a_preview_rebuild_shows_edited_interface_text(tree):
    """`make serve` rebuilds in one process as below: nothing read before
    (interface text, registry, dates) may stick."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from helpcenter.cli import _plugins_with

    slug = LOCALES[1].slug
    key = "footer_terms"
    cwd = os.getcwd()
    os.chdir(tree.path)
    try:
        for text in ("First wording", "Second wording"):
            strings = tree / f"strings/{slug}.yml"
            lines = [line for line in strings.read_text(encoding="utf-8").splitlines() if not line.startswith(key)]
            strings.write_text("\n".join([f"{key}: {text}", *lines]) + "\n", encoding="utf-8")
            config = load_config(str(tree.paths.config), site_dir=str(tree / "preview"),
                                 plugins=_plugins_with(tree.paths, locale=slug))
            build(config, serve_url="http://127.0.0.1:8000/")
            from lxml import html

            footer = html.fromstring((tree / "preview/index.html").read_bytes()).cssselect(".hc-footer-links")[0]
            footer = footer.text_content()
            assert text in footer
    finally:
        os.chdir(cwd)


def test_a_full_disk_is_one_line_not_a_traceback(tree, monkeypatch):
    import errno

    import mkdocs.utils

    def full(content, output_path):
        raise OSError(errno.ENOSPC, "No space left on device", output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", full)
    old_site(tree)
    result = tree.run("build", "--locale", TWO[0], ok=False)
    assert result.returncode == 1 and "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr
    nothing_left_behind(tree)


def _git(path, *args):
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args], cwd=path, check=True,
                   capture_output=True)


def test_git_dates_work_from_a_subfolder_of_a_larger_repository(tmp_path):
    from helpcenter import gitdates
    from helpcenter.paths import Paths

    outer = tmp_path / "outer"
    (outer / "sites" / "help" / "docs" / "en").mkdir(parents=True)
    page = outer / "sites" / "help" / "docs" / "en" / "privacité.md"
    page.write_text("# Page\n", encoding="utf-8")
    _git(outer, "init", "-q")
    _git(outer, "add", "-A")
    _git(outer, "commit", "-q", "-m", "one")
    dates = gitdates.load(Paths(outer / "sites" / "help"))
    assert dates.last_commit("docs/en/privacité.md") is not None  # a non-ASCII name, from a subfolder


def test_a_shallow_clone_warns_and_fails_in_ci(tmp_path, monkeypatch, caplog):
    from helpcenter import gitdates
    from helpcenter.errors import InputError
    from helpcenter.paths import Paths

    origin = tmp_path / "origin"
    (origin / "docs").mkdir(parents=True)
    for n in range(2):
        (origin / "docs" / f"p{n}.md").write_text(f"# {n}\n", encoding="utf-8")
        _git(origin, "init", "-q") if n == 0 else None
        _git(origin, "add", "-A")
        _git(origin, "commit", "-q", "-m", str(n))
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True)
    monkeypatch.delenv("CI", raising=False)
    gitdates.load(Paths(clone))
    assert "fetch-depth: 0" in caplog.text
    monkeypatch.setenv("CI", "true")
    with pytest.raises(InputError, match="shallow git clone"):
        gitdates.load(Paths(clone))
