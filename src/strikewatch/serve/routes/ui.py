"""The desk's pages: the single-page UI (``/``, ``/events/{id}``), login and logout, and what the page asks
for first (who am I, the basemap). The page's script and styles are files under ``serve/static``;
Leaflet comes from the ``xstatic-leaflet`` package, so nothing is fetched from outside.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response

from strikewatch.serve.auth import SESSION_COOKIE, SESSION_SECONDS, Caller, reader
from strikewatch.store.tokens import verify_token

router = APIRouter()
STATIC = Path(__file__).resolve().parents[1] / "static"


def vendor_folders() -> dict[str, Path]:
    """Return the folders of the third-party assets the page loads, by name (Leaflet)."""
    from xstatic.pkg import leaflet

    return {"leaflet": Path(leaflet.BASE_DIR)}


def _wants_json(request: Request) -> bool:
    if request.query_params.get("f") == "json":
        return True
    accept = request.headers.get("accept", "")
    return "json" in accept and "text/html" not in accept


@router.get("/", include_in_schema=True, summary="The desk (a browser) or the OGC API landing page (JSON)")
def home(request: Request) -> Response:
    """Return the desk's page to a browser, the OGC API – Features landing page to a JSON client."""
    if _wants_json(request):
        from strikewatch.serve.auth import reader as check
        from strikewatch.serve.routes.ogc import landing

        check(request)
        return landing(request)
    return FileResponse(STATIC / "index.html", media_type="text/html")


@router.get("/events/{event_id}", include_in_schema=False)
def event_page(event_id: str) -> FileResponse:
    """Return the desk's page, which opens the event (alerts link here)."""
    return FileResponse(STATIC / "index.html", media_type="text/html")


@router.get("/incidents/{incident_id}", include_in_schema=False)
def incident_page(incident_id: str) -> FileResponse:
    """Return the desk's page, which opens the incident."""
    return FileResponse(STATIC / "index.html", media_type="text/html")


@router.get("/login", include_in_schema=False)
def login_page() -> FileResponse:
    """Return the sign-in form."""
    return FileResponse(STATIC / "login.html", media_type="text/html")


def _local(target: str | None) -> str:
    """Return ``target`` if it is a path on this server, else ``/`` (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.post("/login", include_in_schema=False)
def login(
    request: Request, token: Annotated[str, Form(max_length=300)], next: Annotated[str, Form()] = "/"
) -> Response:
    """Start a browser session for a valid token; back to the form otherwise."""
    desk = request.app.state.desk
    info = verify_token(desk.store.engine, token.strip())
    if info is None:
        return RedirectResponse("/login?error=1", status_code=303)
    response = RedirectResponse(_local(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE, desk.sessions.cookie(info), max_age=SESSION_SECONDS, httponly=True, samesite="strict",
        secure=desk.settings.secure_cookies, path="/",
    )  # fmt: skip
    return response


@router.post("/logout", include_in_schema=False)
def logout() -> Response:
    """End the browser session."""
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/api/v1/me", tags=["auth"], summary="Who the caller is, and the session's CSRF token")
def me(caller: Annotated[Caller, Depends(reader)]) -> dict[str, Any]:
    """Return the caller's name and role, whether they may edit, and (for a browser session) the CSRF token."""
    from strikewatch.store.tokens import role_allows

    return {
        "name": caller.name,
        "role": caller.role,
        "via": caller.via,
        "can_edit": caller.via != "public" and role_allows(caller.role, "analyst"),
        "csrf": caller.csrf,
    }


@router.get("/api/v1/basemap", tags=["maps"], summary="The basemap: country outlines and admin-1 boundaries")
def basemap(_caller: Annotated[Caller, Depends(reader)]) -> JSONResponse:
    """Return ``{"countries": FeatureCollection, "admin1": FeatureCollection}`` (Natural Earth, OCHA)."""
    from strikewatch.geo.basemap import admin1_boundaries, world_countries

    return JSONResponse(
        {"countries": world_countries(), "admin1": admin1_boundaries()},
        headers={"Cache-Control": "private, max-age=86400"},
    )
