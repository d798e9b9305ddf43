"""Option parsing shared by the command-line modules, and the event-filter options every filtering command takes."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from strikewatch.filters import EventFilter

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


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """Return the ``(min_lon, min_lat, max_lon, max_lat)`` of a ``--bbox`` option; a bad value is a usage error."""
    if value is None:
        return None
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError as exc:
        raise typer.BadParameter(f"--bbox {value!r}: give MIN_LON,MIN_LAT,MAX_LON,MAX_LAT") from exc
    if west > east or south > north:
        raise typer.BadParameter(f"--bbox {value!r}: the minimum comes first (MIN_LON,MIN_LAT,MAX_LON,MAX_LAT)")
    return west, south, east, north


# The options of strikewatch.filters.EventFilter, declared once for `events`, `alerts add` and the rest.
FromOption = Annotated[str | None, typer.Option("--from", help="Earliest start date (YYYY-MM-DD).")]
ToOption = Annotated[str | None, typer.Option("--to", help="Latest start date (YYYY-MM-DD).")]
CountryOption = Annotated[str | None, typer.Option("--country", help="Country name, e.g. Syria.")]
Admin1Option = Annotated[str | None, typer.Option("--admin1", help="Province/governorate, e.g. Idleb.")]
Admin2Option = Annotated[str | None, typer.Option("--admin2", help="District, e.g. Jisr-Ash-Shugur.")]
BboxOption = Annotated[str | None, typer.Option("--bbox", help="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT.")]
ActorOption = Annotated[str | None, typer.Option("--actor", help="Actor on either side (canonical name).")]
TypeOption = Annotated[str | None, typer.Option("--type", help="Event type or sub-event type.")]
CertaintyOption = Annotated[
    str | None, typer.Option("--certainty", help="confirmed, reported, alleged, claimed or denied.")
]
MinFatalitiesOption = Annotated[
    int | None, typer.Option("--min-fatalities", min=0, help="At least this many killed (unknown tolls never pass).")
]
TextOption = Annotated[str | None, typer.Option("--text", help="Words to find in the documents' text.")]
NamespaceOption = Annotated[str, typer.Option("--namespace", help="strikewatch (extracted), acled or ucdp (imported).")]


def event_filter(
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    country: str | None = None,
    admin1: str | None = None,
    admin2: str | None = None,
    bbox: str | None = None,
    actor: str | None = None,
    event_type: str | None = None,
    certainty: str | None = None,
    min_fatalities: int | None = None,
    text: str | None = None,
    namespace: str = "strikewatch",
    limit: int | None = None,
) -> EventFilter:
    """Return the :class:`EventFilter` of the filter options as the command line gave them."""
    return EventFilter(
        date_from=iso_date(date_from, "--from"),
        date_to=iso_date(date_to, "--to"),
        country=country,
        admin1=admin1,
        admin2=admin2,
        bbox=parse_bbox(bbox),
        actor=actor,
        event_type=event_type,
        certainty=certainty,
        min_fatalities=min_fatalities,
        text=text,
        namespace=namespace,
        limit=limit,
    )


def filter_from_options(options: Mapping[str, Any]) -> EventFilter:
    """Return the :class:`EventFilter` of a command's filter options, given as its ``locals()``.

    A command declares the options it takes (``FromOption`` …) under the names of
    :func:`event_filter`'s parameters, and passes them on without repeating each one.
    """
    names = inspect.signature(event_filter).parameters
    return event_filter(**{name: value for name, value in options.items() if name in names})
