"""Translation status per locale: `python -m helpcenter status`."""

from __future__ import annotations

import json

from helpcenter.project import Project
from helpcenter.translations import STATES

TODO_ORDER = {"outdated": 0, "draft": 1, "machine": 2, "missing": 3}


def nav_order(project: Project) -> list[str]:
    """English pages in the order of the nav in mkdocs.yml: most important first."""
    from helpcenter.check.lint import nav_entries

    listed = [uri for uri, _ in nav_entries(project.paths.config)]
    rest = sorted(set(project.index.pages(project.source.slug)) - set(listed))
    return [uri for uri in listed if project.index.has(project.source.slug, uri)] + rest


def report(project: Project, slugs: list[str] | None = None) -> list[dict]:
    """Per locale: counts, percentages, and the pages to work on (outdated
    first, then drafts, then missing pages in nav order)."""
    pages = nav_order(project)
    rank = {uri: i for i, uri in enumerate(pages)}
    rows = []
    for loc in list(project.registry)[1:]:
        if slugs and loc.slug not in slugs:
            continue
        states = [project.states[(loc.slug, uri)] for uri in pages]
        counts = {name: sum(s.state == name for s in states) for name in STATES}
        todo = sorted((s for s in states if s.state in TODO_ORDER),
                      key=lambda s: (TODO_ORDER[s.state], rank[s.src_uri]))
        strings = project.strings[loc.slug]
        rows.append({
            "locale": loc.slug,
            "name": loc.name,
            "full": loc.full,
            "pages": len(pages),
            **counts,
            "translated": len(pages) - counts["missing"],
            "percent_translated": round(100 * (len(pages) - counts["missing"]) / len(pages)),
            "untranslated_strings": sorted(strings.untranslated | {f"theme: {k}" for k in strings.theme_untranslated}),
            "todo": [{"page": s.src_uri, "state": s.state} for s in todo],
        })
    return rows


def to_json(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)


def to_text(rows: list[dict]) -> str:
    lines = [f"{'locale':8}{'kind':>8}{'translated':>13}{'reviewed':>10}{'draft':>7}{'machine':>9}"
             f"{'outdated':>10}{'missing':>9}{'strings':>9}"]
    for row in rows:
        kind = "full" if row["full"] else "partial"
        lines.append(f"{row['locale']:8}{kind:>8}{row['translated']:>6} ({row['percent_translated']:3}%)"
                     f"{row['reviewed']:>10}{row['draft']:>7}{row['machine']:>9}{row['outdated']:>10}"
                     f"{row['missing']:>9}{len(row['untranslated_strings']):>9}")
    for row in rows:
        work = [item for item in row["todo"] if item["state"] != "missing" or row["full"]]
        if work or row["untranslated_strings"]:
            lines.append(f"\n{row['locale']} ({row['name']}):")
        for item in work:
            lines.append(f"  {item['state']:>9}  docs/{row['locale']}/{item['page']}")
        if row["untranslated_strings"]:
            lines.append(f"  {'strings':>9}  strings/{row['locale']}.yml: "
                         + ", ".join(row["untranslated_strings"]) + " (shown in English)")
    return "\n".join(lines) + "\n"
