"""Files at the site root: the language chooser, the root 404, the sitemap
index, robots.txt and /.well-known/security.txt."""

from __future__ import annotations

import datetime
import functools
import re
import shutil
from pathlib import Path
from xml.sax.saxutils import escape

import jinja2

from helpcenter import gitdates, locales
from helpcenter.errors import InputError
from helpcenter.locales import Locale

TEMPLATES = locales.THEME_OVERRIDES / "root"


def site_root_url() -> str:
    """site_url from mkdocs.yml: the address the root of the site is served at."""
    return _config().site_url


@functools.lru_cache(maxsize=1)
def _config():
    from mkdocs.config import load_config

    return load_config(str(locales.ROOT / "mkdocs.yml"))


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
    (site_dir / ".well-known").mkdir(exist_ok=True)
    (site_dir / ".well-known" / "security.txt").write_text(security_txt(base), encoding="utf-8")


# security.txt (RFC 9116) ------------------------------------------------------

LINKS = locales.ROOT / "includes" / "links.md"
SECURITY_TXT_VALID_FOR = datetime.timedelta(days=365)


def security_txt(base: str) -> str:
    """Where to report a vulnerability. The address is `[security-email]` in
    includes/links.md (every contact detail lives there); the policy is the
    repository's SECURITY.md; it expires a year after the build's epoch."""
    match = re.search(r"^\[security-email\]:\s*(mailto:\S+)", LINKS.read_text(encoding="utf-8"), re.M)
    if not match:
        raise InputError(f"{LINKS.relative_to(locales.ROOT)}: no `[security-email]: mailto:…` line "
                         "(the contact in /.well-known/security.txt)")
    epoch = datetime.datetime.fromtimestamp(gitdates.build_epoch(), tz=datetime.timezone.utc)
    expires = (epoch + SECURITY_TXT_VALID_FOR).strftime("%Y-%m-%dT%H:%M:%SZ")
    repository = str(_config().extra["repository"]).rstrip("/")
    return (
        f"Contact: {match.group(1)}\n"
        f"Expires: {expires}\n"
        f"Preferred-Languages: {locales.source().tag}\n"
        f"Canonical: {base}.well-known/security.txt\n"
        f"Policy: {repository}/blob/main/SECURITY.md\n"
    )
