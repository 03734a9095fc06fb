"""The Content Security Policy of every page: our origin only, inline
scripts by hash, no plugins, no inline event handlers.

Static hosting (GitHub Pages) sets no headers, so the policy is a <meta> tag.
Templates write PLACEHOLDER; fill() replaces it with the policy for the
finished page, hashing each inline script exactly as it was rendered."""

from __future__ import annotations

import base64
import hashlib

from lxml import html as lxml_html

from helpcenter.errors import InputError

PLACEHOLDER = "__HELPCENTER_CSP__"
SCRIPT_TYPES = {None, "", "text/javascript", "module", "application/javascript"}


def policy(script_hashes: list[str]) -> str:
    scripts = " ".join(f"'sha256-{h}'" for h in script_hashes)
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' {scripts}".strip(),
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def inline_script_hashes(page: str) -> list[str]:
    hashes = []
    for script in lxml_html.fromstring(page).iter("script"):
        if script.get("src") is None and script.get("type") in SCRIPT_TYPES and script.text:
            digest = hashlib.sha256(script.text.encode("utf-8")).digest()
            hashes.append(base64.b64encode(digest).decode("ascii"))
    return sorted(set(hashes))


def fill(page: str) -> str:
    if page.count(PLACEHOLDER) != 1:
        raise InputError("a rendered page must hold exactly one Content Security Policy placeholder")
    return page.replace(PLACEHOLDER, policy(inline_script_hashes(page)))
