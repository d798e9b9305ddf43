"""Option parsing shared by the command-line modules."""

from __future__ import annotations

from datetime import date

import typer


def iso_date(value: str | None, option: str) -> date | None:
    """Return the date an ISO ``YYYY-MM-DD`` option gives, None if absent; a bad value is a usage error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{option} {value!r} is not an ISO date (YYYY-MM-DD)") from exc
