"""Translation metadata and state: which English version a page translates,
and whether a person has reviewed it.

A translated page's front matter:

    translation:
      source: 3f2a9c1b5e7d4a60   # hash of the English text it translates (title, description, body)
      commit: 7bfdde5            # the English commit it was made from: `helpcenter diff` starts there
      status: draft              # draft (a person's, unreviewed), machine (machine-drafted) or reviewed
      reviewed_by: Name          # with status: reviewed
      reviewed_on: 2026-11-25    # with status: reviewed
      notes:                     # optional: passages a reviewer should check first
        - "Second paragraph: the legal term for X."

A page is *outdated* when the English text no longer has the recorded hash."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import re

from helpcenter.errors import InputError
from helpcenter.frontmatter import FrontMatter

STATUSES = ("draft", "machine", "reviewed")
STATES = ("reviewed", "draft", "machine", "outdated", "missing")
FIELDS = {"source", "commit", "status", "reviewed_by", "reviewed_on", "kept_review", "notes"}
_HASH = re.compile(r"[0-9a-f]{16}")
_COMMIT = re.compile(r"[0-9a-f]{7,40}")


def source_hash(page: FrontMatter) -> str:
    """Hash of what a translator translates: title, description, the home
    page's blocks and the body, with runs of white space folded, so
    re-wrapping a paragraph changes nothing."""
    parts = [str(page.data.get("title", "")), str(page.data.get("description", "")), page.body]
    if "home" in page.data:
        import json

        parts.insert(2, json.dumps(page.data["home"], sort_keys=True, ensure_ascii=False))
    normalised = "\n".join(" ".join(part.split()) for part in parts)
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclasses.dataclass(frozen=True)
class PageState:
    locale: str
    src_uri: str
    state: str  # one of STATES
    recorded: dict  # the translation block (empty when missing)

    @property
    def translated(self) -> bool:
        return self.state != "missing"


def metadata(page: FrontMatter) -> dict:
    """The checked `translation` block of a translated page."""
    at = f"{page.where}:{page.lines.get('translation', 1)}"
    block = page.data.get("translation")
    if not isinstance(block, dict):
        raise InputError(f"{page.where}:1: a translation needs a `translation:` block with `source`, "
                         "`commit` and `status` (`python -m helpcenter start` writes it)")
    unknown = sorted(set(map(str, block)) - FIELDS)
    if unknown:
        raise InputError(f"{at}: unknown translation field(s) {', '.join(unknown)}")
    if block.get("status") not in STATUSES:
        raise InputError(f"{at}: translation status must be one of {', '.join(STATUSES)}")
    if not _HASH.fullmatch(str(block.get("source", ""))):
        raise InputError(f"{at}: translation source must be the 16-character hash of the English page "
                         "(`python -m helpcenter refresh` sets it)")
    if not _COMMIT.fullmatch(str(block.get("commit", ""))):
        raise InputError(f"{at}: translation commit must be the id of the English commit it translates "
                         "(7 to 40 hex digits; `python -m helpcenter refresh` records it)")
    reviewed_on = block.get("reviewed_on")
    if reviewed_on is not None and not isinstance(reviewed_on, datetime.date):
        raise InputError(f"{at}: reviewed_on must be a date (YYYY-MM-DD)")
    if block["status"] == "reviewed" and not (block.get("reviewed_by") and reviewed_on):
        raise InputError(f"{at}: a reviewed page records `reviewed_by` and `reviewed_on` "
                         "(`python -m helpcenter review` writes them)")
    for key in ("reviewed_by", "kept_review"):
        if key in block and not (isinstance(block[key], str) and block[key].strip()):
            raise InputError(f"{at}: `{key}` must be text")
    notes = block.get("notes", [])
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise InputError(f"{at}: `notes` must be a list of text")
    return block


def state(slug: str, src_uri: str, page: FrontMatter | None, english_hash: str) -> PageState:
    if page is None:
        return PageState(slug, src_uri, "missing", {})
    block = metadata(page)
    current = block["status"] if block["source"] == english_hash else "outdated"
    return PageState(slug, src_uri, current, block)
