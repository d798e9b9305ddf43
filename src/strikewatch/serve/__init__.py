"""The analyst's desk: a web application and REST API over the event store (``strikewatch serve``).

>>> from strikewatch.serve import ServeSettings, create_app     # doctest: +SKIP
>>> app = create_app(ServeSettings(db="sqlite:///strikewatch.db"))

Needs the ``serve`` extra (FastAPI, uvicorn): ``pip install 'strikewatch[serve]'``.
"""

from __future__ import annotations

from strikewatch.serve.app import ServeSettings, create_app

__all__ = ["ServeSettings", "create_app"]
