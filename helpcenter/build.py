"""Build the whole site: one MkDocs build per locale, in parallel, into one
staging folder that replaces site/ only when every locale succeeded."""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import time
from pathlib import Path

from helpcenter import gitdates, lint, locales, root
from helpcenter.errors import InputError

CONFIG = locales.ROOT / "mkdocs.yml"
SITE = locales.ROOT / "site"

log = logging.getLogger("helpcenter")


class BuildFailed(Exception):
    """One or more locales failed; their messages were already logged."""


def build(slugs: list[str] | None = None, site_dir: Path = SITE, jobs: int | None = None) -> float:
    """Build the given locales (default: all) into `site_dir`. Returns seconds."""
    started = time.perf_counter()
    problems = lint.not_utf8()  # read as UTF-8 below, they would end in a traceback
    if problems:
        raise InputError(problems[0])
    selected = [locales.by_slug(s) for s in slugs] if slugs else list(locales.load())
    site_dir = Path(site_dir).resolve()
    staging = site_dir.with_name(f".{site_dir.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    gitdates.last_commit(CONFIG)  # read git once, before the workers fork
    # Reproducible: MkDocs dates sitemap.xml.gz by the day of the build unless this is set.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(gitdates.build_epoch()))
    _import_build_modules()  # and import once: the workers inherit them
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(selected)))
    tasks = [(loc.slug, str(staging / loc.slug)) for loc in selected]
    failed: list[str] = []
    _quiet_logging()  # inherited by the forked workers
    try:
        if jobs == 1:
            results = map(_build_locale, tasks)
        else:
            pool = multiprocessing.get_context("fork").Pool(jobs)
            results = pool.imap_unordered(_build_locale, tasks)
        for slug, error in results:
            if error:
                log.error("%s: %s", slug, error)
                failed.append(slug)
        if jobs > 1:
            pool.close()
            pool.join()
        if failed:
            raise BuildFailed(f"{len(failed)} locale(s) failed: {' '.join(sorted(failed))}")
        write_theme_assets(staging)
        root.write(staging, selected)
        _replace(site_dir, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return time.perf_counter() - started


def _build_locale(task: tuple[str, str]) -> tuple[str, str | None]:
    """Build one locale in this process; return (slug, error message or None)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    from pymdownx.snippets import SnippetMissingError

    slug, site_dir = task
    os.environ["HELPCENTER_LOCALE"] = slug
    os.environ["HELPCENTER_SHARED_ASSETS"] = "1"
    try:
        config = load_config(str(CONFIG), site_dir=site_dir)
        mkdocs_build(config)
    except (MkDocsException, InputError) as err:
        return slug, str(err.format_message() if hasattr(err, "format_message") else err)
    except SnippetMissingError as err:  # a file under includes/ named in mkdocs.yml is gone
        return slug, f"mkdocs.yml (pymdownx.snippets auto_append): {err}"
    except SystemExit as err:  # MkDocs exits on some configuration errors
        return slug, f"stopped with exit code {err.code}"
    return slug, None


def _import_build_modules() -> None:
    import material.plugins.search.plugin  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    from mkdocs.config import load_config

    for extension in load_config(str(CONFIG))["markdown_extensions"]:
        __import__(f"markdown.extensions.{extension}" if "." not in extension else extension)


def write_theme_assets(site_dir: Path) -> None:
    """Copy the theme's static files (Material's and overrides/assets) once."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    config = load_config(str(CONFIG), site_dir=str(site_dir))
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    for file in files:
        if not file.src_uri.startswith("assets/"):
            continue  # overrides/strings/*.yml and the like are not for readers
        target = site_dir / file.dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file.abs_src_path, target)


def _replace(site_dir: Path, staging: Path) -> None:
    """Swap the finished site in with two renames: never a half-written site/."""
    old = site_dir.with_name(f".{site_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def _quiet_logging() -> None:
    """Workers report warnings and errors only, each line tagged with its locale."""

    class Tag(logging.Filter):
        def filter(self, record):
            record.locale = os.environ.get("HELPCENTER_LOCALE", "?")
            return True

    handler = logging.StreamHandler()
    handler.addFilter(Tag())
    handler.setFormatter(logging.Formatter("%(levelname)-7s [%(locale)s] %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.handlers[:] = [handler]
    mkdocs_log.setLevel(logging.WARNING)
    mkdocs_log.propagate = False
