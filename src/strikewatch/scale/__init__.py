"""Engines for corpus-scale extraction and ingest: ``local`` (this process or a pool) and ``dask``.

The ``dask`` engine follows the advice of spaCy's and Dask's maintainers for rule-based NLP on a
cluster: coarse shards of a few thousand documents (never one task per document), worker
processes with one thread each, the pipeline built once per worker, and results that stay small
(counts and file paths, not Docs). Each shard's output is written atomically under a hash of its
content, so a retried task or a rerun after an interruption only redoes what is missing.

- :mod:`.local`: the local engine of ``extract`` (streaming, batched writes);
- :mod:`.shards`: cutting input into content-keyed shard files;
- :mod:`.tasks`: what runs on a worker; :mod:`.runner`: submitting shards and ordering results;
- :mod:`.cluster`: a LocalCluster or a running scheduler;
- :mod:`.extract` and :mod:`.ingest`: the ``dask`` engine of ``extract`` and of ``ingest``.

The modules that need Dask import it only when used: without the ``dask`` extra, the local engine
works and the ``dask`` engine says which extra to install.
"""

from __future__ import annotations

import importlib
from typing import Any

from strikewatch.scale.cluster import ENGINES, check_engine, connect, dashboard_link, require_dask
from strikewatch.scale.local import ExtractReport, extract_to

__all__ = [
    "ENGINES",
    "ExtractReport",
    "check_engine",
    "connect",
    "dashboard_link",
    "extract_on_cluster",
    "extract_to",
    "ingest_on_cluster",
    "require_dask",
]

_LAZY = {"extract_on_cluster": "strikewatch.scale.extract", "ingest_on_cluster": "strikewatch.scale.ingest"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)
