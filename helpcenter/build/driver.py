"""Build the site: one MkDocs run per locale, in parallel, into a staging
folder of this build's own that replaces site/ only when every locale
succeeded.

    locales.yml ─► Project.load (every input checked once, before any worker)
                ─► one worker per CPU, each running MkDocs with our plugin for
                   one locale at a time into <staging>/<slug>/
                ─► theme assets and root files ─► site/ (swapped in whole)

A lock file beside site/ keeps two builds from mixing; Ctrl-C or a failure
leaves site/ as it was and removes the staging folder. Each failure is one
line, `slug: file: message`; --debug adds the traceback."""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

from helpcenter.errors import InputError
from helpcenter.paths import Paths
from helpcenter.project import Project

log = logging.getLogger("helpcenter")
TIMEOUT = 30 * 60  # seconds for the whole build: nothing we run may hang forever


class BuildFailed(Exception):
    """One or more locales failed; each message names the locale and file."""

    def __init__(self, failures: list[str]):
        super().__init__("\n".join(failures))
        self.failures = failures


def shard(slugs: list[str], spec: str) -> list[str]:
    """The locales of shard `i/n`: every n-th locale in registry order, from the i-th."""
    try:
        index, count = (int(part) for part in spec.split("/"))
    except ValueError:
        raise InputError(f"--shard {spec}: write it as i/n, e.g. 1/4") from None
    if not 1 <= index <= count:
        raise InputError(f"--shard {spec}: i must be between 1 and n")
    return slugs[index - 1::count]


def workers() -> int:
    """CPUs this process may run on (a container may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def build(paths: Paths, slugs: list[str] | None = None, *, site_dir: Path | None = None, jobs: int | None = None,
          shard_spec: str | None = None, root_files: bool = True, speedups: bool = True,
          debug: bool = False, timeout: float = TIMEOUT) -> tuple[int, float]:
    """Build `slugs` (default: every locale, or the shard's) into `site_dir`
    (default site/). Returns (locales built, seconds)."""
    started = time.perf_counter()
    project = Project.load(paths)
    wanted = {project.registry.get(s).slug for s in slugs} if slugs else set(project.registry.slugs)
    selected = [slug for slug in project.registry.slugs if slug in wanted]  # menu order, whatever the order asked
    if shard_spec:
        selected = shard(selected, shard_spec)
    site_dir = Path(site_dir or paths.site).absolute()
    with _lock(site_dir), _staging(site_dir) as staging:
        _build_locales(project, selected, staging, jobs, speedups, debug, timeout)
        if root_files:
            finish(project, staging, selected)
        _replace(site_dir, staging)
    return len(selected), time.perf_counter() - started


def merge(paths: Paths, shard_dirs: list[Path], site_dir: Path | None = None) -> int:
    """Assemble shard builds into one site, as a single build would have made it."""
    project = Project.load(paths)
    site_dir = Path(site_dir or paths.site).absolute()
    found: dict[str, Path] = {}
    for folder in shard_dirs:
        for entry in sorted(Path(folder).iterdir()):
            if entry.name in found:
                raise InputError(f"{entry}: locale '{entry.name}' is in two shards")
            if entry.name not in project.registry.slugs or not entry.is_dir():
                raise InputError(f"{entry}: not a locale folder of a shard build")
            found[entry.name] = entry
    built = [slug for slug in project.registry.slugs if slug in found]
    if not built:
        raise InputError("merge: the shard folders hold no locale")
    with _lock(site_dir), _staging(site_dir) as staging:
        for slug in built:
            shutil.copytree(found[slug], staging / slug)
        finish(project, staging, built)
        _replace(site_dir, staging)
    return len(built)


def finish(project: Project, staging: Path, built: list[str]) -> None:
    """Theme assets and root files: once per site, after every locale."""
    from mkdocs.config import load_config

    from helpcenter.build import rootfiles

    config = load_config(str(project.paths.config), site_dir=str(staging))
    rootfiles.write_theme_assets(config, staging)
    rootfiles.write(project, config, staging, [project.registry.get(s) for s in built])


# Workers ----------------------------------------------------------------------

_worker: dict = {}  # this worker process's inputs, set once by _start_worker


def _build_locales(project: Project, slugs: list[str], staging: Path, jobs: int | None, speedups: bool,
                   debug: bool, timeout: float) -> None:
    _import_build_modules(project)  # once, before forking: the workers inherit them
    jobs = max(1, min(jobs or workers(), len(slugs)))
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    failures: list[str] = []
    pool = concurrent.futures.ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                                                  initargs=(project, speedups, debug))
    try:
        futures = {pool.submit(_build_locale, slug, str(staging / slug)): slug for slug in slugs}
        try:
            for future in concurrent.futures.as_completed(futures, timeout=timeout):
                slug = futures[future]
                try:
                    problems = future.result()
                except concurrent.futures.process.BrokenProcessPool:
                    problems = ["the build process stopped unexpectedly (killed, or out of memory)"]
                failures += [f"{slug}: {problem}" for problem in problems]
        except concurrent.futures.TimeoutError:
            unfinished = sorted(slug for future, slug in futures.items() if not future.done())
            failures.append(f"{' '.join(unfinished)}: not finished after {timeout:.0f} s; stopped")
    except BaseException:
        _stop(pool)
        raise
    if failures:
        _stop(pool)
        raise BuildFailed(_grouped(failures, slugs))
    pool.shutdown(wait=True)


def _grouped(failures: list[str], order: list[str]) -> list[str]:
    """One line per problem: an English page that fails fails in every locale
    that shows it, and says so once (`en es ar: docs/en/…: message`)."""
    slugs: dict[str, list[str]] = {}
    for failure in failures:
        slug, _, problem = failure.partition(": ")
        slugs.setdefault(problem, []).append(slug)
    rank = {slug: i for i, slug in enumerate(order)}
    return sorted(f"{' '.join(sorted(set(owners), key=lambda s: rank.get(s, len(rank))))}: {problem}"
                  for problem, owners in slugs.items())


def _stop(pool) -> None:
    """Stop every worker now (Ctrl-C, a timeout or a failure): no worker may
    go on writing into a staging folder that is about to be removed."""
    for process in list(getattr(pool, "_processes", {}).values()):
        process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(project: Project, speedups: bool, debug: bool) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the driver handles Ctrl-C and stops us
    # Reproducible: MkDocs dates sitemap.xml.gz by this variable (the reproducible-builds standard).
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(project.dates.epoch))
    _worker.update(project=project, speedups=speedups, debug=debug, log=_Collect())
    for name in ("mkdocs", "properdocs", "helpcenter"):  # properdocs: the maintained fork (CI builds with it)
        logger = logging.getLogger(name)
        logger.handlers[:] = [_worker["log"]]
        logger.setLevel(logging.WARNING)
        logger.propagate = False


def _build_locale(slug: str, site_dir: str) -> list[str]:
    """Build one locale; return what went wrong, each as `file: message`
    (the warnings MkDocs logged, then the error)."""
    collected = _worker["log"].start()
    error = _run_mkdocs(slug, site_dir)
    return [*collected, *([error] if error else [])]


def _run_mkdocs(slug: str, site_dir: str) -> str | None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    project: Project = _worker["project"]
    plugin = None
    try:
        config = load_config(str(project.paths.config), site_dir=site_dir)
        plugin = config.plugins["helpcenter"]
        plugin.config.locale = slug
        plugin.config.shared_assets = True
        plugin.config.speedups = _worker["speedups"]
        plugin.project = project
        mkdocs_build(config)
        return None
    except Abort as err:  # strict mode: the warnings come first, each naming its file
        return None if _worker["log"].records else str(err)
    except MkDocsException as err:
        return str(err)
    except RecursionError:
        return f"{_current(plugin)}: the Markdown nests too deeply (lists, quotes or HTML blocks); flatten it"
    except OSError as err:
        return f"{err.filename or _current(plugin)}: {err.strerror or err}"
    except Exception as err:  # anything else: still one line, and the traceback on request
        message = f"{_current(plugin)}: {type(err).__name__}: {err}"
        return f"{message}\n{traceback.format_exc()}" if _worker["debug"] else message


def _current(plugin) -> str:
    return getattr(plugin, "current_file", None) or "mkdocs.yml"


class _Collect(logging.Handler):
    """Keeps what MkDocs and the plugin log (warnings and errors) for the driver."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def start(self) -> list[str]:
        self.records = []
        return self.records

    def emit(self, record):
        message = record.getMessage()
        if not message.startswith(("Error reading page", "Error building page")):  # MkDocs' echo of our error
            self.records.append(message)


def _import_build_modules(project: Project) -> None:
    import material.plugins.search.plugin  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    from mkdocs.config import load_config

    for extension in load_config(str(project.paths.config))["markdown_extensions"]:
        __import__(f"markdown.extensions.{extension}" if "." not in extension else extension)


# Staging, locking, swapping ----------------------------------------------------


@contextlib.contextmanager
def _lock(site_dir: Path):
    """One build at a time writes `site_dir` (released if the process dies)."""
    lock_path = site_dir.with_name(f".{site_dir.name}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+b") as handle:
        try:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - Windows
            import msvcrt

            try:
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            except OSError:
                raise InputError(f"{lock_path.name}: another build is writing {site_dir.name}/; wait for it") from None
        except OSError:
            raise InputError(f"{lock_path.name}: another build is writing {site_dir.name}/ now; "
                             "wait for it to finish") from None
        yield


@contextlib.contextmanager
def _staging(site_dir: Path):
    """A staging folder of this build's own, removed whatever happens."""
    for stale in site_dir.parent.glob(f".{site_dir.name}.*.partial"):  # from a build that was killed
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.", suffix=".partial", dir=site_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must read the site
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _replace(site_dir: Path, staging: Path) -> None:
    """Swap the finished site in with two renames: never a half-written site/."""
    old = site_dir.with_name(f".{site_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
