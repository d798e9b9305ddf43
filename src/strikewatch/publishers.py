"""Who published a report, and how far its reach goes (ACLED's source scale).

A document's ``source`` is its publisher when the input names one (a JSONL ``source``, a feed's
title); a file's ``source`` is its path, which names no one. Then the byline says who wrote it
("By Jane Doe (ISW)"), else the web site it came from. Reports, incidents and the ACLED export all
cite publishers through :func:`publisher`, so "who published this" has one answer.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from strikewatch.links import safe_link

DATA = Path(__file__).resolve().parent / "data"
#: ACLED's source scales, in the order a combination of them is written ("National-International").
SCALES = ("Local partner", "Local", "Subnational", "National", "Regional", "International", "New media", "Other")
OTHER = "Other"
_HEAD = 400  # a byline sits in the first lines
_DOCUMENT_SUFFIX = re.compile(r"\.(?:txt|md|markdown|html?|pdf|jsonl?|xml|rss|atom)$", re.IGNORECASE)
_NAME = r"[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|de|van|von|al|el|bin))*"
_BYLINE_ORG = re.compile(rf"\b[Bb]y[ \t]+(?P<author>{_NAME})[ \t]*\((?P<org>[^()\n]{{2,60}})\)")
_BYLINE = re.compile(rf"(?:^|[\n–—|-])[ \t]*[Bb]y[ \t]+(?P<author>{_NAME})")


@dataclass(frozen=True, slots=True)
class Byline:
    """The author a report names at its top, and the organisation in brackets after the name."""

    author: str
    org: str | None = None

    @property
    def attribution(self) -> str:
        """Return ``ISW (Jane Doe)``, or the author alone."""
        return f"{self.org} ({self.author})" if self.org else self.author


def byline(text: str) -> Byline | None:
    """Return the byline at the top of ``text`` ("By Jane Doe (ISW)"), or None."""
    head = text[:_HEAD]
    found = _BYLINE_ORG.search(head)
    if found:
        return Byline(found["author"].strip(), found["org"].strip())
    found = _BYLINE.search(head)
    return Byline(found["author"].strip()) if found and " " in found["author"].strip() else None


def _is_path(source: str) -> bool:
    source = source.strip()
    return source.startswith(("/", "./", "../", "~", "\\")) or bool(
        re.match(r"[A-Za-z]:[\\/]", source) or _DOCUMENT_SUFFIX.search(source)
    )


@functools.cache
def _table() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Return (name or alias -> (name, scale), domain -> (name, scale)) of ``data/publishers.tsv``."""
    names: dict[str, tuple[str, str]] = {}
    domains: dict[str, tuple[str, str]] = {}
    with (DATA / "publishers.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for row in rows:
            entry = (row["name"], row["scale"])
            for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
                names[alias.casefold()] = entry
            for domain in filter(None, row["domains"].split("|")):
                domains[domain.casefold()] = entry
    return names, domains


def _site(url: str | None) -> tuple[str, str] | None:
    link = safe_link(url)
    host = (urlsplit(link).hostname or "") if link else ""
    host = host.removeprefix("www.")
    if not host:
        return None
    _, domains = _table()
    parts = host.split(".")
    for i in range(len(parts) - 1):  # news.bbc.co.uk -> bbc.co.uk
        found = domains.get(".".join(parts[i:]))
        if found:
            return found
    return host, OTHER


def publisher(source: str | None, url: str | None = None, text: str | None = None) -> str | None:
    """Return who published a document: its named source, else the organisation of its byline, else
    its web site (by name when known), else the author of its byline; None when nothing says."""
    if source and source.strip() and not _is_path(source):
        return " ".join(source.split())
    found = byline(text) if text else None
    if found and found.org:
        return found.org
    site = _site(url)
    if site:
        return site[0]
    return found.author if found else None


def scale_of(name: str | None) -> str:
    """Return the source scale of one publisher (``Other`` when it is not in the table)."""
    if not name:
        return OTHER
    names, _ = _table()
    found = names.get(" ".join(name.split()).casefold())
    if found:
        return found[1]
    site = _site(name if "://" in name else f"https://{name}") if "." in name and " " not in name else None
    return site[1] if site else OTHER


def source_scale(publishers: list[str]) -> str:
    """Return ACLED's ``source_scale`` of a report's publishers: their scales joined by ``-``."""
    scales = {scale_of(name) for name in publishers} or {OTHER}
    return "-".join(scale for scale in SCALES if scale in scales)
