"""`make audit`: Lighthouse (mobile preset) on four pages and the Nu Html
Checker (vnu) over the whole built site. Prints the scores and every vnu
error that audit/vnu-allowlist.txt does not explain. Needs site/ built."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

from helpcenter.maintain import browser
from helpcenter.maintain.serve_static import serve
from helpcenter.paths import Paths

PAGES = ["en/", "en/your-rights/appeals/", "ar/", "ar/your-rights/appeals/"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse(audit: Path, url: str) -> dict[str, int]:
    chrome = browser.ensure()
    out = subprocess.run(
        ["node", str(audit / "node_modules/lighthouse/cli/index.js"), url, "--quiet", "--output=json",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome}, check=True,
    ).stdout
    report = json.loads(out)
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def allowlist(audit: Path) -> list[tuple[re.Pattern, str]]:
    """Lines `regex  # reason`; every entry must say why it is Material's markup."""
    entries = []
    for line in (audit / "vnu-allowlist.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, _, reason = line.partition("  # ")
            entries.append((re.compile(pattern.strip()), reason.strip()))
    return entries


def vnu(audit: Path, site: Path) -> tuple[list[dict], dict[str, int]]:
    """vnu errors not on the allowlist, and how often each allowlisted one matched."""
    result = subprocess.run(
        ["java", "-jar", str(audit / "node_modules/vnu-jar/build/dist/vnu.jar"),
         "--format", "json", "--errors-only", "--skip-non-html", str(site)],
        capture_output=True, text=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    allowed = allowlist(audit)
    used = {reason: 0 for _, reason in allowed}
    unexplained = []
    for message in messages:
        match = next((reason for pattern, reason in allowed if pattern.search(message["message"])), None)
        if match:
            used[match] += 1
        else:
            unexplained.append(message)
    return unexplained, used


def main(paths: Paths) -> int:
    audit, site = paths.root / "audit", paths.site
    if not (site / "index.html").is_file():
        print("error: build the site first (make build)")
        return 1
    failed = False
    print(f"{'page':32}" + "".join(f"{c:>16}" for c in CATEGORIES))
    with serve(site) as base:
        for path in PAGES:
            scores = lighthouse(audit, f"{base}/{path}")
            print(f"{path:32}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES))
            failed |= scores["performance"] < 95 or any(scores[c] < 100 for c in CATEGORIES[1:])
    unexplained, used = vnu(audit, site)
    print(f"\nvnu: {len(unexplained)} error(s) not on audit/vnu-allowlist.txt")
    for message in unexplained[:50]:
        where = Path(message.get("url", "")).as_posix().replace(f"file:{site.as_posix()}/", "")
        print(f"  {where}:{message.get('lastLine', '?')}: {message['message']}")
    for reason, count in used.items():
        print(f"  allowed ({count}x): {reason}")
    return 1 if failed or unexplained else 0
