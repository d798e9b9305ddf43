"""The single declaration of strikewatch's settings: name, default, help and environment variable.

The command line, the library and the docs all read :data:`SETTINGS`; nothing else reads
``STRIKEWATCH_*`` variables. ``docs/cli.md`` documents every entry (a test checks it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from strikewatch.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its name, default value, help text and environment variable."""

    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        """Return the environment variable that overrides the default."""
        return "STRIKEWATCH_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db",
        "sqlite:///strikewatch.db",
        "Database URL of the event store: a SQLite file (default ./strikewatch.db, in the working "
        "directory) or postgresql+psycopg://user:password@host/dbname.",
    ),
    Setting("fetch_timeout", "20", "Seconds to wait for a feed or web page before quarantining it."),
    Setting("max_bytes", "20000000", "Largest input file or download, in bytes; larger input is quarantined."),
    Setting("link_km", "5", "Distance in km within which two reports of the same type and dates are one incident."),
    Setting(
        "work_dir",
        "",
        "Folder of the shards of --engine dask (every worker must see it: a shared file system on a "
        "cluster); default: shards/ in the cache folder ($STRIKEWATCH_CACHE, else ~/.cache/strikewatch).",
    ),
    Setting(
        "public_url",
        "http://127.0.0.1:8000",
        "Base URL of the web desk (`strikewatch serve`) as readers reach it: alerts link each event as "
        "{public_url}/events/{id} and the Atom feeds as {public_url}/alerts/{name}.atom.",
    ),
    Setting("smtp_host", "localhost", "SMTP server that sends e-mail alerts."),
    Setting("smtp_port", "25", "Port of the SMTP server."),
    Setting("smtp_from", "strikewatch@localhost", "Sender address of e-mail alerts."),
    Setting("smtp_user", "", "SMTP login, if the server needs one (with STRIKEWATCH_SMTP_PASSWORD)."),
    Setting("smtp_password", "", "SMTP password."),
    Setting("smtp_starttls", "no", "yes: upgrade the SMTP connection with STARTTLS before logging in and sending."),
    Setting("surge_days", "60", "Days of a watch's daily series that the --surge change-point test looks at."),
    Setting(
        "secret",
        "",
        "Key that signs the desk's browser sessions (`strikewatch serve`); when unset, a random key per "
        "process (sessions end when the server restarts).",
    ),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}


def get(name: str) -> str:
    """Return the value of setting ``name``: its environment variable if set, else its default."""
    try:
        setting = _BY_NAME[name]
    except KeyError as exc:
        raise ConfigError(f"unknown setting {name!r}: use one of {', '.join(_BY_NAME)}") from exc
    return os.environ.get(setting.env) or setting.default


def get_float(name: str) -> float:
    """Return setting ``name`` as a number (raises :class:`ConfigError` naming the variable if it is not one)."""
    value = get(name)
    try:
        return float(value)
    except ValueError as exc:
        raise ConfigError(f"{_BY_NAME[name].env}={value!r} is not a number: set it to one") from exc


def database_url(url: str | None = None) -> str:
    """Return ``url`` if given, else the configured database URL (``STRIKEWATCH_DB`` or its default).

    A bare file path is taken as a SQLite database file.
    """
    url = url or get("db")
    return url if "://" in url else f"sqlite:///{url}"
