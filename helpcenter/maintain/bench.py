"""`make bench`: our build against the stock build of the same docs tree.

Stock = one mkdocs run with mkdocs-static-i18n holding every locale
(docs_structure: folder, fallback to English), the same Markdown extensions and
nav, Material with no overrides except the UI-strings files Material lacks
(without them it cannot build at all). Both run here, one after the other;
wall time, peak memory of the whole process tree and site size are printed
with the ratio ours / stock."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from helpcenter import locales

WORK = locales.ROOT / ".bench"

# static-i18n rejects three-letter codes (upstream PR #348); widen its pattern
# so the stock build can hold fil, ckb and hmn at all.
STOCK_RUNNER = """
import re, sys
import mkdocs_static_i18n.config as config, mkdocs_static_i18n.folder as folder
config.RE_LOCALE = folder.RE_LOCALE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
from mkdocs.__main__ import cli
sys.exit(cli())
"""


def stock_config() -> Path:
    """Write .bench/stock/mkdocs.yml for the same tree, and return its path."""
    ours = yaml.safe_load((locales.ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    stock_dir = WORK / "stock"
    shutil.rmtree(stock_dir, ignore_errors=True)
    languages_dir = stock_dir / "overrides" / "partials" / "languages"
    shutil.copytree(locales.THEME_OVERRIDES / "partials" / "languages", languages_dir)
    material = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
    languages = []
    for loc in locales.load():
        entry = {"locale": loc.slug, "name": loc.name, "build": True}
        if loc == locales.source():
            entry.update(default=True)
        if loc.theme != loc.slug:  # static-i18n looks the UI strings up by locale
            theme_file = languages_dir / f"{loc.theme}.html"
            shutil.copy(theme_file if theme_file.exists() else material / f"{loc.theme}.html",
                        languages_dir / f"{loc.slug}.html")
        languages.append(entry)
    theme = {k: v for k, v in ours["theme"].items() if k not in ("custom_dir", "favicon")}
    config = {
        "site_name": ours["site_name"],
        "site_url": ours["site_url"],
        "docs_dir": str(locales.DOCS),
        "site_dir": str(WORK / "stock-site"),
        "theme": {**theme, "custom_dir": str(stock_dir / "overrides")},
        "plugins": [
            "search",
            {"i18n": {"docs_structure": "folder", "fallback_to_default": True, "languages": languages}},
        ],
        "markdown_extensions": ours["markdown_extensions"],
        "nav": ours["nav"],
    }
    path = stock_dir / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def measure(command: list[str], env: dict | None = None) -> tuple[float, int]:
    """Run `command`; return (wall seconds, peak summed RSS of its process tree in bytes)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=locales.ROOT, env={**os.environ, **(env or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        sys.stderr.write(process.stderr.read().decode(errors="replace")[-3000:])
        raise SystemExit(f"bench: `{' '.join(command)}` failed ({process.returncode})")
    return seconds, peak


def _tree_rss(pid: int) -> int:
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += next((int(line.split()[1]) * 1024 for line in status.splitlines()
                       if line.startswith("VmRSS:")), 0)
        stack.extend(int(child) for child in children)
    return total


def size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


PAGE_TYPES = {
    "home": "en/",
    "article": "en/your-rights/appeals/",
    "law enforcement": "en/law-enforcement/legal-process/",
    "fallback (bn)": "bn/commitments/",
    "404": "ja/404.html",
    "dashboard": "en/translations/",
}


def first_views() -> dict[str, tuple[int, int]]:
    """Per page type: (requests, bytes gzip-compressed) of a cold first view
    of our site/, in Chromium, before any search."""
    import gzip

    from playwright.sync_api import sync_playwright

    from helpcenter import browser
    from helpcenter.serve_static import serve

    executable = browser.ensure()
    views = {}
    with serve(locales.ROOT / "site") as base, sync_playwright() as p:
        chrome = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        for name, path in PAGE_TYPES.items():
            context = chrome.new_context()
            tab = context.new_page()
            finished = []
            tab.on("requestfinished", lambda request: finished.append(request))
            tab.goto(f"{base}/{path}")
            tab.wait_for_load_state("networkidle")
            views[name] = (len(finished), sum(len(gzip.compress(r.response().body())) for r in finished))
            context.close()
        chrome.close()
    return views


def main(runs: int = 1) -> int:
    WORK.mkdir(exist_ok=True)
    config = stock_config()
    python = sys.executable
    env = {"NO_MKDOCS_2_WARNING": "1"}
    rows = {}
    for name, command in (
        ("stock", [python, "-c", STOCK_RUNNER, "build", "--quiet", "-f", str(config)]),
        ("ours", [python, "-m", "helpcenter", "build"]),
    ):
        samples = [measure(command, env) for _ in range(runs)]
        seconds = sorted(s for s, _ in samples)[len(samples) // 2]
        rows[name] = (seconds, max(m for _, m in samples))
    rows["stock"] += (size(WORK / "stock-site"),)
    rows["ours"] += (size(locales.ROOT / "site"),)
    pages = sum(1 for _ in (locales.ROOT / "site").rglob("index.html"))
    print(f"{len(locales.load())} locales, {pages} pages per build, {os.cpu_count()} cores, median of {runs}")
    print(f"{'':8}{'wall':>10}{'peak RSS':>12}{'site size':>12}")
    for name, (seconds, rss, total) in rows.items():
        print(f"{name:8}{seconds:9.1f}s{rss / 2**20:10.0f}MiB{total / 2**20:10.1f}MiB")
    (s_sec, s_rss, s_size), (o_sec, o_rss, o_size) = rows["stock"], rows["ours"]
    print(f"{'ratio':8}{o_sec / s_sec:10.2f}{o_rss / s_rss:12.2f}{o_size / s_size:12.2f}   (ours / stock)")
    print("\nFirst view of our site, cold cache, before any search (budget: 12 requests, 100 KB gzip):")
    for name, (requests, weight) in first_views().items():
        print(f"  {name:18}{requests:4} requests{weight / 1024:8.1f} KB gzip")
    return 0
