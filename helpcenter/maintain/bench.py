"""`make bench`: our build against the stock build of the same tree, side by
side, and how our build grows with the size of the help center.

Stock = one `mkdocs build` with mkdocs-static-i18n holding every locale
(docs_structure: folder, fallback to English), the same theme settings,
Markdown extensions and nav, Material with no overrides except the interface
text Material lacks (without it, it cannot build at all). Both run here, one
after the other; wall time, peak memory of the whole process tree and site
size are printed with the ratio ours / stock.

--scale K: also build generated trees 1× and K× the English pages (each
section of the nav repeated K times, with the translations that exist
repeated alike) and print time, peak memory of the tree and of the largest
single process, and the ratios K× / 1×. Work should grow linearly and each
worker's memory stay flat."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from helpcenter.build.driver import workers
from helpcenter.paths import Paths
from helpcenter.project import Project
from helpcenter.strings import material_keys

# static-i18n rejects three-letter codes (upstream PR #348); widen its pattern
# so the stock build can hold fil, ckb and hmn at all.
STOCK_RUNNER = """
import re, sys
import mkdocs_static_i18n.config as config, mkdocs_static_i18n.folder as folder
config.RE_LOCALE = folder.RE_LOCALE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
from mkdocs.__main__ import cli
sys.exit(cli())
"""
PAGE_TYPES = {
    "home": "en/",
    "article": "en/your-rights/appeals/",
    "law enforcement": "en/law-enforcement/legal-process/",
    "fallback": "{partial}/commitments/",
    "404": "ja/404.html",
    "dashboard": "en/translations/",
}


def _mkdocs_yml(paths: Paths) -> dict:
    from mkdocs.utils.yaml import yaml_load

    with open(paths.config, encoding="utf-8") as stream:
        return yaml_load(stream)


def stock_config(project: Project, work: Path) -> Path:
    """Write <work>/stock/mkdocs.yml for the same tree, and return its path."""
    ours = _mkdocs_yml(project.paths)
    stock_dir = work / "stock"
    shutil.rmtree(stock_dir, ignore_errors=True)
    languages_dir = stock_dir / "overrides" / "partials" / "languages"
    languages_dir.mkdir(parents=True)
    languages = []
    for loc in project.registry:
        entry = {"locale": loc.slug, "name": loc.name, "build": True}
        if loc == project.source:
            entry["default"] = True
        # static-i18n looks Material's interface text up by locale: give it a
        # file under that name (Material's, with ours on top where we have any).
        keys = {**material_keys(loc.theme or "en"), **project.strings[loc.slug].theme}
        if loc.theme != loc.slug or project.strings[loc.slug].theme:
            body = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in keys.items())
            (languages_dir / f"{loc.slug}.html").write_text(
                "{% macro t(key) %}{{ {\n" + body + "\n}[key] }}{% endmacro %}\n", encoding="utf-8")
        languages.append(entry)
    theme = {k: v for k, v in ours["theme"].items() if k not in ("custom_dir", "favicon")}
    config = {
        "site_name": ours["site_name"],
        "site_url": ours["site_url"],
        "docs_dir": str(project.paths.docs),
        "site_dir": str(work / "stock-site"),
        "theme": {**theme, "custom_dir": str(stock_dir / "overrides")},
        "plugins": ["search", {"i18n": {"docs_structure": "folder", "fallback_to_default": True,
                                        "languages": languages}}],
        "markdown_extensions": _absolute_snippets(ours["markdown_extensions"], project.paths),
        "nav": ours["nav"],
    }
    path = stock_dir / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _absolute_snippets(extensions: list, paths: Paths) -> list:
    result = []
    for entry in extensions:
        if isinstance(entry, dict) and "pymdownx.snippets" in entry:
            options = dict(entry["pymdownx.snippets"])
            options["base_path"] = [str(paths.root / p) for p in options.get("base_path", ["."])]
            entry = {"pymdownx.snippets": options}
        result.append(entry)
    return result


def measure(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int, int]:
    """Run `command`; return (wall seconds, peak memory of its process tree,
    peak memory of its largest process), in bytes. Memory is PSS (proportional
    set size): pages that forked workers share with their parent count once,
    split between them, as the kernel really holds them; RSS would count them
    once per process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = largest = 0
    while process.poll() is None:
        sizes = _tree_rss(process.pid)
        peak, largest = max(peak, sum(sizes)), max(largest, max(sizes, default=0))
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        sys.stderr.write(process.stderr.read().decode(errors="replace")[-3000:])
        raise SystemExit(f"bench: `{' '.join(command)}` failed ({process.returncode})")
    return seconds, peak, largest


def _tree_rss(pid: int) -> list[int]:
    """PSS of each process of the tree under `pid`."""
    sizes, stack = [], [pid]
    while stack:
        current = stack.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        sizes.append(next((int(line.split()[1]) * 1024 for line in rollup.splitlines()
                           if line.startswith("Pss:")), 0))
        stack.extend(int(child) for child in children)
    return sizes


def size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def first_views(site: Path, partial: str) -> dict[str, tuple[int, int]]:
    """Per page type: (requests, bytes gzip-compressed) of a cold first view, before any search."""
    import gzip

    from playwright.sync_api import sync_playwright

    from helpcenter.maintain import browser
    from helpcenter.maintain.serve_static import serve

    views = {}
    executable = browser.ensure()
    with serve(site) as base, sync_playwright() as p:
        chrome = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        for name, path in PAGE_TYPES.items():
            context = chrome.new_context()
            tab = context.new_page()
            finished = []
            tab.on("requestfinished", lambda request: finished.append(request))
            tab.goto(f"{base}/{path.format(partial=partial)}")
            tab.wait_for_load_state("networkidle")
            views[name] = (len(finished), sum(len(gzip.compress(r.response().body())) for r in finished))
            context.close()
        chrome.close()
    return views


def scaled_tree(paths: Paths, target: Path, factor: int) -> Path:
    """A copy of the project whose nav holds every section `factor` times
    (section copies under <folder>-<k>/), with each locale's translations
    of those pages copied alike. Not a git checkout: no dates, as for 1×."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in ("docs", "includes", "strings", "overrides", "locales.yml"):
        source = paths.root / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    config_text = paths.config.read_text(encoding="utf-8")
    nav_start = config_text.index("\nnav:")
    config = _mkdocs_yml(paths)
    nav = list(config["nav"])
    strings_en = target / "strings" / "en.yml"
    extra_strings = []
    for k in range(2, factor + 1):
        for item in config["nav"]:
            if not isinstance(item, dict):
                continue
            (title, pages), = item.items()
            folder = pages[0].split("/")[0]
            copies = [page.replace(f"{folder}/", f"{folder}-{k}/", 1) for page in pages]
            nav.append({f"{title} {k}": copies})
            extra_strings.append(f"nav_{title.lower().replace(' ', '_')}_{k}: {title} {k}")
            for locale_dir in (target / "docs").iterdir():
                if (locale_dir / folder).is_dir():
                    shutil.copytree(locale_dir / folder, locale_dir / f"{folder}-{k}")
    strings_en.write_text(strings_en.read_text(encoding="utf-8") + "\n" + "\n".join(extra_strings) + "\n",
                          encoding="utf-8")
    (target / "mkdocs.yml").write_text(config_text[:nav_start] + "\n" + yaml.safe_dump({"nav": nav}, sort_keys=False),
                                       encoding="utf-8")
    return target


def main(paths: Paths, runs: int = 1, scale: int = 0) -> int:
    project = Project.load(paths)
    work = paths.root / ".bench"
    work.mkdir(exist_ok=True)
    config = stock_config(project, work)
    python = sys.executable
    rows = {}
    for name, command in (
        ("stock", [python, "-c", STOCK_RUNNER, "build", "--quiet", "-f", str(config)]),
        ("ours", [python, "-m", "helpcenter", "build"]),
    ):
        samples = [measure(command, paths.root) for _ in range(runs)]
        seconds = sorted(s for s, _, _ in samples)[len(samples) // 2]
        rows[name] = (seconds, max(m for _, m, _ in samples), size(work / "stock-site" if name == "stock" else paths.site))
    pages = sum(1 for _ in paths.site.rglob("index.html"))
    print(f"{len(project.registry)} locales, {pages} pages per build, {workers()} CPUs, median of {runs}")
    print(f"{'':8}{'wall':>10}{'peak PSS':>12}{'site size':>12}")
    for name, (seconds, rss, total) in rows.items():
        print(f"{name:8}{seconds:9.1f}s{rss / 2**20:9.0f}MiB{total / 2**20:9.1f}MiB")
    (s_sec, s_rss, s_size), (o_sec, o_rss, o_size) = rows["stock"], rows["ours"]
    print(f"{'ratio':8}{o_sec / s_sec:10.2f}{o_rss / s_rss:12.2f}{o_size / s_size:12.2f}   (ours / stock)")
    if scale > 1:
        print(f"\nOur build at 1× and {scale}× the pages (generated trees in .bench/):")
        results = {}
        for factor in (1, scale):
            tree = scaled_tree(paths, work / f"scale-{factor}", factor)
            seconds, peak, largest = measure([python, "-m", "helpcenter", "build"], tree)
            built = sum(1 for _ in (tree / "site").rglob("index.html"))
            results[factor] = (seconds, peak, largest, built)
            print(f"  {factor:3}×  {built:6} pages  {seconds:7.1f} s  peak PSS {peak / 2**20:6.0f} MiB"
                  f"  (largest process {largest / 2**20:5.0f} MiB)")
        (s1, p1, l1, n1), (sk, pk, lk, nk) = results[1], results[scale]
        print(f"  {scale}× / 1×: pages {nk / n1:.1f}, time {sk / s1:.1f}, peak PSS {pk / p1:.2f}, "
              f"largest process {lk / l1:.2f}")
    partial = next(loc.slug for loc in project.registry if not loc.full)
    print("\nFirst view of our site, cold cache, before any search (budget: 12 requests, 100 KB gzip):")
    for name, (requests, weight) in first_views(paths.site, partial).items():
        print(f"  {name:18}{requests:4} requests{weight / 1024:8.1f} KB gzip")
    return 0
