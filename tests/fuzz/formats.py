"""Writers of well-formed inputs (an article page, RSS and Atom feeds, a one-page PDF) for the tests.

The fuzz corpus wraps its good reports in them and mutates the result; other tests use the PDF
writer for a real, minimal PDF.
"""

from __future__ import annotations

import textwrap
from xml.sax.saxutils import escape


def html_page(title: str, body: str, head: str = "", extra: str = "") -> str:
    """Return an article page holding ``body`` (one paragraph per blank-line-separated block)."""
    paragraphs = "".join(f"<p>{escape(p)}</p>\n" for p in body.split("\n\n") if p.strip())
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>{head}</head>'
        f"<body><header><nav><a href='/'>Home</a></nav></header><main><article><h1>{escape(title)}</h1>\n"
        f"{paragraphs}{extra}</article></main><footer>Field notes</footer></body></html>"
    )


def rss_feed(entries: list[tuple[str, str, str]], prolog: str = "") -> str:
    """Return an RSS 2.0 feed of ``(title, link, text)`` entries."""
    items = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate><description>{escape(x)}</description></item>"
        for t, link, x in entries
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{prolog}<rss version="2.0"><channel><title>Field desk</title>'
        f"<link>https://news.example/</link><description>Reports</description>{items}</channel></rss>"
    )


def atom_feed(entries: list[tuple[str, str, str]]) -> str:
    """Return an Atom feed of ``(title, link, text)`` entries."""
    items = "".join(
        f'<entry><title>{escape(t)}</title><link href="{escape(link, {chr(34): "&quot;"})}"/>'
        f"<id>urn:fuzz:{n}</id><updated>2024-01-01T10:00:00Z</updated>"
        f'<content type="html">{escape(x)}</content></entry>'
        for n, (t, link, x) in enumerate(entries)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Field desk</title>'
        f"<id>urn:fuzz</id><updated>2024-01-01T10:00:00Z</updated>{items}</feed>"
    )


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def pdf_document(title: str, text: str, *, extra_objects: list[bytes] | None = None) -> bytes:
    """Return a one-page PDF (Helvetica, one line per sentence) with an info dictionary and a valid xref."""
    lines = [s.strip() for s in text.replace("\n", " ").split(". ") if s.strip()]
    ops = ["BT", "/F1 9 Tf", "11 TL", "40 800 Td"]
    for line in lines:
        ops += [f"{_pdf_string(part)} Tj T*" for part in textwrap.wrap(line, 100)]
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Title " + _pdf_string(title).encode("latin-1", "replace") + b" /CreationDate (D:20240115093000Z) >>",
        *(extra_objects or []),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
