"""Option parsing shared by the command-line modules."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

EngineOption = Annotated[
    str, typer.Option(help="local (this process, or --workers processes) or dask (a Dask cluster: the dask extra).")
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        help="With --engine dask: address of a running Dask scheduler (tcp://host:8786) instead of a local cluster."
    ),
]
WorkDirOption = Annotated[
    Path | None, typer.Option(help="With --engine dask: folder of the shards (default STRIKEWATCH_WORK_DIR).")
]


def iso_date(value: str | None, option: str) -> date | None:
    """Return the date an ISO ``YYYY-MM-DD`` option gives, None if absent; a bad value is a usage error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{option} {value!r} is not an ISO date (YYYY-MM-DD)") from exc
