"""Which files exist in which locale folder under docs/, and what may be there.

Allowed under docs/: Markdown pages and raster images whose bytes match their
extension; under includes/: Markdown only. Symbolic links, other file types
(HTML, SVG, scripts: they would be served outside the site's security policy)
and unusual file names are refused. Hidden files are skipped, as MkDocs does."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

from helpcenter.errors import InputError
from helpcenter.paths import Paths

IMAGES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
          ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",)}
NAME = re.compile(r"[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9]+)?")
MAX_DEPTH = 6
MAX_IMAGE_BYTES = 2 * 1024 * 1024


def walk(base: Path, paths: Paths, images: bool = True) -> list[str]:
    """Every allowed file under `base` (posix paths relative to it), or an
    error naming the first file that is not allowed."""
    found = []
    for folder, dirs, files in os.walk(base, followlinks=False):
        here = Path(folder)
        depth = len(here.relative_to(base).parts)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in dirs:
            _check_name(here / name, paths, folder=True)
            if (here / name).is_symlink():
                raise InputError(f"{paths.relative(here / name)}: is a symbolic link; commit the folder itself")
            if depth + 1 > MAX_DEPTH:
                raise InputError(f"{paths.relative(here / name)}: folders nest more than {MAX_DEPTH} deep")
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = here / name
            where = paths.relative(path)
            _check_name(path, paths)
            if path.is_symlink():
                raise InputError(f"{where}: is a symbolic link; commit the file itself")
            if not path.is_file():
                raise InputError(f"{where}: is not a regular file")
            suffix = path.suffix.lower()
            if suffix == ".md":
                pass
            elif images and suffix in IMAGES:
                _check_image(path, where, suffix)
            else:
                allowed = ".md and images (" + ", ".join(IMAGES) + ")" if images else ".md"
                raise InputError(f"{where}: file type not allowed here (allowed: {allowed}); "
                                 "HTML, SVG and scripts would bypass the site's security policy")
            found.append(path.relative_to(base).as_posix())
    return sorted(found)


def _check_name(path: Path, paths: Paths, folder: bool = False) -> None:
    if not NAME.fullmatch(path.name) or (folder and "." in path.name):
        raise InputError(f"{paths.relative(path)}: use lowercase letters, digits, `-` and `_` in file and "
                         "folder names")


def _check_image(path: Path, where: str, suffix: str) -> None:
    if path.stat().st_size > MAX_IMAGE_BYTES:
        raise InputError(f"{where}: image larger than {MAX_IMAGE_BYTES // 1024 // 1024} MiB; compress it")
    with path.open("rb") as stream:
        head = stream.read(12)
    if not any(head.startswith(magic) for magic in IMAGES[suffix]) or (suffix == ".webp" and head[8:12] != b"WEBP"):
        raise InputError(f"{where}: not a {suffix[1:].upper()} image (its bytes say otherwise)")


@dataclasses.dataclass(frozen=True)
class TranslationIndex:
    by_locale: dict[str, frozenset[str]]  # slug -> src_uris (posix, relative to docs/<slug>)

    @classmethod
    def scan(cls, paths: Paths, slugs: list[str]) -> "TranslationIndex":
        """Every registered locale's files; the folders and the registry must agree."""
        if not paths.docs.is_dir() or paths.docs.is_symlink():
            raise InputError("docs/: missing (or a symbolic link)")
        registered = set(slugs)
        for entry in sorted(paths.docs.iterdir()):
            if entry.name.startswith("."):
                continue
            if entry.is_symlink() or not entry.is_dir():
                raise InputError(f"{paths.relative(entry)}: only locale folders belong directly under docs/")
            if entry.name not in registered:
                raise InputError(f"docs/{entry.name}/: not a locale in locales.yml (add it, or move the folder)")
        by_locale = {}
        for slug in slugs:
            folder = paths.docs_for(slug)
            if slug == slugs[0] and not (folder / "index.md").is_file():
                raise InputError(f"docs/{slug}/index.md: the source locale needs a home page")
            by_locale[slug] = frozenset(walk(folder, paths)) if folder.is_dir() else frozenset()
        return cls(by_locale)

    def files(self, slug: str) -> list[str]:
        return sorted(self.by_locale.get(slug, ()))

    def pages(self, slug: str) -> list[str]:
        return [uri for uri in self.files(slug) if uri.endswith(".md")]

    def has(self, slug: str, src_uri: str) -> bool:
        return src_uri in self.by_locale.get(slug, ())
