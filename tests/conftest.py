"""Fixtures: the project, the built site (site/), parsed pages, a local
server, Chromium, and `tree`: a copy of the project's sources to break."""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from helpcenter.maintain.serve_static import serve
from helpcenter.paths import Paths
from helpcenter.project import Project

PATHS = Paths.find(Path(__file__).parent)
PROJECT = Project.load(PATHS)
LOCALES = PROJECT.registry.locales
SOURCE = PROJECT.source
SITE = PATHS.site
BASE = Project.site_url(PATHS)  # site_url in mkdocs.yml: the root every locale is under
# The locales built into site/: every one after `make test`; fewer when CI
# builds only the locales a pull request touches (`make test LOCALE="en es"`).
BUILT = [loc for loc in LOCALES if (SITE / loc.slug / "index.html").is_file()] or list(LOCALES)


def built(predicate=lambda loc: True, exclude=()):
    """The first built locale that fits `predicate`, or None."""
    return next((loc for loc in BUILT if predicate(loc) and loc.slug not in exclude), None)


@pytest.fixture(scope="session")
def site() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run `make test` (or `make build` first)")
    return SITE


@functools.lru_cache(maxsize=4096)
def page(path: str, root: Path = SITE):
    """The built page at `path` (relative to the site), parsed with lxml."""
    file = root / path
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return lxml_html.fromstring(file.read_bytes())


def html_files(root: Path = SITE):
    return sorted(root.rglob("*.html"))


def search_index(slug: str) -> dict:
    return json.loads((SITE / slug / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def server(site):
    with serve(site) as base:
        yield base


def chromium_args() -> list[str]:
    return ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from helpcenter.maintain.browser import find

    executable = find()
    if executable is None:
        pytest.fail("no Chromium: run `make browser` (make test does this)")
    with sync_playwright() as p:
        chrome = p.chromium.launch(executable_path=executable, args=chromium_args())
        yield chrome
        chrome.close()


@pytest.fixture
def new_page(browser, server):
    """A fresh page (own context) that records every request it makes."""
    contexts = []

    def make(locale: str = "en-US", **options):
        context = browser.new_context(locale=locale, **options)
        contexts.append(context)
        tab = context.new_page()
        tab.requests = []
        tab.on("request", lambda request: tab.requests.append(request.url))
        return tab

    yield make
    for context in contexts:
        context.close()


# A copy of the project to break ------------------------------------------------

COPIED = ("docs", "includes", "strings", "overrides", "termbase", "locales.yml", "mkdocs.yml", ".github")


class Tree:
    """A copy of the project's sources in a temporary folder; `run` runs our
    command line there, in this process (it forks its build workers)."""

    def __init__(self, path: Path):
        self.path = path
        for name in COPIED:
            source = PATHS.root / name
            if source.is_dir():
                shutil.copytree(source, path / name, symlinks=True)
            else:
                shutil.copy(source, path / name)
        self.paths = Paths(path)

    def __truediv__(self, other) -> Path:
        return self.path / other

    def run(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
        """`helpcenter *args` in the tree: exit code and output, as a shell would see them."""
        from helpcenter.cli import main

        out, err = io.StringIO(), io.StringIO()
        cwd = os.getcwd()
        os.chdir(self.path)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _captured_fd2() as fd2:
                code = main(list(args))
        finally:
            os.chdir(cwd)
        result = subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue() + fd2.read())
        if ok:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    def run_process(self, *args: str, ok: bool = True, **env: str) -> subprocess.CompletedProcess:
        """The same in a new process (to check exit codes and tracebacks end to end)."""
        result = subprocess.run([sys.executable, "-m", "helpcenter", *args], cwd=self.path, capture_output=True,
                                text=True, env={"PATH": os.environ["PATH"], "HOME": str(self.path), **env})
        if ok:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    def edit(self, path: str, old: str, new: str) -> None:
        file = self.path / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    def write(self, path: str, text: str) -> None:
        (self.path / path).parent.mkdir(parents=True, exist_ok=True)
        (self.path / path).write_text(text, encoding="utf-8")

    def commit(self, message: str = "change") -> str:
        """Commit everything (a git repository is made on first use); returns the commit id."""
        git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"]
        if not (self.path / ".git").exists():
            subprocess.run(["git", "init", "-q"], cwd=self.path, check=True)
        subprocess.run([*git, "add", "-A"], cwd=self.path, check=True)
        subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", message], cwd=self.path, check=True)
        return subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=self.path, capture_output=True,
                              text=True, check=True).stdout.strip()

    def html(self, path: str):
        file = self.path / "site" / path
        return lxml_html.fromstring((file / "index.html" if file.is_dir() else file).read_bytes())


@contextlib.contextmanager
def _captured_fd2():
    """What forked workers write to file descriptor 2 (their log lines)."""
    import tempfile

    with tempfile.TemporaryFile(mode="w+b") as capture:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(capture.fileno(), 2)
        reader = io.StringIO()
        try:
            yield reader
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            capture.seek(0)
            reader.write(capture.read().decode("utf-8", errors="replace"))
            reader.seek(0)


@pytest.fixture
def tree(tmp_path) -> Tree:
    return Tree(tmp_path / "project")


# A small project to break: the real theme, configuration and interface text,
# with a registry of its own (English; Spanish, full, with a translated home
# page; Arabic, right to left, partial) and a few pages of our own, so each
# build takes a moment.

MINI_REGISTRY = "locales:\n  - {slug: en, full: true}\n  - {slug: es, full: true}\n  - {slug: ar}\n"
MINI_PAGE = "docs/en/commitments/page.md"
EN = ("We explain how our service protects your rights. You can ask us for a copy of your data, appeal a "
      "decision about your content, and report illegal content. Every answer here is written in plain "
      "language, and we update it when the law changes.")
ES = ("Explicamos cómo nuestro servicio protege tus derechos. Puedes pedirnos una copia de tus datos, reclamar "
      "contra una decisión sobre tu contenido y denunciar contenido ilícito. Cada respuesta está escrita en un "
      "lenguaje sencillo, y la actualizamos cuando cambia la ley.")
HOME_EN = f"""# Home

Welcome. Read [the page](commitments/page.md) or [our commitments](commitments/index.md).

{EN}

## What can you do here?

{EN} We explain each decision within 30 days.[^dsa]

| Right | Where |
| --- | --- |
| Appeal a decision | [Appeals](commitments/page.md) |

{EN}

{EN}

[^dsa]: Regulation (EU) 2022/2065 (Digital Services Act), Article 17.
"""
HOME_ES = f"""# Inicio {{#home}}

Te damos la bienvenida. Lee [la página](commitments/page.md) o [nuestros compromisos](commitments/index.md).

{ES}

## ¿Qué puedes hacer aquí? {{#what-can-you-do-here}}

{ES} Explicamos cada decisión en un plazo de 30 días.[^dsa]

| Derecho | Dónde |
| --- | --- |
| Reclamar contra una decisión | [Reclamaciones](commitments/page.md) |

{ES}

{ES}

[^dsa]: Reglamento (UE) 2022/2065 (Reglamento de Servicios Digitales), artículo 17.
"""
MINI_HOME_EN = """home:
  search: Search the help center
  sections:
    - {link: commitments/index.md, title: Our commitments, summary: What we promise.}
  tasks_title: Tasks
  tasks:
    - {link: commitments/page.md, title: Read the page}
  contact_title: Still need help?
  contact: Ask us.
  contact_link: Contact us
"""
MINI_HOME_ES = {"search": "Buscar en el centro de ayuda",
                "sections": [{"link": "commitments/index.md", "title": "Nuestros compromisos",
                              "summary": "Lo que prometemos."}],
                "tasks_title": "Tareas", "tasks": [{"link": "commitments/page.md", "title": "Leer la página"}],
                "contact_title": "¿Necesitas más ayuda?", "contact": "Pregúntanos.", "contact_link": "Contacto"}
MINI_PAGES = {  # English: (title, description, body)
    "index.md": ("Home", "The home page of a small help center that the tests break in every way they can "
                 "think of, one hostile or broken input at a time.", HOME_EN),
    "commitments/index.md": ("Our commitments", "What we promise to the people who use our service, in a few "
                             "short paragraphs of plain text that the tests can change freely.",
                             f"# Our commitments\n\nWe keep our promises. See [the page](page.md#a-section).\n\n"
                             f"{EN}\n\n{EN}\n\n{EN}\n\n{EN}\n"),
    "resources/contact.md": ("Contact us", "How to reach the people behind this small help center, and which "
                             "of our channels answers which kind of question the fastest.",
                             f"# Contact us\n\nWrite to us.\n\n{EN}\n\n{EN}\n\n{EN}\n\n{EN}\n"),
    "commitments/page.md": ("A page", "A page that the bad-input tests change, one hostile or broken input at a "
                            "time, to see that each of them ends in one clear line.",
                            f"# A page\n\nSome text.\n\n## A section\n\n{EN}\n\n{EN}\n\n{EN}\n\n{EN}\n"),
}


class MiniTree(Tree):
    def __init__(self, path: Path):
        from helpcenter import frontmatter, safeyaml, translations

        self.path = path
        for name in ("overrides", ".github"):
            shutil.copytree(PATHS.root / name, path / name)
        shutil.copytree(PATHS.root / "includes", path / "includes",  # English and shared snippets only
                        ignore=lambda folder, names: [n for n in names if folder == str(PATHS.includes) and
                                                      n not in ("en", "links.md")])
        if (PATHS.root / "node_modules").is_dir():  # the spelling dictionaries
            os.symlink(PATHS.root / "node_modules", path / "node_modules")
        (path / "strings").mkdir()
        (path / "termbase").mkdir()
        for slug in ("en", "es", "ar"):  # the project's own interface text and termbase where it has them
            for folder in ("strings", "termbase"):
                source = PATHS.root / folder / f"{slug}.yml"
                if source.is_file() and folder == "termbase":  # without the words the real pages need
                    terms = safeyaml.load_file(source, f"{folder}/{slug}.yml")
                    terms.pop("spelling", None)
                    (path / folder / f"{slug}.yml").write_text(safeyaml.dump(terms), encoding="utf-8")
                elif source.is_file():
                    shutil.copy(source, path / folder)
                elif folder == "strings":
                    (path / folder / f"{slug}.yml").write_text("{}\n", encoding="utf-8")
        (path / "locales.yml").write_text(MINI_REGISTRY, encoding="utf-8")
        config = PATHS.config.read_text(encoding="utf-8")
        nav = ("nav:\n  - index.md\n  - Our commitments:\n      - commitments/index.md\n"
               "      - commitments/page.md\n  - Resources:\n      - resources/contact.md\n")
        (path / "mkdocs.yml").write_text(config[: config.index("\nnav:") + 1] + nav, encoding="utf-8")
        for uri, (title, description, body) in MINI_PAGES.items():
            extra = MINI_HOME_EN if uri == "index.md" else ""
            self.write(f"docs/en/{uri}", f"---\ntitle: {title}\ndescription: {description}\n{extra}---\n\n{body}")
        home = frontmatter.read(path / "docs/en/index.md", "docs/en/index.md")
        block = {"source": translations.source_hash(home), "commit": "0123456789ab", "status": "draft"}
        data = {"title": "Inicio", "description": "La página de inicio de un pequeño centro de ayuda.",
                "translation": block, "home": MINI_HOME_ES}
        self.write("docs/es/index.md", f"---\n{safeyaml.dump(data)}---\n\n{HOME_ES}")
        self.write("includes/es/abbreviations.md", "*[UE]: Unión Europea\n")
        self.paths = Paths(path)


@pytest.fixture
def mini(tmp_path) -> MiniTree:
    return MiniTree(tmp_path / "mini")
