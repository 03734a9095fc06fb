"""Every link of the built site resolves: `helpcenter links` and the tests.

For every HTML page under site/: each href, src and srcset (lxml's
iterlinks) must name a file in site/ — a folder means its index.html — and a
#fragment must name an id in that file. Absolute URLs under the site's own
address (canonical, hreflang, og:url) count as internal. Outside links may be
https: or mailto: only. Each problem: `page: link: what is wrong`."""

from __future__ import annotations

import concurrent.futures
import functools
import os
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

EXTERNAL_SCHEMES = {"https", "mailto"}
_ids: dict[Path, frozenset[str]] = {}


def check(site: Path, base_url: str, jobs: int | None = None, unbuilt: set[str] = frozenset()) -> list[str]:
    """Every broken link; links into `unbuilt` locales (left out of a partial build) are not checked."""
    pages = sorted(site.rglob("*.html"))
    chunks = [pages[i::max(1, jobs or os.cpu_count() or 1)] for i in range(max(1, jobs or os.cpu_count() or 1))]
    with concurrent.futures.ProcessPoolExecutor(len(chunks)) as pool:
        results = pool.map(_check_pages, [site] * len(chunks), [base_url] * len(chunks), chunks,
                           [frozenset(unbuilt)] * len(chunks))
        return sorted(problem for chunk in results for problem in chunk)


def _check_pages(site: Path, base_url: str, pages: list[Path], unbuilt: frozenset = frozenset()) -> list[str]:
    problems = []
    for page in pages:
        where = page.relative_to(site).as_posix()
        page_url = "https://site.invalid/" + where  # the page's own address, for resolving relative links
        tree = lxml_html.fromstring(page.read_bytes())
        for element, attribute, link, _ in tree.iterlinks():
            if element.tag == "link" and "preconnect" in (element.get("rel") or ""):
                continue
            problem = _problem(site, base_url, page_url, link.strip(), unbuilt)
            if problem:
                problems.append(f"{where}: {link}: {problem}")
    return problems


def _problem(site: Path, base_url: str, page_url: str, link: str, unbuilt: frozenset = frozenset()) -> str | None:
    if link.startswith(base_url):
        link = "https://site.invalid/" + link[len(base_url):]
    return _resolved_problem(site, urljoin(page_url, link), unbuilt)


@functools.lru_cache(maxsize=None)
def _resolved_problem(site: Path, url: str, unbuilt: frozenset = frozenset()) -> str | None:
    parts = urlsplit(url)
    if parts.scheme and parts.netloc != "site.invalid":
        if parts.scheme not in EXTERNAL_SCHEMES:
            return f"`{parts.scheme}:` links are not allowed (https: and mailto: only)"
        return None
    target = site / unquote(parts.path).lstrip("/")
    first = unquote(parts.path).lstrip("/").split("/")[0]
    if first in unbuilt:
        return None  # a locale this build left out (`make test LOCALE=…`): not checked
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return "no such file in the site"
    if parts.fragment and target.suffix == ".html":
        if unquote(parts.fragment) not in _anchors(target):
            return f"no id `{parts.fragment}` in {target.relative_to(site).as_posix()}"
    return None


def _anchors(path: Path) -> frozenset[str]:
    if path not in _ids:
        tree = lxml_html.fromstring(path.read_bytes())
        _ids[path] = frozenset(tree.xpath("//@id | //a/@name"))
    return _ids[path]


def sitemap_problems(site: Path, base_url: str) -> list[str]:
    """Every <loc> of every sitemap names a page of the site."""
    problems = []
    for sitemap in sorted(site.rglob("sitemap.xml")):
        for loc in etree.parse(str(sitemap)).iterfind(".//{*}loc"):
            url = (loc.text or "").strip()
            problem = _problem(site, base_url, "https://site.invalid/", url) if url.startswith(base_url) \
                else "not under the site's address"
            if problem:
                problems.append(f"{sitemap.relative_to(site).as_posix()}: {url}: {problem}")
    return problems
