"""What a built page may contain, checked on the rendered HTML with a real
parser, and the Content Security Policy that backs the check up.

The policy allows our own files and, inline, only the scripts of the
theme's own templates: their hashes are computed from those templates
(`theme_script_hashes`), never from a page, so a script that reached a page
any other way is blocked by the browser. Before that, the build refuses it:
`problems()` lists, for one page, every inline script that is not the
theme's, event-handler attribute, javascript:/vbscript:/data: URL, plain
http: link, request to another host, <meta http-equiv> other than our
policy, <base>, <iframe>, <frame>, <object>, <embed>, <form> other than the
theme's own (search, light/dark switch), <style> and style attribute."""

from __future__ import annotations

import base64
import hashlib
import re

from lxml import etree
from lxml import html as lxml_html

PLACEHOLDER = "__HELPCENTER_CSP__"
SCRIPT_TYPES = {None, "", "text/javascript", "application/javascript", "module"}
# Material's inline scripts live in these partials (partials/javascripts/*).
THEME_SCRIPTS = ("partials/javascripts/base.html", "partials/javascripts/palette.html",
                 "partials/javascripts/content.html")
# The theme's own forms (search, light/dark switch, the home page's search field),
# which send nothing anywhere.
THEME_FORMS = {("md-search__form", "name", "search"), ("md-header__option", "data-md-component", "palette"),
               ("hc-home__search", "role", "search")}
FORBIDDEN_TAGS = {"base", "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "style"}
URL_SCHEMES = re.compile(r"^(?:javascript|vbscript|data):", re.I)
LOADS = {"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc"}  # attributes that fetch
LINK_LOADS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "dns-prefetch", "preconnect",
              "manifest", "import", "apple-touch-icon", "mask-icon"}  # <link rel=…> that fetch
ELSEWHERE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f]+")


def script_hash(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def theme_script_hashes(env, context: dict) -> frozenset[str]:
    """Hashes of the inline scripts the theme's templates write, rendered
    with the site's settings (`context`: config, features, base_url)."""
    hashes = set()
    for name in THEME_SCRIPTS:
        rendered = env.get_template(name).render(**context)
        for script in lxml_html.fragments_fromstring(rendered):
            if not isinstance(script, str) and script.tag == "script" and script.text:
                hashes.add(script_hash(script.text))
    return frozenset(hashes)


def policy(script_hashes: frozenset[str] = frozenset()) -> str:
    scripts = " ".join(f"'sha256-{h}'" for h in sorted(script_hashes))
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' {scripts}".strip(),
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ])


def fill(page: str, the_policy: str) -> str:
    """Write the policy into the page's placeholder (exactly one)."""
    if page.count(PLACEHOLDER) != 1:
        raise ValueError("a rendered page must hold exactly one Content Security Policy placeholder")
    return page.replace(PLACEHOLDER, the_policy)


def problems(page: str, allowed_scripts: frozenset[str], the_policy: str) -> list[tuple[str, str]]:
    """What `page` holds that it may not: (message, text to look for in the source)."""
    found: list[tuple[str, str]] = []
    root = lxml_html.fromstring(page)
    theme_forms: set = set()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        tag = element.tag.rpartition("}")[2].lower()
        if tag == "script":
            kind = (element.get("type") or "").strip().lower()
            if element.get("src") is None and kind in SCRIPT_TYPES:
                if script_hash(element.text or "") not in allowed_scripts:
                    found.append(("an inline <script> that is not the theme's", "<script"))
        elif tag in FORBIDDEN_TAGS:
            found.append((f"a <{tag}> element", f"<{tag}"))
        elif tag == "meta" and element.get("http-equiv") is not None:
            ours = element.get("http-equiv").lower() == "content-security-policy" and element.get("content") == the_policy
            if not ours:
                found.append((f'<meta http-equiv="{element.get("http-equiv")}">', "http-equiv"))
        elif tag == "form":
            signature = next((s for s in THEME_FORMS if element.get("class") == s[0] and element.get(s[1]) == s[2]
                              and not {"action", "method", "target"} & set(element.attrib)), None)
            if signature is None or signature in theme_forms:
                found.append(("a <form> element", "<form"))
            theme_forms.add(signature)
        for name, value in element.items():
            name = name.rpartition("}")[2].lower()
            if name.startswith("on"):
                found.append((f"an event-handler attribute `{name}`", name))
                continue
            if name == "style":
                found.append(("a style attribute (the site's policy allows no inline styles)", "style="))
                continue
            if ":" not in value and "/" not in value:
                continue  # no scheme, no other host: nothing more to check
            urls = [part.split()[0] for part in value.split(",") if part.split()] if name == "srcset" else [value]
            for url in (_SPACE.sub("", url) for url in urls):
                if URL_SCHEMES.match(url):
                    scheme = url.split(":")[0].lower()
                    found.append((f"a `{scheme}:` URL in `{name}`", url.split(":")[0] + ":"))
                elif ELSEWHERE.match(url) and (name in LOADS or (tag == "link" and name == "href" and set(
                        (element.get("rel") or "").lower().split()) & LINK_LOADS)):
                    found.append((f"a request to another host: <{tag} {name}=\"{value}\">", value))
                elif name in ("href", "src", "action", "formaction") and url.lower().startswith("http:"):
                    found.append((f"a plain-HTTP link `{value}`: use https://", value))
    return found
