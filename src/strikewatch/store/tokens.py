"""API tokens of the desk: made with a role, shown once, kept only as a hash, revoked by id.

A token reads ``sw_<id>_<secret>``: the id finds the row, the SHA-256 of the whole token must
match the stored hash (compared in constant time). Tokens are long random strings, so a plain
hash suffices (no password stretching is needed against guessing).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Table, insert, select, update

from strikewatch.errors import ConfigError, NotFound
from strikewatch.store.audit import Changes, now
from strikewatch.store.schema import TokenRow

TOKENS: Table = TokenRow.__table__  # type: ignore[assignment]
#: Roles, from least to most: viewers read, analysts also edit and review, admins also manage tokens.
ROLES = ("viewer", "analyst", "admin")


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """A token's public facts (never its secret)."""

    id: str
    name: str
    role: str
    created_at: datetime
    revoked_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the facts as JSON-ready data."""
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "revoked_at": self.revoked_at.isoformat(timespec="seconds") if self.revoked_at else None,
        }


def role_allows(role: str, needed: str) -> bool:
    """Return whether ``role`` has at least the rights of ``needed``."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _info(row: Any) -> TokenInfo:
    return TokenInfo(row.id, row.name, row.role, row.created_at, row.revoked_at)


def create_token(engine: Engine, role: str, name: str | None = None) -> tuple[str, TokenInfo]:
    """Make a token with ``role``; return the token (to show once) and its facts."""
    if role not in ROLES:
        raise ConfigError(f"role {role!r} is not one of: {', '.join(ROLES)}")
    token_id = secrets.token_hex(6)
    token = f"sw_{token_id}_{secrets.token_urlsafe(32)}"
    row = {
        "id": token_id,
        "name": (name or f"{role} token").strip()[:200],
        "role": role,
        "secret_hash": _hash(token),
        "created_at": now(),
        "revoked_at": None,
    }
    changes = Changes("tokens")
    with engine.begin() as conn:
        conn.execute(insert(TOKENS), row)
        changes.record("insert", "api_tokens", token_id, {"role": role, "name": row["name"]})
        changes.flush(conn)
    return token, _info(type("Row", (), row))


def list_tokens(engine: Engine) -> list[TokenInfo]:
    """Return every token's facts, oldest first (revoked ones too)."""
    with engine.connect() as conn:
        return [_info(row) for row in conn.execute(select(TOKENS).order_by(TOKENS.c.created_at, TOKENS.c.id))]


def revoke_token(engine: Engine, token_id: str) -> TokenInfo:
    """Revoke token ``token_id``: it stops working at once."""
    changes = Changes("tokens")
    with engine.begin() as conn:
        row = conn.execute(select(TOKENS).where(TOKENS.c.id == token_id)).first()
        if row is None:
            raise NotFound(f"no token with id {token_id!r}: see `strikewatch tokens list`")
        if row.revoked_at is None:
            conn.execute(update(TOKENS).where(TOKENS.c.id == token_id).values(revoked_at=now()))
            changes.record("update", "api_tokens", token_id, {"revoked": True})
            changes.flush(conn)
        row = conn.execute(select(TOKENS).where(TOKENS.c.id == token_id)).one()
    return _info(row)


def verify_token(engine: Engine, token: str) -> TokenInfo | None:
    """Return the facts of a valid, unrevoked ``token``, else None."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != "sw" or len(token) > 200:
        return None
    with engine.connect() as conn:
        row = conn.execute(select(TOKENS).where(TOKENS.c.id == parts[1])).first()
    if row is None or row.revoked_at is not None or not hmac.compare_digest(row.secret_hash, _hash(token)):
        return None
    return _info(row)


def token_by_id(engine: Engine, token_id: str) -> TokenInfo | None:
    """Return the facts of the unrevoked token ``token_id`` (a browser session names its token by id)."""
    with engine.connect() as conn:
        row = conn.execute(select(TOKENS).where(TOKENS.c.id == token_id)).first()
    return None if row is None or row.revoked_at is not None else _info(row)
