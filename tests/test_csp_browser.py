"""The Content Security Policy is a backstop: if script ever got into a built
page (past every check of the build), Chromium would not run it. Each page
type is copied from site/ with hostile markup added, served on 127.0.0.1,
and opened; the payloads must all be blocked and reported as violations."""

from __future__ import annotations

import os

import pytest

from helpcenter.maintain.serve_static import serve
from tests.conftest import BUILT, SITE, SOURCE, built

OTHER = (built(lambda loc: loc != SOURCE and not loc.full) or built(lambda loc: loc != SOURCE) or SOURCE).slug
RTL = (built(lambda loc: loc.is_rtl) or SOURCE).slug
PAGES = {
    "home": f"{BUILT[-1].slug}/index.html",
    "article": f"{SOURCE.slug}/your-rights/appeals/index.html",
    "fallback": f"{OTHER}/commitments/index.html",
    "rtl": f"{RTL}/commitments/index.html",
    "404": f"{RTL}/404.html",
    "dashboard": "en/translations/index.html",
    "language chooser": "index.html",
}
PAYLOAD = """
<script>window.__pwned = "inline script"</script>
<img src="/no-such.png" onerror="window.__pwned = 'event handler'">
<script src="data:text/javascript,window.__pwned='data: script'"></script>
<iframe srcdoc="<script>parent.__pwned='frame'</script>"></iframe>
<a id="hc-evil" href="javascript:window.__pwned='javascript: link'">x</a>
<object data="data:text/html,<script>parent.__pwned='object'</script>"></object>
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, site):
    root = tmp_path_factory.mktemp("hostile")
    for name in ("assets",):
        os.symlink(SITE / name, root / name)
    for path in PAGES.values():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        html = (SITE / path).read_text(encoding="utf-8")
        target.write_text(html.replace("</body>", PAYLOAD + "</body>"), encoding="utf-8")
        for folder in ("search",):  # what the page asks for when searching
            source = SITE / path.split("/")[0] / folder
            if "/" in path and source.is_dir() and not (root / path.split("/")[0] / folder).exists():
                os.symlink(source, root / path.split("/")[0] / folder)
    with serve(root) as base:
        yield base


@pytest.mark.parametrize("kind", PAGES)
def test_injected_script_cannot_run_on_any_page_type(browser, hostile_site, kind):
    context = browser.new_context()
    tab = context.new_page()
    if kind == "language chooser":  # its script sends the reader on to a locale: stay and look
        tab.route("**/choose-locale.js", lambda route: route.abort())
    tab.add_init_script("window.__violations = []; document.addEventListener('securitypolicyviolation',"
                        " e => window.__violations.push(e.violatedDirective));")
    tab.goto(f"{hostile_site}/{PAGES[kind]}")
    tab.wait_for_load_state("networkidle")
    tab.locator("#hc-evil").click(force=True)
    tab.wait_for_timeout(300)
    assert tab.evaluate("window.__pwned") is None
    violations = set(tab.evaluate("window.__violations"))
    assert {"script-src-elem", "script-src-attr"} <= violations, violations
    assert {"frame-src", "object-src"} & violations or not tab.locator("iframe").count()
    context.close()


def test_the_policy_allows_no_inline_script_but_the_themes():
    from helpcenter.build import safety

    policy = next(m.get("content") for m in _metas(f"{SOURCE.slug}/index.html"))
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "object-src 'none'" in policy and "base-uri 'none'" in policy and "frame-src 'none'" in policy
    chooser = next(m.get("content") for m in _metas("index.html"))
    assert chooser == safety.policy()  # the language chooser: our files only


def _metas(path):
    from tests.conftest import page

    return page(path).xpath('//meta[@http-equiv="Content-Security-Policy"]')
