"""Files at the site root, written once after every locale is built: the
theme's assets, the language chooser, the root 404, the sitemap index,
robots.txt and /.well-known/security.txt."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path
from xml.sax.saxutils import escape

import jinja2

from helpcenter.build import rtl_css, safety
from helpcenter.errors import InputError
from helpcenter.locales import Locale
from helpcenter.project import Project

SECURITY_TXT_VALID_FOR = datetime.timedelta(days=365)


def write_theme_assets(config, site_dir: Path) -> None:
    """Copy the theme's static files (Material's and overrides/assets) once."""
    from mkdocs.structure.files import Files

    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    for file in files:
        if not file.src_uri.startswith("assets/"):
            continue  # templates and the like are not for readers
        target = site_dir / file.dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file.abs_src_path, target)
    rtl_css.write(site_dir)


def write(project: Project, config, site_dir: Path, built: list[Locale]) -> None:
    base = config.site_url
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(project.paths.overrides / "root"),
                             autoescape=True, keep_trailing_newline=True)
    stylesheet = min(p.relative_to(site_dir).as_posix() for p in site_dir.glob("assets/stylesheets/main.*.min.css"))
    policy = safety.policy()  # the chooser has no inline script
    html = env.get_template("index.html").render(locales=built, source=project.source, stylesheet=stylesheet,
                                                 policy=policy)
    _write_checked(site_dir / "index.html", html, "overrides/root/index.html", policy)
    root_path = "/" + base.split("://", 1)[-1].partition("/")[2]
    # The locale's 404 page is written into this document: it keeps this
    # document's policy, which must therefore allow the theme's scripts.
    theme_scripts = safety.theme_script_hashes(
        config.theme.get_env(), {"config": config, "features": config.theme.get("features") or [], "base_url": root_path})
    not_found = env.get_template("404.html").render(
        locales=built, source=project.source, stylesheet=stylesheet, policy=safety.policy(theme_scripts),
        root_path=root_path, strings=project.strings[project.source.slug].site)
    _write_checked(site_dir / "404.html", not_found, "overrides/root/404.html", safety.policy(theme_scripts))
    sitemaps = "".join(f"  <sitemap><loc>{escape(base + loc.slug)}/sitemap.xml</loc></sitemap>\n" for loc in built)
    (site_dir / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{sitemaps}</sitemapindex>\n", encoding="utf-8")
    (site_dir / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n", encoding="utf-8")
    (site_dir / ".well-known").mkdir(exist_ok=True)
    (site_dir / ".well-known" / "security.txt").write_text(
        security_txt(project, base, str(config.extra["repository"])), encoding="utf-8")


def _write_checked(path: Path, html: str, template: str, policy: str) -> None:
    found = safety.problems(html, frozenset(), policy)
    if found:
        raise InputError(f"{template}: the page would contain {found[0][0]}")
    path.write_text(html, encoding="utf-8")


def security_txt(project: Project, base: str, repository: str) -> str:
    """Where to report a vulnerability (RFC 9116). The address is
    `[security-email]` in includes/links.md (every contact detail lives
    there); the policy is the repository's SECURITY.md; it expires a year
    after the build's epoch."""
    links = project.paths.includes / "links.md"
    match = re.search(r"^\[security-email\]:\s*(mailto:\S+)", links.read_text(encoding="utf-8"), re.M)
    if not match:
        raise InputError("includes/links.md: no `[security-email]: mailto:…` line "
                         "(the contact in /.well-known/security.txt)")
    epoch = datetime.datetime.fromtimestamp(project.dates.epoch, tz=datetime.timezone.utc)
    expires = (epoch + SECURITY_TXT_VALID_FOR).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"Contact: {match.group(1)}\n"
        f"Expires: {expires}\n"
        f"Preferred-Languages: {project.source.tag}\n"
        f"Canonical: {base}.well-known/security.txt\n"
        f"Policy: {repository.rstrip('/')}/blob/main/SECURITY.md\n"
    )
