"""Read the text of a PDF report with pypdf."""

from __future__ import annotations

import io
from datetime import date

from strikewatch.errors import IngestError


def pdf_text(data: bytes) -> tuple[str, str | None, date | None]:
    """Return the text, title and creation date of a PDF (raises :class:`IngestError` on a bad one)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not data.startswith(b"%PDF"):
        raise IngestError("not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise IngestError("encrypted PDF: decrypt it first")
        text = "\n\n".join((page.extract_text() or "").strip() for page in reader.pages).strip()
        meta = reader.metadata
        title = meta.title if meta else None
        created = meta.creation_date.date() if meta and meta.creation_date else None
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(f"malformed PDF: {type(exc).__name__}: {exc}") from exc
    if not text:
        raise IngestError("PDF holds no extractable text (scanned image?): run OCR first")
    return text, title, created
