"""Render each English page once per process, however many locales show it
as a fallback: 40 partial locales would otherwise convert the same Markdown
40 times. Used in full builds only (helpcenter/build.py); `make serve`
renders every time, so edits to included files show at once.

What a render leaves on the page is kept: the HTML, the table of contents,
the title, the anchors it has and the anchors it links to. Links to anchors
are stored by path, so each locale still checks them against its own pages
(a translated page may have other anchors than the English one)."""

from __future__ import annotations

from mkdocs.structure.pages import Page

_RENDERED: dict[tuple[str, str], tuple] = {}
_is_fallback = None  # set for each build by the i18n hook


def use_for(is_fallback) -> None:
    """Cache renders of pages for which `is_fallback(file)` is true."""
    global _is_fallback
    _is_fallback = is_fallback
    if not getattr(Page.render, "cached_fallbacks", False):
        Page.render = _cached(Page.render)


def _cached(render):
    def cached_render(page: Page, config, files) -> None:
        if _is_fallback is None or not _is_fallback(page.file):
            return render(page, config, files)
        key = (page.file.abs_src_path, page.markdown)
        if key not in _RENDERED:
            render(page, config, files)
            links = {f.src_uri: anchors for f, anchors in (page.links_to_anchors or {}).items()}
            _RENDERED[key] = (page.content, page.toc, page._title_from_render, page.present_anchor_ids, links)
            return
        page.content, page.toc, page._title_from_render, page.present_anchor_ids, links = _RENDERED[key]
        page.links_to_anchors = {files.get_file_from_path(uri): anchors for uri, anchors in links.items()}

    cached_render.cached_fallbacks = True
    return cached_render
