"""One locale per build: the locale's pages, English fallbacks, and the
cross-locale parts (language menu, hreflang, canonical, lang/dir).

The locale comes from HELPCENTER_LOCALE (default en). helpcenter/build.py runs
one build per locale; with HELPCENTER_SHARED_ASSETS=1 theme assets are left out
of each build and linked from the site root, where they are written once.
"""

from __future__ import annotations

import os
import posixpath
import sys
from pathlib import Path
from urllib.parse import urlencode

from babel.core import UnknownLocaleError
from babel.dates import format_date
from jinja2 import TemplateNotFound, pass_context
from markupsafe import Markup
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Section

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the helpcenter package lives beside mkdocs.yml
    sys.path.insert(0, str(ROOT))

from helpcenter import (  # noqa: E402
    csp, feed, frontmatter, gitdates, locales, render_cache, strings, templates, translations,
)
from helpcenter.errors import InputError  # noqa: E402
from helpcenter.pages import TranslationIndex  # noqa: E402

DASHBOARD = "translations.md"  # generated in the source locale only
FEED = "feed.xml"  # per locale: every page, newest change first

# State of the current build (one locale per MkDocs run).
_build: dict = {}


# Hooks ------------------------------------------------------------------------


@event_priority(100)  # before the search plugin reads the theme language
def on_config(config):
    locale = locales.by_slug(os.environ.get("HELPCENTER_LOCALE", locales.source().slug))
    docs = locales.DOCS / locale.slug
    index = TranslationIndex.scan()  # also checks that docs/ and the registry agree
    site_root = config.extra.get("site_root") or config.site_url
    config.extra["site_root"] = site_root
    config.docs_dir = str(docs)
    config.site_url = f"{site_root}{locale.slug}/"
    shared_assets = os.environ.get("HELPCENTER_SHARED_ASSETS") == "1"
    templates.speed_up(config.theme, list_once=shared_assets)
    if shared_assets:  # a full build: one process builds many locales
        render_cache.use_for(_is_fallback)
    config.theme["language"] = locale.theme
    config.theme["direction"] = locale.dir
    site_strings = strings.load(locale.slug)
    config.site_name = site_strings["site_name"]
    try:
        config.theme.get_env().get_template(f"partials/languages/{locale.theme}.html")
    except TemplateNotFound:
        raise InputError(
            f"overrides/partials/languages/{locale.theme}.html: Material has no UI strings "
            f"for '{locale.slug}'; add this file (see CONTRIBUTING.md)"
        ) from None
    _use_chinese_segmentation(locale.tag.startswith("zh"))
    _build.clear()
    _build.update(
        locale=locale,
        strings=site_strings,
        index=index,
        shared_assets=shared_assets,
        feed=[],
    )
    return config


def on_files(files, config):
    locale, index = _build["locale"], _build["index"]
    source_dir = locales.DOCS / locales.source().slug
    for file in [f for f in files if not _is_content(f)]:
        # Theme files: only assets/ is for readers (not strings/*.yml), and
        # in a full build those are written once at the site root instead.
        if _build["shared_assets"] or not file.src_uri.startswith("assets/"):
            files.remove(file)
    if locale.slug == locales.source().slug:
        dashboard = translations.dashboard_markdown(translations.status(), config.extra["repository"])
        files.append(File.generated(config, DASHBOARD, content=dashboard))
        return files
    for src_uri in index.files(locale.slug):
        translations.english_source(locale.slug, src_uri)
    for src_uri in index.files(locales.source().slug):
        if files.get_file_from_path(src_uri) is None:  # not translated: use English
            files.append(
                File(src_uri, str(source_dir), config.site_dir, config.use_directory_urls,
                     inclusion=InclusionLevel.INCLUDED)
            )
    return files


def on_nav(nav, config, files):
    for section in _sections(nav.items):
        key = "nav_" + section.title.lower().replace(" ", "_")
        if key not in _build["strings"]:
            raise InputError(f"overrides/strings/en.yml: no string `{key}` for nav section '{section.title}'")
        section.title = _build["strings"][key]
    return nav


def on_page_markdown(markdown, page, config, files):
    if not page.file.generated_by:
        frontmatter.check(page.file.abs_src_path)  # MkDocs would drop bad YAML silently
    return markdown


def on_env(env, config, files):
    env.globals["hc"] = _site_context(config)
    env.globals["hc_lastmod"] = _lastmod
    env.globals["hc_is_fallback"] = _is_fallback
    if _build["shared_assets"]:
        env.filters["url"] = _shared_assets_url(env.filters["url"], config)
    return env


def on_page_context(context, page, config, nav):
    locale, index = _build["locale"], _build["index"]
    source = locales.source()
    src_uri = page.file.src_uri
    fallback = _is_fallback(page.file)
    state = None  # English, or a fallback: not a translation
    if locale != source and not fallback:
        state = translations.page_state(locale.slug, src_uri)
    translated = [loc for loc in locales.load() if index.has(loc.slug, src_uri)]
    here = page.url
    context["hc_page"] = {
        "fallback": fallback,
        "draft": bool(state) and state.recorded["status"] == "draft",
        "outdated": bool(state) and state.state == "outdated",
        "source_href": _relative(f"../{source.slug}/{here}", here),
        "menu": [
            {
                "locale": loc,
                "href": _relative(f"../{loc.slug}/{here}", here),
                "current": loc == locale,
            }
            for loc in locales.load()
        ],
        "hreflang": [
            {"tag": loc.tag, "href": f"{config.extra['site_root']}{loc.slug}/{here}"}
            for loc in translated
        ] + [{"tag": "x-default", "href": f"{config.extra['site_root']}{source.slug}/{here}"}],
    }
    if fallback:  # not a translation: search engines should index the English page
        page.canonical_url = f"{config.extra['site_root']}{source.slug}/{here}"
    _reader_tools(context["hc_page"], page, config)
    # Material prints these two into HTML attributes and <title> unescaped.
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = Markup.escape(page.meta[key])
    return context


def on_post_build(config):
    locale = _build["locale"]
    title = f"{config.site_name}: {_build['strings']['feed_title']}"
    feed_url = f"{config.site_url}{FEED}"
    Path(config.site_dir, FEED).write_bytes(feed.atom(title, feed_url, locale.tag, _build["feed"]))


def on_post_page(output, page, config):
    return csp.fill(_html_lang_dir(output, page.file.src_uri))


def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):
        return csp.fill(_html_lang_dir(output_content, template_name))
    return output_content


# Helpers ----------------------------------------------------------------------


def _is_content(file) -> bool:
    return Path(file.src_dir).resolve().is_relative_to(locales.DOCS)


def _is_fallback(file) -> bool:
    locale = _build["locale"]
    if file.generated_by:
        return False
    return locale != locales.source() and not Path(file.abs_src_path).is_relative_to(
        locales.DOCS / locale.slug
    )


def _sections(items):
    for item in items:
        if isinstance(item, Section):
            yield item
            yield from _sections(item.children)


def _relative(target: str, page_url: str) -> str:
    """A link from the page at `page_url` to `target` (both relative to the
    locale root), keeping the trailing slash of directory URLs."""
    link = posixpath.relpath(target or ".", page_url or ".")
    return link + "/" if target.endswith("/") and not link.endswith("/") else link


def _site_context(config) -> dict:
    locale = _build["locale"]
    root_path = "/" + config.extra["site_root"].split("://", 1)[-1].partition("/")[2]
    return {
        "csp_placeholder": csp.PLACEHOLDER,
        "locale": locale,
        "source": locales.source(),
        "strings": _build["strings"],
        "locales": locales.load(),
        "root_path": root_path,
        # The language menu outside the page tree (404.html): each home page.
        "home_menu": [
            {"locale": loc, "href": f"{root_path}{loc.slug}/", "current": loc == locale}
            for loc in locales.load()
        ],
    }


def _reader_tools(context: dict, page, config) -> None:
    """Last updated, share, edit and report links, and the page's feed entry."""
    locale, source = _build["locale"], locales.source()
    url = f"{config.site_url}{page.url}"
    origin = source if context["fallback"] else locale
    updated = None if page.file.generated_by else gitdates.last_commit(page.file.abs_src_path)
    repository = config.extra["repository"]
    context.update(
        url=url,
        feed_href=_relative(FEED, page.url),
        updated=updated and {
            "iso": updated.date().isoformat(),
            "text": _format_date(updated.date(), locale),
        },
        edit_url=None if page.file.generated_by else
        f"{repository}/edit/main/docs/{origin.slug}/{page.file.src_uri}",
        report_url=f"{repository}/issues/new?" + urlencode(
            {"template": "content-error.yml", "page": url, "locale": locale.slug,
             "title": f"[Content] {page.title}"}),
    )
    _build["feed"].append({
        "title": page.title, "url": url, "summary": page.meta.get("description", ""),
        "updated": updated, "lang": origin.tag,
    })


def _format_date(date, locale) -> str:
    """The date as the locale writes it (CLDR); ISO 8601 where CLDR has no data."""
    try:
        return format_date(date, format="long", locale=locale.tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return date.isoformat()


def _lastmod(file) -> str:
    if file.generated_by:
        return ""  # generated at build time: no commit to date it by
    date = gitdates.last_commit(file.abs_src_path)
    return date.strftime("%Y-%m-%d") if date else ""


def _shared_assets_url(url_filter, config):
    """Point theme assets (assets/…) at the one copy at the site root."""
    locale_path = _site_context(config)["root_path"] + _build["locale"].slug + "/"

    @pass_context
    def url(context, value):
        result = url_filter(context, value)
        if not str(value).startswith("assets/"):
            return result
        if result.startswith(locale_path):  # absolute (404.html)
            return result.replace(locale_path, locale_path.rsplit("/", 2)[0] + "/", 1)
        return "../" + result

    return url


def _html_lang_dir(html: str, where: str) -> str:
    """Material sets lang from its UI-strings file and dir on <body> only; put
    the locale's BCP 47 tag and direction on <html>."""
    locale = _build["locale"]
    start = html.find("<html ")
    end = html.find(">", start)
    if start < 0 or 'class="no-js"' not in html[start:end]:
        raise InputError(f"{where}: rendered page has no <html class=\"no-js\"> tag to localise")
    return f'{html[:start]}<html lang="{locale.tag}" dir="{locale.dir}" class="no-js"{html[end:]}'


def _use_chinese_segmentation(enabled: bool) -> None:
    """Material's search segments every Han run with jieba when it is
    installed; that is right for Chinese only (not Japanese kanji)."""
    from material.plugins.search import plugin as search

    if enabled:
        import jieba

        jieba.setLogLevel(60)  # silence its start-up chatter
        search.jieba = jieba
    else:
        search.jieba = None
