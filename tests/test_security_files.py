"""Files for machines at the site root: /.well-known/security.txt (RFC 9116)
and robots.txt, checked in the built site (site/)."""

from __future__ import annotations

import datetime
import os
import re
import subprocess

import pytest
import yaml
from lxml import etree

from helpcenter.build import rootfiles
from tests.conftest import BASE, LOCALES, PATHS
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def fields(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, sep, value = line.partition(": ")
            assert sep and re.fullmatch(r"[A-Za-z-]+", name), f"not a `Field: value` line: {line!r}"
            found.setdefault(name.lower(), []).append(value)
    return found


def test_security_txt_follows_rfc_9116(site):
    text = (site / ".well-known" / "security.txt").read_text(encoding="utf-8")
    data = fields(text)
    # RFC 9116 requires Contact and Expires; we publish each of our five fields once.
    assert set(data) == {"contact", "expires", "preferred-languages", "canonical", "policy"}
    assert all(len(values) == 1 for values in data.values()), data
    links = (PATHS.root / "includes" / "links.md").read_text(encoding="utf-8")
    assert f"[security-email]: {data['contact'][0]}" in links  # the one place contacts live
    assert data["contact"][0].startswith("mailto:")
    assert data["preferred-languages"] == ["en"]
    assert data["canonical"] == [f"{BASE}.well-known/security.txt"]
    assert BASE.startswith("https://")


def test_security_txt_policy_is_the_repository_security_md(site):
    policy = fields((site / ".well-known" / "security.txt").read_text(encoding="utf-8"))["policy"][0]
    from mkdocs.utils.yaml import yaml_load

    config = yaml_load((PATHS.root / "mkdocs.yml").read_text(encoding="utf-8"))
    assert policy == config["extra"]["repository"].rstrip("/") + "/blob/main/SECURITY.md"
    assert policy.startswith("https://") and (PATHS.root / "SECURITY.md").is_file()


def test_security_txt_expires_a_year_after_the_commit_not_the_build(site):
    expires = fields((site / ".well-known" / "security.txt").read_text(encoding="utf-8"))["expires"][0]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", expires), expires  # RFC 3339, UTC
    when = datetime.datetime.fromisoformat(expires.replace("Z", "+00:00"))
    built_at = str(int((when - rootfiles.SECURITY_TXT_VALID_FOR).timestamp()))
    # site/ may have been built a commit or two ago: any commit's time will do, or SOURCE_DATE_EPOCH.
    commits = subprocess.run(["git", "log", "--format=%ct"], cwd=PATHS.root,
                             capture_output=True, text=True, check=True).stdout.split()
    assert built_at in commits or built_at == os.environ.get("SOURCE_DATE_EPOCH"), expires
    assert rootfiles.SECURITY_TXT_VALID_FOR == datetime.timedelta(days=365)
    assert when > datetime.datetime.now(datetime.timezone.utc), "expired: build from a newer commit"


def test_robots_txt_allows_all_and_points_at_the_sitemap_index(site):
    lines = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines and "Disallow: /" not in lines
    assert [line for line in lines if line.startswith("Sitemap:")] == [f"Sitemap: {BASE}sitemap.xml"]
    index = etree.parse(str(site / "sitemap.xml")).getroot()
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    built = [loc for loc in LOCALES if (site / loc.slug).is_dir()]
    assert index.xpath("s:sitemap/s:loc/text()", namespaces=SITEMAP_NS) == [
        f"{BASE}{loc.slug}/sitemap.xml" for loc in built
    ]
    for loc in built:
        assert etree.parse(str(site / loc.slug / "sitemap.xml")).getroot().tag.endswith("urlset")


def test_the_pages_upload_keeps_well_known():
    workflow = yaml.safe_load((PATHS.root / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    uploads = [step for job in workflow["jobs"].values() for step in job.get("steps", [])
               if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert uploads, "deploy.yml no longer uploads with actions/upload-pages-artifact: check .well-known"
    assert all(step.get("with", {}).get("include-hidden-files") is True for step in uploads)
