"""The public translation dashboard, /en/translations/: generated in the
source locale from the same status report as `helpcenter status`, rendered by
overrides/translations.html. Links are computed with MkDocs' own URL helper."""

from __future__ import annotations

from mkdocs.utils import get_relative_url

from helpcenter import git
from helpcenter.project import Project
from helpcenter.translate import status as status_report

SRC_URI = "translations.md"
TEMPLATE = "translations.html"


SOURCE = f"""---
title: Translation status
description: How complete and current each language of this help center is, and which pages need a translator or a reviewer.
template: {TEMPLATE}
---

# Translation status

Every language of this help center, generated from the repository at build
time. A page is *outdated* when the English page changed after it was
translated, a *draft* until a native speaker reviewed it, and
*machine-drafted* when a machine made the first draft. Full locales
translate every page; partial locales translate the home page and show the
rest in English. To help, read the translator's guide in CONTRIBUTING.md.
"""


def page_url(src_uri: str) -> str:
    """The directory URL of a page, relative to its locale root."""
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        path = path.removesuffix("index")
    return path + ("/" if path and not path.endswith("/") else "")


def context(project: Project, here: str, repository: str) -> dict:
    """Rows for the template; `here` is the dashboard's path from the site root."""
    rows = []
    for row in status_report.report(project):
        loc = project.registry.get(row["locale"])
        work = []
        for item in row["todo"]:
            if item["state"] == "missing" and not loc.full:
                continue
            if item["state"] == "missing":
                work.append({"state": item["state"], "page": item["page"], "href": None,
                             "source": f"docs/{project.source.slug}/{item['page']}"})
            else:
                recorded = project.states[(loc.slug, item["page"])].recorded
                changes = git.compare_url(repository, recorded["commit"], f"docs/{project.source.slug}/{item['page']}")
                work.append({"state": item["state"], "page": item["page"],
                             "href": get_relative_url(f"{loc.slug}/{page_url(item['page'])}", here),
                             "source": f"docs/{loc.slug}/{item['page']}",
                             "changes": changes if item["state"] == "outdated" else None})
        rows.append({**row, "loc": loc, "work": work})
    return {"rows": rows}
