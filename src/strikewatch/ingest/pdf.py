"""Read the text of a PDF report with pypdf."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from strikewatch.errors import IngestError


def _metadata(reader: Any) -> tuple[str | None, date | None]:
    """Return the title and creation date, or None for what is missing or broken (the text still counts)."""
    try:
        meta = reader.metadata
        title = meta.title if meta else None
        created = meta.creation_date.date() if meta and meta.creation_date else None
    except Exception:  # a broken info dictionary costs the metadata, not the report
        return None, None
    return (title if isinstance(title, str) else None), created


def pdf_text(data: bytes) -> tuple[str, str | None, date | None]:
    """Return the text, title and creation date of a PDF (raises :class:`IngestError` on a bad one)."""
    from pypdf import PdfReader

    if not data.startswith(b"%PDF"):
        raise IngestError("not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise IngestError("encrypted PDF: decrypt it first")
        text = "\n\n".join((page.extract_text() or "").strip() for page in reader.pages).strip()
    except IngestError:
        raise
    except Exception as exc:  # pypdf raises anything from IndexError to RecursionError on a broken file
        raise IngestError(f"malformed PDF: {type(exc).__name__}: {exc}") from exc
    if not text:
        raise IngestError("PDF holds no extractable text (scanned image?): run OCR first")
    title, created = _metadata(reader)
    return text, title, created
