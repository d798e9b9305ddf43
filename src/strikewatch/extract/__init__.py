"""Event extraction: spaCy pipeline components that each add one layer, and their assembly.

This package is also the library's entry point ``strikewatch.extract(text, published=...)``:
importing the subpackage binds its name on ``strikewatch``, so the package itself is callable.

The pure-text layers (``dates``, ``triggers``, ``casualties`` …) import without spaCy's pipeline;
the names below load lazily so that importing one layer does not build the others.
"""

from __future__ import annotations

import functools
import sys
import types
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from strikewatch.extract.pipeline import Extractor
    from strikewatch.model import Event

__all__ = [
    "Extractor",
    "Result",
    "build_nlp",
    "extract",
    "extract_documents",
    "model_available",
    "register_factories",
]


@functools.cache
def _extractor(mode: str) -> Extractor:
    from strikewatch.extract.pipeline import Extractor

    return Extractor(mode)


def extract(text: str, published: date | str | None = None, *, mode: str = "auto") -> list[Event]:
    """Return the events described in ``text``; ``published`` anchors year-less and relative dates."""
    from strikewatch.errors import ConfigError

    if isinstance(published, str):
        try:
            published = date.fromisoformat(published[:10])
        except ValueError as exc:
            raise ConfigError(f"published date {published!r} is not an ISO date (YYYY-MM-DD)") from exc
    return _extractor(mode).events(text, published)


def __getattr__(name: str) -> Any:
    if name in __all__:
        from strikewatch.extract import components, pipeline

        return getattr(pipeline, name, None) or getattr(components, name)
    raise AttributeError(name)


class _CallableModule(types.ModuleType):
    """Lets ``strikewatch.extract(...)`` call :func:`extract` though the name is this package."""

    def __call__(self, text: str, published: date | str | None = None, *, mode: str = "auto") -> list[Event]:
        return extract(text, published, mode=mode)


sys.modules[__name__].__class__ = _CallableModule
