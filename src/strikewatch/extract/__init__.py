"""Event extraction: spaCy pipeline components that each add one layer, and their assembly.

The pure-text layers (``dates``, ``triggers``, ``casualties`` …) import without spaCy's pipeline;
the names below load lazily so that importing one layer does not build the others.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Extractor", "Result", "build_nlp", "extract_documents", "model_available", "register_factories"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from strikewatch.extract import components, pipeline

        return getattr(pipeline, name, None) or getattr(components, name)
    raise AttributeError(name)
