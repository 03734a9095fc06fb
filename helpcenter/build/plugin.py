"""The MkDocs plugin: one locale per MkDocs run.

It builds the locale's own pages and, for every English page the locale has
not translated, the English page as a fallback with a notice; and it adds what
crosses locales: the per-page language menu, hreflang with absolute URLs and
x-default, canonical URLs (English for fallbacks), lang/dir, the notices, the
reader tools, the feed, the CSP and, in the source locale, the translation
dashboard.

Configuration (mkdocs.yml `plugins: - helpcenter:`), set by the build driver
(helpcenter/build/driver.py) on the loaded configuration:

    locale         the slug to build (default en)
    shared_assets  leave theme assets out: the driver writes them once at the site root
    speedups       patch MkDocs/Material to reuse work across builds in one process

The driver also hands over the checked inputs (`plugin.project`); a plain
`mkdocs build` or `mkdocs serve` reads them itself in on_config."""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from urllib.parse import urlencode

from babel.core import UnknownLocaleError
from babel.dates import format_date
from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Section
from mkdocs.utils import get_relative_url

from helpcenter import git
from helpcenter.build import dashboard, feed, rtl_css, safety, speedups
from helpcenter.errors import InputError
from helpcenter.locales import Locale
from helpcenter.paths import Paths
from helpcenter.project import Project

FEED = "feed.xml"  # per locale: every page, newest change first
HOME = "index.md"  # each locale's home page: overrides/home.html
ABBREVIATIONS = "abbreviations.md"  # hover definitions, per locale: includes/<locale>/abbreviations.md
# Languages whose words lunr can stem (Material ships lunr.<code>.min.js): language -> lunr code.
STEMMERS = {"ar": "ar", "da": "da", "de": "de", "es": "es", "fi": "fi", "fr": "fr", "he": "he", "hu": "hu",
            "it": "it", "nb": "no", "nl": "nl", "pt": "pt", "ro": "ro", "ru": "ru", "sv": "sv", "tr": "tr"}


def in_language(text: str, locale: Locale) -> Markup:
    """Text of another language than the page's (English in a translation),
    escaped and marked with its language and direction."""
    return Markup('<span lang="{}" dir="{}">{}</span>').format(locale.tag, locale.dir, text)


class EnglishTitle(Markup):
    """An English fallback page's title. Printed as it is (nav, breadcrumbs,
    header), it is marked as English; where a template escapes it (Material's
    footer puts it in an aria-label), it is the plain text."""

    def __new__(cls, plain: str, source: Locale):
        title = super().__new__(cls, in_language(plain, source))
        title.plain = plain
        return title

    def __html__(self):
        return Markup.escape(self.plain)


class HelpCenterConfig(base.Config):
    locale = c.Type(str, default="en")
    shared_assets = c.Type(bool, default=False)
    speedups = c.Type(bool, default=False)


@dataclasses.dataclass
class _LocaleBuild:
    """Everything one run knows about the locale it builds."""

    project: Project
    locale: Locale
    site_root: str  # site_url of mkdocs.yml: the root of every locale
    root_path: str  # its path part, e.g. "/"
    titles: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)  # src_uri -> raw title, description
    feed: list[dict] = dataclasses.field(default_factory=list)
    policy: str = ""  # the Content Security Policy of every page
    theme_scripts: frozenset[str] = frozenset()  # hashes of the theme's own inline scripts

    @property
    def source(self) -> Locale:
        return self.project.source

    @property
    def strings(self):
        return self.project.strings[self.locale.slug]

    @functools.cached_property
    def menu_names(self) -> dict[str, str]:
        """What a reader may type to find each language in the menu: its own
        name, its name in English and in this locale's language, its code."""
        from babel import Locale as CldrLocale

        from helpcenter.locales import parse_tag

        here = parse_tag(self.locale.tag) or CldrLocale("en")
        english = CldrLocale("en")
        names = {}
        for loc in self.project.registry:
            cldr = parse_tag(loc.tag)
            found = {loc.name, loc.slug, loc.tag}
            if cldr is not None:
                found |= {cldr.get_display_name(here) or "", cldr.get_display_name(english) or ""}
            names[loc.slug] = " ".join(sorted(n.lower() for n in found if n))
        return names


class HelpCenterPlugin(BasePlugin[HelpCenterConfig]):
    def __init__(self):
        self.project: Project | None = None  # set by the build driver, else read in on_config
        self.run: _LocaleBuild | None = None
        self.current_file: str | None = None  # for error messages

    # Events ------------------------------------------------------------------

    @event_priority(100)  # before the search plugin reads the theme language
    def on_config(self, config):
        paths = Paths(Path(config.config_file_path).resolve().parent)
        project = self.project or Project.load(paths)
        locale = project.registry.get(self.config.locale)
        site_root = config.site_url or "/"
        if not site_root.endswith("/"):
            raise InputError("mkdocs.yml: site_url must end with /")
        self.run = _LocaleBuild(project, locale, site_root, "/" + site_root.split("://", 1)[-1].partition("/")[2])
        if self.config.speedups:
            speedups.enable()
        config.docs_dir = str(paths.docs_for(locale.slug))
        config.site_url = f"{site_root}{locale.slug}/"
        site = self.run.strings.site
        config.site_name = site["site_name"]
        config.copyright = site["copyright"]
        for palette in config.theme.get("palette") or []:  # the light/dark switch's label, in this language
            if isinstance(palette, dict) and "toggle" in palette:
                key = "palette_to_light" if palette.get("scheme") == "slate" else "palette_to_dark"
                palette["toggle"] = {**palette["toggle"], "name": site[key]}
        config.theme["language"] = locale.theme or "en"  # Material's file; ours override it per key
        config.theme["direction"] = locale.dir
        # Material keeps the reader's choices (light/dark) under this path:
        # the site's root, so one choice holds in every language.
        config.extra["scope"] = self.run.root_path
        self._markdown_for(config, locale)
        self._search_for(config, locale)
        return config

    def on_files(self, files, config):
        run = self.run
        for file in [f for f in files if not _is_content(f, config)]:
            # Theme files: only assets/ is for readers, and in a full build
            # the driver writes those once at the site root instead.
            if self.config.shared_assets or not file.src_uri.startswith("assets/"):
                files.remove(file)
        if run.locale == run.source:
            files.append(File.generated(config, dashboard.SRC_URI, content=dashboard.SOURCE))
            return files
        source_dir = run.project.paths.docs_for(run.source.slug)
        for src_uri in run.project.index.files(run.source.slug):
            if files.get_file_from_path(src_uri) is None:  # not translated: use English
                file = File(src_uri, str(source_dir), config.site_dir, config.use_directory_urls,
                            inclusion=InclusionLevel.INCLUDED)
                file.hc_fallback = True
                files.append(file)
        return files

    def on_nav(self, nav, config, files):
        site = self.run.strings.site
        for section in _sections(nav.items):
            key = "nav_" + section.title.lower().replace(" ", "_")
            if key not in site:
                raise InputError(f"strings/en.yml: no string `{key}` for the nav section '{section.title}' "
                                 "(mkdocs.yml)")
            section.title = Markup.escape(site[key])  # Material prints nav titles unescaped
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        self.current_file = self._source_of(page.file)
        self._markdown_for(config, self.run.source if self.is_fallback(page.file) else self.run.locale)
        return markdown

    def on_env(self, env, config, files):
        run = self.run
        self._files = files
        # Material prints titles and descriptions into HTML unescaped, in
        # every page's nav too: escape them all before any page is rendered.
        # An English fallback's title, wherever it shows (nav, breadcrumbs,
        # header), is marked as English.
        for file in files.documentation_pages():
            meta = file.page.meta
            run.titles[file.src_uri] = (str(file.page.title or ""), str(meta.get("description", "")))
            for key in ("title", "description"):
                if isinstance(meta.get(key), str):
                    meta[key] = Markup.escape(meta[key])
            if file.src_uri == HOME:
                meta["template"] = "home.html"
                meta["hide"] = ["navigation", "toc"]  # the home page is its own guide to the site
            if self.is_fallback(file) and run.locale.slug != run.source.slug and "title" in meta:
                meta["title"] = EnglishTitle(run.titles[file.src_uri][0], run.source)
        run.theme_scripts = safety.theme_script_hashes(
            env, {"config": config, "features": config.theme.get("features") or [], "base_url": run.root_path})
        run.policy = safety.policy(run.theme_scripts)
        env.globals["hc"] = self._site_context()
        env.globals["hc_text"] = self._text
        env.globals["hc_is_fallback"] = self.is_fallback
        env.globals["hc_lastmod"] = self._lastmod
        if self.config.shared_assets:
            env.filters["url"] = _shared_assets_url(env.filters["url"], run.root_path + run.locale.slug + "/")
        return env

    def on_page_context(self, context, page, config, nav):
        run = self.run
        self.current_file = self._source_of(page.file)
        src_uri = page.file.src_uri
        fallback = self.is_fallback(page.file)
        generated = bool(page.file.generated_by)
        state = None  # English, a fallback or a generated page: not a translation
        if run.locale != run.source and not fallback and not generated:
            state = run.project.states.get((run.locale.slug, src_uri))
        here = f"{run.locale.slug}/{page.url}"
        # The locales that have this page: all of them (as a translation or
        # a fallback), except for a page generated in this locale only.
        available = [run.locale] if generated else list(run.project.registry)
        translated = [loc for loc in available if generated or run.project.is_translated(loc.slug, src_uri)]
        context["hc_page"] = {
            "fallback": fallback,
            "draft": bool(state) and state.state in ("draft", "machine"),
            "outdated": bool(state) and state.state == "outdated",
            "changes_url": git.compare_url(config.extra["repository"], state.recorded["commit"],
                                           f"docs/{run.source.slug}/{src_uri}") if state and state.translated else None,
            "source_href": get_relative_url(f"{run.source.slug}/{page.url}", here),
            "menu": [
                {"locale": loc, "href": get_relative_url(f"{loc.slug}/{page.url}", here),
                 "current": loc == run.locale, "translated": loc in translated, "names": run.menu_names[loc.slug]}
                for loc in available
            ],
            "hreflang": [{"tag": loc.tag, "href": f"{run.site_root}{loc.slug}/{page.url}"} for loc in translated]
            + ([] if generated else [{"tag": "x-default", "href": f"{run.site_root}{run.source.slug}/{page.url}"}]),
        }
        if fallback:  # not a translation: search engines should index the English page
            page.canonical_url = f"{run.site_root}{run.source.slug}/{page.url}"
        if src_uri == HOME and not generated:
            context["hc_home"] = self._home(page, here)
        if generated and src_uri == dashboard.SRC_URI:
            context["hc_dashboard"] = dashboard.context(run.project, here, config.extra["repository"])
        self._reader_tools(context["hc_page"], page, config, fallback, generated)
        return context

    def on_post_page(self, output, page, config):
        source = None if page.file.generated_by else Path(page.file.abs_src_path)
        return self._finish(output, self._source_of(page.file), source, fallback=self.is_fallback(page.file))

    def on_post_template(self, output_content, template_name, config):
        if template_name.endswith(".html"):
            return self._finish(output_content, f"overrides/{template_name}", None, fallback=False)
        return output_content

    def on_post_build(self, config):
        run = self.run
        title = f"{config.site_name}: {run.strings.site['feed_title']}"
        Path(config.site_dir, FEED).write_bytes(
            feed.atom(title, f"{config.site_url}{FEED}", run.locale.tag, run.feed))
        if not self.config.shared_assets and run.locale.is_rtl:  # else the driver writes it once
            rtl_css.write(config.site_dir)

    def on_serve(self, server, config, builder):
        paths = self.run.project.paths
        for path in (paths.registry, paths.strings, paths.includes, paths.docs_for(self.run.source.slug)):
            server.watch(str(path))
        return server

    # Helpers -----------------------------------------------------------------

    def is_fallback(self, file) -> bool:
        return bool(getattr(file, "hc_fallback", False))

    def _source_of(self, file) -> str:
        if file.generated_by:
            return f"(generated) {file.src_uri}"
        return self.run.project.paths.relative(file.abs_src_path)

    def _markdown_for(self, config, language: Locale) -> None:
        """Markdown settings for text in `language`: its snippets first (then
        English, then the shared ones), its labels for links MkDocs adds."""
        run = self.run
        includes = run.project.paths.includes
        snippets = config.mdx_configs.setdefault("pymdownx.snippets", {})
        snippets["base_path"] = [str(includes / language.slug), str(includes / run.source.slug), str(includes)]
        snippets["restrict_base_path"] = True
        snippets["check_paths"] = True
        # Abbreviations get hover definitions in the page's language: a locale
        # without its own includes/<locale>/abbreviations.md shows none rather
        # than English ones.
        own = (includes / language.slug / ABBREVIATIONS).is_file() or language == run.source
        appended = [name for name in snippets.setdefault("auto_append", []) if name != ABBREVIATIONS]
        snippets["auto_append"] = ([ABBREVIATIONS] if own else []) + appended
        site = run.project.strings[language.slug].site
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = site["permalink_title"]
        config.mdx_configs.setdefault("footnotes", {})["BACKLINK_TITLE"] = site["footnote_backlink"].replace(
            "{number}", "%d")

    def _search_for(self, config, locale: Locale) -> None:
        """The search plugin's language settings for this locale (it would
        otherwise read them from the theme's language file, which leaves
        several languages with English stop words or no word splitting)."""
        search = config.plugins["material/search"].config
        language = locale.tag.split("-")[0].lower()
        stemmer = STEMMERS.get(language)
        search.lang = [stemmer or "en"]
        search.separator = r"[\s\-\u200b]+"
        # Languages lunr stems keep its trimmer, stop words and stemmer; the
        # rest get none of the English ones (they would cut off letters that
        # are not ASCII). Scripts written without spaces are split into words
        # in the reader's browser (assets/javascripts/workers/search-worker.js).
        search.pipeline = ["trimmer", "stopWordFilter", "stemmer"] if stemmer or language == "en" else []

    def _site_context(self) -> dict:
        run = self.run
        strings = run.strings
        return {
            "csp_placeholder": safety.PLACEHOLDER,
            "locale": run.locale,
            "source": run.source,
            "strings": strings.site,
            "untranslated": strings.untranslated,
            "theme_strings": strings.theme,
            "material_language": run.locale.theme or "en",
            "fallback_notice": strings.fill("fallback_notice", language=run.locale.name),
            "locales": run.project.registry.locales,
            "root_path": run.root_path,
            # The language menu outside the page tree (404.html): each home page.
            "home_menu": [
                {"locale": loc, "href": f"{run.root_path}{loc.slug}/", "current": loc == run.locale,
                 "translated": run.project.is_translated(loc.slug, "index.md"), "names": run.menu_names[loc.slug]}
                for loc in run.project.registry
            ],
        }

    def _home(self, page, here: str) -> dict:
        """The home page's blocks for overrides/home.html: the locale's words
        (English, marked so, where its home page has none yet), each link
        checked and made relative, and the page's own HTML split after its
        introduction (everything before the first `## ` section)."""
        from lxml import html as lxml_html

        run = self.run
        own = run.project.pages.get((run.locale.slug, HOME))
        english = run.project.pages[(run.source.slug, HOME)]
        block, source = (own.data["home"], own) if own and "home" in own.data else (english.data["home"], english)
        marked = source is english and run.locale != run.source and not self.is_fallback(page.file)

        def words(value: str) -> Markup:
            return in_language(value, run.source) if marked else Markup.escape(value)

        def href(link: str) -> str:
            target = page.file.src_uri and self._files.get_file_from_path(link)
            if target is None:
                raise InputError(f"{source.where}:{source.lines.get('home', 1)}: `home` links to {link}, "
                                 "which is not a page of the help center")
            return get_relative_url(f"{run.locale.slug}/{target.url}", here)

        result = {key: words(value) for key, value in block.items() if isinstance(value, str)}
        for key in ("sections", "tasks"):
            result[key] = [{**{k: words(v) for k, v in item.items() if k != "link"}, "href": href(item["link"])}
                           for item in block[key]]
        result["contact_href"] = href("resources/contact.md")
        parts = lxml_html.fragments_fromstring(page.content or "")
        cut = next((i for i, part in enumerate(parts) if getattr(part, "tag", None) == "h2"), len(parts))
        serialize = lambda items: Markup("".join(  # noqa: E731
            item if isinstance(item, str) else lxml_html.tostring(item, encoding="unicode") for item in items))
        result["intro"], result["rest"] = serialize(parts[:cut]), serialize(parts[cut:])
        return result

    def _text(self, key: str, **values) -> Markup:
        """An interface string, escaped; one the locale has not translated yet
        is marked as English (lang, and dir in a right-to-left locale)."""
        strings = self.run.strings
        text = strings.fill(key, **values)
        return in_language(text, self.run.source) if key in strings.untranslated else Markup.escape(text)

    def _reader_tools(self, context: dict, page, config, fallback: bool, generated: bool) -> None:
        """Last updated, share, edit and report links, and the page's feed entry."""
        run = self.run
        url = f"{config.site_url}{page.url}"
        origin = run.source if fallback else run.locale
        updated = None if generated else run.project.last_commit(origin.slug, page.file.src_uri)
        repository = config.extra["repository"]
        title, description = run.titles.get(page.file.src_uri, (str(page.title), ""))
        context.update(
            url=url,
            feed_href=get_relative_url(FEED, page.url),
            updated=updated and {"iso": updated.date().isoformat(), "text": _format_date(updated.date(), run.locale)},
            edit_url=None if generated else f"{repository}/edit/main/docs/{origin.slug}/{page.file.src_uri}",
            report_url=f"{repository}/issues/new?" + urlencode(
                {"template": "content-error.yml", "page": url, "locale": run.locale.slug,
                 "title": f"[Content] {title}"}),
        )
        run.feed.append({"title": title, "url": url, "summary": description, "updated": updated,
                         "lang": origin.tag})

    def _lastmod(self, file) -> str:
        if file.generated_by:
            return ""  # generated at build time: no commit to date it by
        date = self.run.project.last_commit(self.run.locale.slug, file.src_uri)
        return date.strftime("%Y-%m-%d") if date else ""

    def _finish(self, html: str, where: str, source: Path | None, fallback: bool) -> str:
        """lang/dir and the Content Security Policy; then the page must pass
        the safety check, or the build stops naming the source."""
        html = safety.fill(self._html_lang_dir(html, where), self.run.policy)
        found = safety.problems(html, self.run.theme_scripts, self.run.policy)
        if found:
            message, needle = found[0]
            language = self.run.source if fallback else self.run.locale
            raise InputError(f"{self._locate(needle, where, source, language)}: the page would contain {message}; "
                             "the site allows no scripts, frames, forms, inline styles or requests to other hosts "
                             "(see SECURITY.md)")
        return html

    def _locate(self, needle: str, where: str, source: Path | None, language: Locale) -> str:
        """`file:line` of the first line holding `needle` in the page's source or
        the snippets it may include; just `where` when none does."""
        paths = self.run.project.paths
        includes = paths.includes
        candidates = [source] if source else []
        candidates += sorted((includes / language.slug).glob("*.md")) + sorted((includes / self.run.source.slug).glob("*.md"))
        candidates += sorted(includes.glob("*.md"))
        for path in candidates:
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except OSError:
                continue
            for number, line in enumerate(lines, 1):
                if needle.lower() in line.lower():
                    return f"{paths.relative(path)}:{number}"
        return where

    def _html_lang_dir(self, html: str, where: str) -> str:
        """Material sets lang from its UI-strings file and dir on <body> only;
        put the locale's BCP 47 tag and direction on <html>."""
        locale = self.run.locale
        start = html.find("<html ")
        end = html.find(">", start)
        if start < 0 or 'class="no-js"' not in html[start:end]:
            raise InputError(f"{where}: rendered page has no <html class=\"no-js\"> tag to localise")
        return f'{html[:start]}<html lang="{locale.tag}" dir="{locale.dir}" class="no-js"{html[end:]}'


def _is_content(file, config) -> bool:
    return Path(file.src_dir).resolve() == Path(config.docs_dir).resolve() or bool(file.generated_by)


def _sections(items):
    for item in items:
        if isinstance(item, Section):
            yield item
            yield from _sections(item.children)


def _format_date(date, locale: Locale) -> str:
    """The date as the locale writes it (CLDR); ISO 8601 where CLDR has no data."""
    try:
        return format_date(date, format="long", locale=locale.cldr)
    except (UnknownLocaleError, ValueError):
        return date.isoformat()


def _shared_assets_url(url_filter, locale_path: str):
    """Point theme assets (assets/…) at the one copy at the site root."""

    @pass_context
    def url(context, value):
        result = url_filter(context, value)
        if not str(value).startswith("assets/"):
            return result
        if result.startswith(locale_path):  # absolute (404.html)
            return result.replace(locale_path, locale_path.rsplit("/", 2)[0] + "/", 1)
        return "../" + result

    return url
