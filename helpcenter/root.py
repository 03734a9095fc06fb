"""Files at the site root: the language chooser, the root 404, the sitemap
index and robots.txt."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.sax.saxutils import escape

import jinja2

from helpcenter import locales
from helpcenter.locales import Locale

TEMPLATES = locales.THEME_OVERRIDES / "root"


def site_root_url() -> str:
    """site_url from mkdocs.yml: the address the root of the site is served at."""
    from mkdocs.config import load_config

    return load_config(str(locales.ROOT / "mkdocs.yml")).site_url


def write(site_dir: Path, built: list[Locale]) -> None:
    base = site_root_url()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True
    )
    stylesheet = min(p.relative_to(site_dir).as_posix() for p in site_dir.glob("assets/stylesheets/main.*.min.css"))
    html = env.get_template("index.html").render(
        locales=built, source=locales.source(), stylesheet=stylesheet
    )
    (site_dir / "index.html").write_text(html, encoding="utf-8")
    # The root 404 is the source locale's: its links are absolute paths.
    first = built[0] if locales.source() not in built else locales.source()
    shutil.copyfile(site_dir / first.slug / "404.html", site_dir / "404.html")
    sitemaps = "".join(
        f"  <sitemap><loc>{escape(base + loc.slug)}/sitemap.xml</loc></sitemap>\n" for loc in built
    )
    (site_dir / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{sitemaps}</sitemapindex>\n",
        encoding="utf-8",
    )
    (site_dir / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n", encoding="utf-8"
    )
