"""Read RSS and Atom feeds into documents, one per entry, with feedparser.

An entry's text is its full content when the feed carries it, else its summary; markup is
stripped (scripts and styles dropped, never run). The entry's link is the document's URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from strikewatch.ingest.dates import parse_date
from strikewatch.ingest.documents import make_document, quoted
from strikewatch.ingest.rejected import Rejected
from strikewatch.model import Document


def fragment_text(markup: str) -> str:
    """Return the text of an HTML fragment, without scripts and styles."""
    if "<" not in markup:
        return markup.strip()
    import lxml.html
    from lxml.etree import ParserError

    try:
        tree = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for element in tree.xpath("//script|//style|//noscript|//iframe"):
        element.drop_tree()
    for element in tree.xpath("//p|//br|//div|//li|//h1|//h2|//h3"):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    for content in contents:
        text = fragment_text(content.get("value") or "")
        if text:
            return text
    return fragment_text(entry.get("summary") or "")


def feed_documents(data: bytes, where: str, published: date | None = None) -> Iterator[Document | Rejected]:
    """Yield a document per entry of the RSS/Atom feed ``data`` (read from ``where``), or why it is unusable."""
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser handles most breakage itself; anything left is this feed's
        yield Rejected(where, f"{where}: malformed feed: {type(exc).__name__}: {exc}")
        return
    if not parsed.entries:
        problem = f"malformed feed: {parsed.get('bozo_exception')}" if parsed.bozo else "feed has no entries"
        yield Rejected(where, f"{where}: {problem}")
        return
    yield from entry_documents(parsed, where, published)


def entry_documents(parsed: Any, where: str, published: date | None = None) -> Iterator[Document | Rejected]:
    """Yield a document per entry of a feed ``feedparser`` parsed, or why an entry is unusable.

    A document's id is the entry's link, else its guid, else ``<where>#<position>``.
    """
    source = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, 1):
        ref = entry.get("link") or entry.get("id") or f"{where}#{number}"
        text = _entry_text(entry)
        title = entry.get("title")
        if not text.strip():
            yield Rejected(ref, f"{where}: entry {number} ({quoted(title or ref)}) has no text")
            continue
        when = parse_date(entry.get("published_parsed") or entry.get("updated_parsed")) or published
        yield make_document(
            f"{where}: entry {number}",
            doc_id=ref,
            text=text,
            published=when,
            title=title,
            url=entry.get("link"),
            source=source,
        )
