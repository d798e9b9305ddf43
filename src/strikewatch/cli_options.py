"""Option parsing shared by the command-line modules: dates, choices, the store and its messages."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer


class Mode(StrEnum):
    """Extraction modes."""

    FAST = "fast"
    ACCURATE = "accurate"
    AUTO = "auto"


class Namespace(StrEnum):
    """Where stored events come from: extracted by strikewatch, or imported datasets."""

    STRIKEWATCH = "strikewatch"
    ACLED = "acled"
    UCDP = "ucdp"


DbOption = Annotated[
    str | None, typer.Option("--db", help="Database URL or SQLite file (default: STRIKEWATCH_DB, ./strikewatch.db).")
]
CreateOption = Annotated[
    bool, typer.Option("--create", help="Create the store if the --db file does not exist (else that is an error).")
]
ModeOption = Annotated[
    Mode, typer.Option(help="Extraction mode: accurate needs the NER model; auto picks it when installed.")
]

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


def say(message: str) -> None:
    """Print a one-line message on stderr (why nothing was found, what was skipped)."""
    typer.echo(" ".join(message.split()), err=True)


def event_type_option(value: str | None, like: bool) -> str | None:
    """Return the ACLED event or sub-event type ``--type`` names (any case); with ``like`` any part of one.

    A value that names no type is a usage error that lists the closest types.
    """
    from strikewatch.store.match import canonical_choice, closest
    from strikewatch.store.query import EVENT_TYPES, SUB_EVENT_TYPES

    if value is None:
        return None
    kinds = [*EVENT_TYPES, *SUB_EVENT_TYPES]
    found = canonical_choice(value, kinds)
    if found is not None:
        return found
    if like and any(value.casefold() in kind.casefold() for kind in kinds):
        return value
    near = closest(value, kinds) or kinds[:6]
    raise typer.BadParameter(
        f"--type {value!r} is not an ACLED event or sub-event type; closest: {', '.join(near)}"
        + ("" if like else " (or add --like to match part of a type)")
    )


def missing_paths(paths: list[Any]) -> list[str]:
    """Return the given input paths that do not exist."""
    return list(dict.fromkeys(str(path) for path in paths if not path.exists()))


def require_inputs(paths: list[Any] | None) -> None:
    """Exit with a one-line error (code 1) when an input file or folder does not exist."""
    missing = missing_paths(paths or [])
    if missing:
        say(f"error: input not found: {', '.join(missing)}")
        raise typer.Exit(1)


MAX_NOTES = 10


def note_undated(refs: list[str], fix: str) -> None:
    """Say, one line per document (at most :data:`MAX_NOTES`), that a document has no date to anchor
    year-less dates on, and how to give it one (``fix``, e.g. ``give --published YYYY-MM-DD``)."""
    for ref in refs[:MAX_NOTES]:
        say(
            f"{ref}: no publication date and no --published: year-less dates ('June 25') could not be read, "
            f"so their events are missing; {fix.format(ref=ref)}"
        )
    if len(refs) > MAX_NOTES:
        say(f"... and {len(refs) - MAX_NOTES} more documents without a publication date")
