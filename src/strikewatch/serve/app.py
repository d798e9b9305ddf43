"""The desk's application factory: one store, one event index, the API routers, the UI and its assets.

Every error strikewatch raises carries an HTTP ``status`` (:mod:`strikewatch.errors`); one handler
turns it into ``{"error": message, "status": code}``. Every response carries a strict
Content-Security-Policy (scripts, styles and data only from this server, no inline script), so
that text from a hostile document, which the UI always inserts as text, could not run even if it
were inserted as markup.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from strikewatch.errors import StrikewatchError
from strikewatch.serve.auth import SAFE_METHODS, Sessions, analyst
from strikewatch.store import Store
from strikewatch.store.event_index import EventIndex

log = logging.getLogger(__name__)
STATIC = Path(__file__).with_name("static")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
#: Requests that change nothing although they are POSTs: viewers may write reports.
OPEN_WRITES = frozenset({"/api/v1/reports"})
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """How the desk runs: which store, whether reading needs a token, the session key."""

    db: str | None = None
    public: bool = False
    secret: str | None = None
    secure_cookies: bool = False
    extra_routers: tuple[Any, ...] = field(default=())


@dataclass(slots=True)
class Desk:
    """What the routes share: the store, its event index, the settings and the session signer."""

    store: Store
    index: EventIndex
    settings: ServeSettings
    sessions: Sessions


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status)


def create_app(settings: ServeSettings | None = None) -> FastAPI:
    """Return the desk's ASGI application over the store named by ``settings.db`` (else ``STRIKEWATCH_DB``)."""
    from strikewatch import settings as config
    from strikewatch.serve.routes import documents, events, incidents, ogc, places, reports, stats, ui

    settings = settings or ServeSettings()
    store = Store(settings.db)
    desk = Desk(store, EventIndex(store.engine), settings, Sessions(settings.secret or config.get("secret") or None))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="strikewatch desk",
        version="1",
        description="Events extracted from conflict reporting, with their evidence, review and audit trail.",
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.desk = desk

    @app.exception_handler(StrikewatchError)
    async def strikewatch_error(_request: Request, exc: StrikewatchError) -> JSONResponse:
        if exc.status >= 500:
            log.error("request failed: %s", exc)
        return _error(exc.status, str(exc))

    @app.exception_handler(DataError)
    async def refused_value(_request: Request, exc: DataError) -> JSONResponse:
        # a value the database cannot hold (PostgreSQL refuses NUL characters in text, say)
        return _error(400, f"the database refused a value of the request: {exc.orig}")

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in exc.errors()
        )
        return _error(422, problems or "invalid request")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        if "\x00" in request.url.path or "%00" in request.url.query:
            return _error(400, "the address holds a NUL character: send plain text")
        if (
            request.method not in SAFE_METHODS
            and request.url.path.startswith("/api/")
            and (request.url.path not in OPEN_WRITES)
        ):
            # the role is checked before the request is read: a viewer gets 403 even for a malformed body
            try:
                await run_in_threadpool(analyst, request)
            except StrikewatchError as exc:
                response = _error(exc.status, str(exc))
                response.headers.update(SECURITY_HEADERS)
                return response
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    app.add_middleware(GZipMiddleware, minimum_size=2000)
    for module in (events, incidents, documents, places, stats, reports, ogc):
        app.include_router(module.router)
    # each saved watch's Atom feed (strikewatch.monitor), readable as the rest of the desk is
    from strikewatch.monitor.web import alerts_router
    from strikewatch.serve.auth import reader

    app.include_router(alerts_router(settings.db), dependencies=[Depends(reader)])
    for router in settings.extra_routers:
        app.include_router(router)
    app.include_router(ui.router)
    app.mount("/static/desk", StaticFiles(directory=STATIC), name="desk-static")
    for name, folder in ui.vendor_folders().items():
        app.mount(f"/static/vendor/{name}", StaticFiles(directory=folder), name=f"vendor-{name}")
    return app
