"""The web desk's alert feeds: a FastAPI router serving ``GET /alerts/{name}.atom``.

Mount it in the desk's app: ``app.include_router(alerts_router(db_url))``. It needs FastAPI (the
``monitor`` or ``serve`` extra).
"""

from __future__ import annotations

from typing import Any

from strikewatch.errors import StrikewatchError
from strikewatch.extras import require

require("monitor", "the web desk's alert feeds (/alerts/NAME.atom)", ("fastapi",))

from fastapi import APIRouter  # noqa: E402
from fastapi.responses import JSONResponse, Response  # noqa: E402

from strikewatch.monitor.atom import atom_feed  # noqa: E402
from strikewatch.store.repo import Store  # noqa: E402

ATOM_TYPE = "application/atom+xml; charset=utf-8"


def alerts_router(db: str | None = None, *, public_url: str | None = None) -> APIRouter:
    """Return a router serving each watch's Atom feed from the store at ``db`` (else ``STRIKEWATCH_DB``).

    The store is opened (and migrated) on the first request, then reused.
    """
    router = APIRouter(tags=["alerts"])
    opened: dict[str, Store] = {}

    def store() -> Store:
        if "store" not in opened:
            opened["store"] = Store(db)
        return opened["store"]

    @router.get("/alerts/{name}.atom", response_class=Response, summary="Atom feed of a watch's alerts")
    def alerts_feed(name: str) -> Any:
        """Return the latest alerts of watch ``name`` as an Atom feed."""
        try:
            body = atom_feed(store(), name, public_url=public_url)
        except StrikewatchError as exc:
            return JSONResponse({"error": str(exc)}, status_code=exc.status)
        return Response(body, media_type=ATOM_TYPE)

    return router
