"""The one place that decides whether a value from a document may become a link in an output.

Document fields (``url``, ``source``) come from the input and must be treated as hostile: a
``javascript:`` or ``data:`` URL printed as ``href`` runs script when an analyst clicks it. Every
output (HTML, Markdown and PDF reports, map popups, KML descriptions, GeoJSON's ``url``, the web
desk) asks :func:`safe_link` and shows anything it refuses as plain, escaped text; :func:`html_link`
does both for HTML.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

#: The only schemes an output links to.
LINK_SCHEMES = frozenset({"http", "https"})


def safe_link(value: object) -> str | None:
    """Return ``value`` as a link target if it is an absolute http(s) URL with a host, else None.

    Refused: other schemes (``javascript:``, ``data:``, ``vbscript:``, ``file:``), relative or
    scheme-relative URLs, and anything with whitespace, control characters or backslashes (which
    browsers repair in ways that can smuggle a scheme), or that does not parse.
    """
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F or ch == "\\" for ch in url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 -- raises ValueError on a malformed port
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not host or not parts.netloc:
        return None
    return url


def html_link(value: object, text: str | None = None) -> str:
    """Return an HTML ``<a>`` to ``value`` if :func:`safe_link` accepts it, else the escaped text.

    ``text`` is what the link shows (the value itself by default); a refused value is shown, escaped,
    as plain text, so that an analyst still sees where a document said it came from.
    """
    target = safe_link(value)
    label = html.escape(text if text is not None else ("" if value is None else str(value)))
    if target is None:
        return label
    return f'<a href="{html.escape(target)}" rel="noopener noreferrer">{label}</a>'
