"""Ingestion: read reports from files into :class:`strikewatch.model.Document` objects."""

from __future__ import annotations

from strikewatch.ingest.files import Rejected, read_documents

__all__ = ["Rejected", "read_documents"]
