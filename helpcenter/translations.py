"""Translation metadata and state: which English version a page translates,
whether a native speaker reviewed it, and what is missing or outdated.

A translated page's front matter:

    translation:
      source: 3f2a9c1b5e7d4a60   # source_hash() of the English page it translates
      status: draft              # or: reviewed
      reviewed_by: Name          # optional
      reviewed_on: 2026-11-25    # optional
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import re
from pathlib import Path

import yaml

from helpcenter import locales
from helpcenter.errors import InputError, relative
from helpcenter.frontmatter import FrontMatter, read

STATUSES = ("draft", "reviewed")
_FIELDS = {"source", "status", "reviewed_by", "reviewed_on"}


def source_hash(path: Path) -> str:
    """Hash of what a translator translates: title, description and body,
    with runs of white space folded, so re-wrapping a paragraph changes nothing."""
    page = read(path)
    parts = [str(page.data.get("title", "")), str(page.data.get("description", "")), page.body]
    normalised = "\n".join(" ".join(part.split()) for part in parts)
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclasses.dataclass(frozen=True)
class PageState:
    locale: str
    src_uri: str
    state: str  # "reviewed" (current), "draft", "outdated", "missing"
    recorded: dict  # the translation block (empty when missing)


def metadata(page: FrontMatter) -> dict:
    """The checked `translation` block of a translated page."""
    where = f"{relative(page.path)}:{page.lines.get('translation', 1)}"
    block = page.data.get("translation")
    if not isinstance(block, dict):
        raise InputError(f"{where}: a translation needs a `translation:` block with `source` and `status`")
    unknown = set(block) - _FIELDS
    if unknown:
        raise InputError(f"{where}: unknown translation field(s) {', '.join(sorted(unknown))}")
    if block.get("status") not in STATUSES:
        raise InputError(f"{where}: translation status must be one of {', '.join(STATUSES)}")
    if not re.fullmatch(r"[0-9a-f]{16}", str(block.get("source", ""))):
        raise InputError(
            f"{where}: translation source must be the 16-character hash of the English page "
            "(python -m helpcenter refresh sets it)"
        )
    reviewed_on = block.get("reviewed_on")
    if reviewed_on is not None and not isinstance(reviewed_on, datetime.date):
        raise InputError(f"{where}: reviewed_on must be a date (YYYY-MM-DD)")
    return block


def english_source(slug: str, src_uri: str) -> Path:
    """The English page that docs/<slug>/<src_uri> translates; an error if
    there is none (the English page was moved or deleted)."""
    source = locales.source().slug
    english = locales.DOCS / source / src_uri
    if not english.is_file():
        raise InputError(f"docs/{slug}/{src_uri}: translates docs/{source}/{src_uri}, which does not exist")
    return english


def page_state(slug: str, src_uri: str, english_hash: str | None = None) -> PageState:
    """`english_hash`: source_hash() of the English page, when already known."""
    english = english_source(slug, src_uri)
    translated = locales.DOCS / slug / src_uri
    if not translated.is_file():
        return PageState(slug, src_uri, "missing", {})
    block = metadata(read(translated))
    if block["source"] != (english_hash or source_hash(english)):
        state = "outdated"
    else:
        state = block["status"]
    return PageState(slug, src_uri, state, block)


# Translator commands ------------------------------------------------------------


def english_pages() -> list[str]:
    from helpcenter.pages import TranslationIndex

    return [uri for uri in TranslationIndex.scan().files(locales.source().slug) if uri.endswith(".md")]


def status(slugs: list[str] | None = None) -> list[dict]:
    """Per locale: counts, percentages, and the pages to work on (outdated first)."""
    pages = english_pages()
    hashes = {uri: source_hash(locales.DOCS / locales.source().slug / uri) for uri in pages}
    report = []
    for loc in locales.load()[1:]:
        if slugs and loc.slug not in slugs:
            continue
        states = [page_state(loc.slug, uri, hashes[uri]) for uri in pages]
        counts = {name: sum(s.state == name for s in states) for name in ("reviewed", "draft", "outdated", "missing")}
        order = {"outdated": 0, "draft": 1, "missing": 2}
        todo = sorted((s for s in states if s.state in order), key=lambda s: (order[s.state], s.src_uri))
        report.append({
            "locale": loc.slug,
            "name": loc.name,
            "full": loc.full,
            "pages": len(pages),
            **counts,
            "translated": counts["reviewed"] + counts["draft"] + counts["outdated"],
            "percent_translated": round(100 * (len(pages) - counts["missing"]) / len(pages)),
            "todo": [{"page": s.src_uri, "state": s.state} for s in todo],
        })
    return report


def start_page(slug: str, src_uri: str) -> Path:
    """Copy the English page into the locale, with its translation block."""
    locales.by_slug(slug)
    english = locales.DOCS / locales.source().slug / src_uri
    target = locales.DOCS / slug / src_uri
    if not english.is_file():
        raise InputError(f"docs/en/{src_uri}: no such English page")
    if target.exists():
        raise InputError(f"{relative(target)}: already exists (use `refresh` after updating it)")
    page = read(english)
    data = dict(page.data)
    data["translation"] = {"source": source_hash(english), "status": "draft"}
    _write(target, data, page.body)
    return target


def set_translation(slug: str, src_uri: str, *, reviewed_by: str | None = None,
                    review: bool = False, today: datetime.date | None = None) -> Path:
    """`review`: mark reviewed (by whom, today). Otherwise: refresh the source
    hash after the translation was brought up to date with the English."""
    target = locales.DOCS / slug / src_uri
    if not target.is_file():
        raise InputError(f"{relative(target)}: no such translated page")
    english = english_source(slug, src_uri)
    page = read(target)
    block = dict(page.data.get("translation") or {})
    if review:
        block["status"] = "reviewed"
        block["reviewed_on"] = today or datetime.date.today()
        if reviewed_by:
            block["reviewed_by"] = reviewed_by
    else:
        block["source"] = source_hash(english)
        block.setdefault("status", "draft")
    data = dict(page.data)
    data["translation"] = block
    _write(target, data, page.body)
    return target


def _write(path: Path, data: dict, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")


def add_locale(slug: str, tag: str | None = None, full: bool = False, theme: str | None = None) -> list[Path]:
    """Register a locale and create what it needs to build at once: its home
    page (English, to translate, marked draft) and its UI strings (English
    copy, to translate). Returns the files to translate."""
    from helpcenter import strings

    if any(loc.slug == slug for loc in locales.load()):
        raise InputError(f"locales.yml: '{slug}' is already registered")
    entry = {"slug": slug}
    if tag and tag != slug:
        entry["tag"] = tag
    if full:
        entry["full"] = True
    if theme:
        entry["theme"] = theme
    line = "  - " + yaml.safe_dump(entry, default_flow_style=True, width=1000).strip() + "\n"
    registry = locales.REGISTRY.read_text(encoding="utf-8")
    locales.REGISTRY.write_text(registry + ("" if registry.endswith("\n") else "\n") + line, encoding="utf-8")
    locales.load.cache_clear()
    try:
        locales.by_slug(slug)  # CLDR must know it: names and direction come from there
    except InputError:
        locales.REGISTRY.write_text(registry, encoding="utf-8")
        locales.load.cache_clear()
        raise
    created = [start_page(slug, "index.md")]
    strings_file = strings.path_for(slug)
    if not strings_file.exists():
        strings_file.write_text(strings.path_for("en").read_text(encoding="utf-8"), encoding="utf-8")
        created.append(strings_file)
    return created


def print_status(report: list[dict]) -> None:
    print(f"{'locale':8}{'translated':>12}{'reviewed':>10}{'draft':>7}{'outdated':>10}{'missing':>9}")
    for row in report:
        print(f"{row['locale']:8}{row['translated']:>5} ({row['percent_translated']:3}%)"
              f"{row['reviewed']:>10}{row['draft']:>7}{row['outdated']:>10}{row['missing']:>9}")
        for item in row["todo"]:
            if item["state"] != "missing" or row["full"]:
                print(f"{'':8}{item['state']:>10}  docs/{row['locale']}/{item['page']}")


def dashboard_markdown(report: list[dict], repository: str) -> str:
    """The public translation dashboard (built as /en/translations/)."""
    from html import escape

    rows, details = [], []
    for row in report:
        loc = locales.by_slug(row["locale"])
        name = f'<span lang="{loc.tag}" dir="{loc.dir}">{escape(loc.name)}</span>'
        kind = "full" if row["full"] else "partial"
        rows.append(
            f"<tr><td>{name} (<code>{loc.slug}</code>)</td><td>{kind}</td>"
            f"<td>{row['percent_translated']}%</td><td>{row['reviewed']}</td><td>{row['draft']}</td>"
            f"<td>{row['outdated']}</td><td>{row['missing']}</td></tr>"
        )
        work = [item for item in row["todo"] if item["state"] != "missing" or row["full"]]
        if work:
            items = "".join(
                f'<li>{item["state"]}: <a href="../{loc.slug}/{_page_url(item["page"])}">{escape(item["page"])}</a>'
                f' (<a href="{escape(repository)}/blob/main/docs/{loc.slug}/{escape(item["page"])}">source</a>)</li>'
                if item["state"] != "missing" else
                f'<li>missing: <a href="{escape(repository)}/blob/main/docs/en/{escape(item["page"])}">'
                f'{escape(item["page"])}</a> (English source)</li>'
                for item in work
            )
            details.append(f'<h3 id="work-{loc.slug}">{name}</h3>\n<ul>{items}</ul>')
    table = (
        "<table><thead><tr><th>Locale</th><th>Kind</th><th>Translated</th><th>Reviewed</th>"
        "<th>Draft</th><th>Outdated</th><th>Missing</th></tr></thead><tbody>"
        + "".join(rows) + "</tbody></table>"
    )
    return (
        "---\ntitle: Translation status\n"
        "description: How complete and current each language of this help center is, and which pages need a translator.\n"
        "---\n\n# Translation status\n\n"
        "Every language of this help center, generated from the repository at build time. "
        "A page is *outdated* when the English page changed after it was translated, and a *draft* until a "
        "native speaker reviewed it. Full locales translate every page; partial locales translate the home page "
        "and show the rest in English. To help, read the translator guide in CONTRIBUTING.md.\n\n"
        f"{table}\n\n## Pages to work on\n\nOutdated pages first.\n\n" + "\n\n".join(details) + "\n"
    )


def _page_url(src_uri: str) -> str:
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        path = path.removesuffix("index")
    return path + ("/" if path and not path.endswith("/") else "")
