"""The exception tree. Every message says what went wrong and what to do about it.

StrikewatchError
├── ConfigError      bad option, missing model or file
├── IngestError      a document that cannot be read (empty, binary, undecodable, too large)
│   └── FetchError   a URL that answered with an HTTP error status
├── ExtractError     extraction failed on a document
├── GeoError         gazetteer missing or unreadable
├── StoreError       the event store cannot be opened, migrated or written
├── DeliveryError    an alert could not be delivered (webhook or mail server refused or unreachable)
├── NotFound         something asked for does not exist
├── Conflict         a change that no longer applies (undo of a value changed since, a forbidden review step)
├── AuthError        no valid token or session was given
└── Forbidden        the token's role may not do this
"""

from __future__ import annotations


class StrikewatchError(Exception):
    """Base of every error strikewatch raises on purpose."""

    status = 500


class ConfigError(StrikewatchError):
    """A setting, option, model or file the user named is unusable."""

    status = 400


class IngestError(StrikewatchError):
    """A document cannot be read or decoded."""

    status = 422


class FetchError(IngestError):
    """A URL answered with an HTTP error status; ``retry_after`` is the wait in seconds it asked for, if any."""

    def __init__(self, message: str, status_code: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.retry_after = retry_after


class ExtractError(StrikewatchError):
    """Extraction failed on one document."""

    status = 500


class GeoError(StrikewatchError):
    """The gazetteer is missing, unreadable or cannot be built."""

    status = 500


class NotFound(StrikewatchError):
    """Something asked for does not exist."""

    status = 404


class StoreError(StrikewatchError):
    """The event store cannot be opened, migrated, read or written."""

    status = 503


class DeliveryError(StrikewatchError):
    """An alert could not be delivered to a webhook or mail server; it stays in the outbox and is retried."""

    status = 502


class Conflict(StrikewatchError):
    """A change that does not apply to the stored state (a value changed since, a forbidden review step)."""

    status = 409


class AuthError(StrikewatchError):
    """No valid API token or session was given."""

    status = 401


class Forbidden(StrikewatchError):
    """The caller's role may not do this."""

    status = 403
