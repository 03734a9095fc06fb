"""Git, for the few things the tools ask of it: the commit a translation was
made from, the English page as it was then, and what changed since."""

from __future__ import annotations

import subprocess

from helpcenter.errors import InputError
from helpcenter.paths import Paths

SHORT = 12  # characters of a commit id we record


def run(paths: Paths, *args: str, check: bool = False) -> str | None:
    """Output of `git args…` in the project, or None when git fails."""
    try:
        return subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=paths.root, capture_output=True,
                              text=True, check=True, timeout=120).stdout
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as err:
        if check:
            detail = getattr(err, "stderr", "") or str(err)
            raise InputError(f"git {' '.join(args[:2])}: {detail.strip().splitlines()[-1] if detail.strip() else err}")
        return None


def head(paths: Paths) -> str | None:
    out = run(paths, "rev-parse", f"--short={SHORT}", "HEAD")
    return out.strip() if out else None


def show(paths: Paths, commit: str, path: str) -> str | None:
    """The text of `path` (relative to the project) at `commit`, or None."""
    prefix = (run(paths, "rev-parse", "--show-prefix") or "").strip()
    return run(paths, "show", f"{commit}:{prefix}{path}")


def commits_of(paths: Paths, path: str) -> list[str]:
    """Commits that changed `path`, newest first."""
    out = run(paths, "log", f"--format=%h", f"--abbrev={SHORT}", "--", path) or ""
    return out.split()


def compare_url(repository: str, commit: str, path: str) -> str:
    """The repository host's view of what changed in `path` since `commit`
    (GitHub: the compare view, scrolled to the file)."""
    import hashlib

    anchor = hashlib.sha256(path.encode("utf-8")).hexdigest()
    return f"{repository.rstrip('/')}/compare/{commit}...main#diff-{anchor}"
