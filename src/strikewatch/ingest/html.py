"""Read a web page into a :class:`Document`: main text, title and date through trafilatura.

trafilatura parses the page with lxml and keeps only the main text: scripts, styles, forms and
comments are dropped, and nothing in the page is executed or fetched.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from strikewatch.errors import IngestError
from strikewatch.ingest.dates import parse_date


def html_text(html: str, url: str | None = None) -> tuple[str, str | None, date | None]:
    """Return the main text, title and publication date of an HTML page (raises :class:`IngestError`)."""
    import trafilatura

    if "<" not in html:
        raise IngestError("malformed HTML: no markup found")
    try:
        extracted: Any = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # trafilatura/lxml raise a variety of parser errors on broken pages
        raise IngestError(f"malformed HTML: {type(exc).__name__}: {exc}") from exc
    if extracted is None:
        raise IngestError("no main text found in the HTML page")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = data.get("text") or ""
    if not text.strip():
        raise IngestError("no main text found in the HTML page")
    return text, data.get("title"), parse_date(data.get("date"))
