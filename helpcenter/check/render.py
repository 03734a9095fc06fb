"""Render a page's Markdown as MkDocs would (same extensions and settings,
the locale's snippets), for checks that look at what readers get without a
whole build."""

from __future__ import annotations

import functools

import markdown
from lxml import html as lxml_html

from helpcenter.paths import Paths


@functools.lru_cache(maxsize=4)
def _settings(config_path: str):
    from mkdocs.config import load_config

    config = load_config(config_path)
    return list(config.markdown_extensions), dict(config.mdx_configs)


def render(paths: Paths, body: str, slug: str, source_slug: str = "en"):
    """The page body as an lxml tree (a <div> holding the rendered HTML)."""
    extensions, configs = _settings(str(paths.config))
    configs = {key: dict(value) for key, value in configs.items()}
    snippets = configs.setdefault("pymdownx.snippets", {})
    snippets["base_path"] = [str(paths.includes / slug), str(paths.includes / source_slug), str(paths.includes)]
    snippets["check_paths"] = False
    converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
    return lxml_html.fragment_fromstring(converter.convert(body) or "<p></p>", create_parent="div")


def text_of(element) -> str:
    """Visible text, without code and footnote markers."""
    clone = lxml_html.fromstring(lxml_html.tostring(element))
    for drop in clone.xpath(".//code | .//pre | .//a[contains(@class, 'footnote-ref')]"
                            " | .//a[contains(@class, 'footnote-backref')] | .//a[@class='headerlink']"):
        drop.drop_tree()
    return " ".join(clone.text_content().split())
