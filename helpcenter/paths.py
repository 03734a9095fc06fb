"""Where everything is: one place for the project's paths.

The project root is the folder that holds mkdocs.yml and locales.yml. The CLI
finds it from the current directory (or a parent); the MkDocs plugin takes it
from the configuration file it was given. Nothing here depends on where the
package itself is installed."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from helpcenter.errors import InputError


@dataclasses.dataclass(frozen=True)
class Paths:
    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> "Paths":
        """The project that holds `start` (default: the current directory)."""
        here = Path(start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "mkdocs.yml").is_file() and (folder / "locales.yml").is_file():
                return cls(folder)
        raise InputError(f"{here}: not inside a help-center project (no mkdocs.yml beside a locales.yml)")

    @property
    def config(self) -> Path:  # the one MkDocs configuration
        return self.root / "mkdocs.yml"

    @property
    def registry(self) -> Path:  # the locales we publish
        return self.root / "locales.yml"

    @property
    def docs(self) -> Path:  # docs/<slug>/: the pages of each locale
        return self.root / "docs"

    @property
    def includes(self) -> Path:  # includes/<slug>/ and includes/*.md: snippets
        return self.root / "includes"

    @property
    def strings(self) -> Path:  # strings/<slug>.yml: interface text per locale
        return self.root / "strings"

    @property
    def termbase(self) -> Path:  # termbase/<slug>.yml: agreed terms
        return self.root / "termbase"

    @property
    def overrides(self) -> Path:  # the theme: templates and assets only
        return self.root / "overrides"

    @property
    def site(self) -> Path:  # the built site
        return self.root / "site"

    def docs_for(self, slug: str) -> Path:
        return self.docs / slug

    def strings_for(self, slug: str) -> Path:
        return self.strings / f"{slug}.yml"

    def relative(self, path: Path | str) -> str:
        """`path` as written in messages: relative to the root when inside it."""
        try:
            return Path(os.path.normpath(Path(path).absolute())).relative_to(self.root).as_posix()
        except ValueError:
            return str(path)
