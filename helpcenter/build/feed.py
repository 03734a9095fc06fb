"""An Atom feed (RFC 4287) of a locale's pages, newest change first."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"


def atom(title: str, url: str, lang: str, entries: list[dict]) -> bytes:
    """`entries`: dicts with title, url, summary, updated (aware datetime), lang."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    entries = sorted((e for e in entries if e["updated"]), key=lambda e: (-e["updated"].timestamp(), e["url"]))
    newest = entries[0]["updated"] if entries else datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    _text(feed, "title", title)
    _text(feed, "id", url)
    _text(feed, "updated", newest.isoformat())
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=url)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", title)
    for item in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        if item["lang"] != lang:
            entry.set("{http://www.w3.org/XML/1998/namespace}lang", item["lang"])
        _text(entry, "title", item["title"])
        _text(entry, "id", item["url"])
        ET.SubElement(entry, f"{{{ATOM}}}link", href=item["url"])
        _text(entry, "updated", item["updated"].isoformat())
        _text(entry, "summary", item["summary"])
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _text(parent, name: str, value: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = value
