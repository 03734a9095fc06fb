"""Find the Chromium the browser tests drive, installing one if asked.

Order: $HELPCENTER_CHROMIUM, Playwright's own Chromium (GitHub runners:
`python -m playwright install --with-deps chromium`), then the system's
(Debian: `apt-get install chromium`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from helpcenter.errors import InputError

SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find() -> str | None:
    """Path of a Chromium executable, or None."""
    explicit = os.environ.get("HELPCENTER_CHROMIUM")
    if explicit:
        if not os.access(explicit, os.X_OK):
            raise InputError(f"HELPCENTER_CHROMIUM={explicit}: not an executable file")
        return explicit
    bundled = _playwright_chromium()
    if bundled:
        return bundled
    for name in SYSTEM_NAMES:
        path = shutil.which(name)
        if path and "snap" not in os.path.realpath(path):
            return path
    return None


def ensure(install: bool = False) -> str:
    path = find()
    if path or not install:
        if not path:
            raise InputError("no Chromium found: run `make browser` (or set HELPCENTER_CHROMIUM)")
        return path
    if shutil.which("apt-get") and os.geteuid() == 0 and _apt_has_chromium():
        _run(["apt-get", "install", "-y", "--no-install-recommends", "chromium"])
    else:
        _run([sys.executable, "-m", "playwright", "install", "--with-deps", "chromium"])
    path = find()
    if not path:
        raise InputError("installed Chromium, but still cannot find it; set HELPCENTER_CHROMIUM")
    return path


def _playwright_chromium() -> str | None:
    """Playwright's own Chromium (`playwright install chromium`), found in its
    download folder without starting Playwright."""
    import glob

    root = os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or os.path.expanduser(
        "~/Library/Caches/ms-playwright" if sys.platform == "darwin" else "~/.cache/ms-playwright")
    patterns = ["chromium-*/chrome-linux*/chrome", "chromium-*/chrome-mac*/Chromium.app/Contents/MacOS/Chromium",
                "chromium-*/chrome-win/chrome.exe"]
    found = sorted(path for pattern in patterns for path in glob.glob(os.path.join(root, pattern)))
    return found[-1] if found else None


def _apt_has_chromium() -> bool:
    _run(["apt-get", "update", "-qq"])
    out = subprocess.run(["apt-cache", "policy", "chromium"], capture_output=True, text=True).stdout
    candidate = [line.split(":", 1)[1].strip() for line in out.splitlines() if "Candidate:" in line]
    return bool(candidate) and candidate[0] != "(none)"


def _run(command: list[str]) -> None:
    print("+", " ".join(command), file=sys.stderr)
    if subprocess.run(command).returncode != 0:
        raise InputError(f"`{' '.join(command)}` failed; install Chromium by hand and set HELPCENTER_CHROMIUM")
