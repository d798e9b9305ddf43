"""Who is calling: Bearer tokens for the API, a signed session cookie with CSRF protection for browsers.

- ``Authorization: Bearer sw_...`` names a token (:mod:`strikewatch.store.tokens`); its role decides.
- A browser logs in by posting a token to ``/login``; it gets a session cookie (HttpOnly,
  SameSite=Strict, signed with the ``secret`` setting) naming the token, so revoking the token ends
  the session. Every write through a session must echo the session's CSRF token in the
  ``X-CSRF-Token`` header (the page reads it from ``GET /api/v1/me``).
- ``serve --public`` lets anyone read; writing always needs an analyst's (or admin's) token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from fastapi import Request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from strikewatch.errors import AuthError, Forbidden
from strikewatch.store.tokens import TokenInfo, role_allows, token_by_id, verify_token

SESSION_COOKIE = "sw_session"
CSRF_HEADER = "X-CSRF-Token"
SESSION_SECONDS = 12 * 3600
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True, slots=True)
class Caller:
    """The person or program behind a request: a name (for the history), a role, and how they came in."""

    name: str
    role: str
    via: str  # token, session or public
    csrf: str | None = None


class Sessions:
    """Signs and reads the session cookie; derives each session's CSRF token."""

    def __init__(self, secret: str | None) -> None:
        self.secret = secret or secrets.token_urlsafe(32)
        self.signer = URLSafeTimedSerializer(self.secret, salt="strikewatch-session")

    def cookie(self, token: TokenInfo) -> str:
        """Return the cookie value of a new session of ``token``."""
        return self.signer.dumps({"t": token.id, "n": secrets.token_urlsafe(16)})

    def csrf(self, nonce: str) -> str:
        """Return the CSRF token of the session with ``nonce``."""
        return hmac.new(self.secret.encode(), nonce.encode(), hashlib.sha256).hexdigest()

    def read(self, value: str) -> tuple[str, str] | None:
        """Return (token id, nonce) of a valid, unexpired cookie, else None."""
        try:
            data = self.signer.loads(value, max_age=SESSION_SECONDS)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("t"), str) or not isinstance(data.get("n"), str):
            return None
        return data["t"], data["n"]


def _caller(request: Request) -> Caller:
    desk = request.app.state.desk
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        info = verify_token(desk.store.engine, token.strip()) if scheme.lower() == "bearer" else None
        if info is None:
            raise AuthError("the Bearer token is unknown or revoked: make one with `strikewatch tokens create`")
        return Caller(f"{info.name} ({info.id})", info.role, "token")
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        found = desk.sessions.read(cookie)
        info = token_by_id(desk.store.engine, found[0]) if found else None
        if info is not None and found is not None:
            caller = Caller(f"{info.name} ({info.id})", info.role, "session", desk.sessions.csrf(found[1]))
            if request.method not in SAFE_METHODS:
                sent = request.headers.get(CSRF_HEADER, "")
                if not caller.csrf or not hmac.compare_digest(sent, caller.csrf):
                    raise Forbidden("missing or wrong CSRF token: reload the page and try again")
            return caller
    if desk.settings.public:
        return Caller("public", "public", "public")
    raise AuthError("sign in at /login, or send Authorization: Bearer <token> (`strikewatch tokens create`)")


def reader(request: Request) -> Caller:
    """Require a caller who may read (anyone when the desk is public)."""
    return _caller(request)


def _require(request: Request, role: str, what: str) -> Caller:
    caller = _caller(request)
    if caller.via == "public":
        raise AuthError(f"{what} needs a token: sign in at /login or send a Bearer token")
    if not role_allows(caller.role, role):
        raise Forbidden(f"a {caller.role} may not do this ({what}): ask an admin for a token with the role {role}")
    return caller


def analyst(request: Request) -> Caller:
    """Require an analyst or admin (writes: edits, reviews, merges, ingest)."""
    return _require(request, "analyst", "changing the store")


def admin(request: Request) -> Caller:
    """Require an admin (token management)."""
    return _require(request, "admin", "managing tokens")
