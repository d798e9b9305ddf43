"""Ingestion: read reports from files, feeds and web pages into :class:`strikewatch.model.Document` objects.

Each reader yields documents, or :class:`Rejected` records naming the input and the reason it
could not be read, so one bad input never stops a batch.
"""

from __future__ import annotations

from strikewatch.ingest.feeds import feed_documents
from strikewatch.ingest.files import read_documents, read_file
from strikewatch.ingest.rejected import Rejected
from strikewatch.ingest.urls import fetch, read_feed, read_urls, url_list

__all__ = ["Rejected", "feed_documents", "fetch", "read_documents", "read_feed", "read_file", "read_urls", "url_list"]
