"""The filter options every event-selecting command shares, and the :class:`EventFilter` they build.

A command declares the options it takes (``DateFrom`` …) under the names of :func:`event_filter`'s
parameters and passes its ``locals()`` to :func:`filter_from_options`, so no option is repeated.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Annotated, Any

import typer

from strikewatch.cli_options import Namespace, event_type_option, iso_date
from strikewatch.filters import EventFilter
from strikewatch.model import Certainty

DateFrom = Annotated[str | None, typer.Option("--from", help="Earliest start date (YYYY-MM-DD).")]
DateTo = Annotated[str | None, typer.Option("--to", help="Latest start date (YYYY-MM-DD).")]
CountryOption = Annotated[str | None, typer.Option(help="Country: any name or ISO code, e.g. Syria, SY, syrian.")]
Admin1Option = Annotated[str | None, typer.Option(help="Province/governorate in any spelling, e.g. Idlib or Idleb.")]
Admin2Option = Annotated[str | None, typer.Option("--admin2", help="District, e.g. Jisr-Ash-Shugur.")]
BboxOption = Annotated[str | None, typer.Option(help="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT.")]
ActorOption = Annotated[
    str | None, typer.Option(help="Actor on either side, by any alias: Russia, Russian forces, ISIS, Houthis.")
]
TypeOption = Annotated[str | None, typer.Option("--type", help="ACLED event type or sub-event type, any case.")]
CertaintyOption = Annotated[Certainty | None, typer.Option(help="How sure the source is.", case_sensitive=False)]
MinFatalitiesOption = Annotated[
    int | None, typer.Option("--min-fatalities", min=0, help="At least this many killed (unknown tolls never pass).")
]
TextOption = Annotated[str | None, typer.Option(help="Words to find in the documents' text.")]
LikeOption = Annotated[
    bool, typer.Option("--like", help="--country, --admin1, --actor and --type also match part of a name.")
]
NamespaceOption = Annotated[Namespace, typer.Option(help="strikewatch (extracted) or an imported dataset.")]


def bbox_option(value: str | None) -> tuple[float, float, float, float] | None:
    """Return the ``(min_lon, min_lat, max_lon, max_lat)`` of ``--bbox``; a malformed one is a usage error."""
    if value is None:
        return None
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError as exc:
        raise typer.BadParameter(f"--bbox {value!r}: give MIN_LON,MIN_LAT,MAX_LON,MAX_LAT") from exc
    if west > east or south > north:
        raise typer.BadParameter(f"--bbox {value!r}: the minimum comes first (MIN_LON,MIN_LAT,MAX_LON,MAX_LAT)")
    return west, south, east, north


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
    certainty: Certainty | str | None = None,
    min_fatalities: int | None = None,
    text: str | None = None,
    like: bool = False,
    namespace: Namespace | str = Namespace.STRIKEWATCH,
    limit: int | None = None,
) -> EventFilter:
    """Return the filter the shared options describe (bad dates, boxes and types are usage errors)."""
    return EventFilter(
        date_from=iso_date(date_from, "--from"),
        date_to=iso_date(date_to, "--to"),
        country=country,
        admin1=admin1,
        admin2=admin2,
        bbox=bbox_option(bbox),
        actor=actor,
        event_type=event_type_option(event_type, like),
        certainty=certainty.value if isinstance(certainty, Certainty) else certainty,
        min_fatalities=min_fatalities,
        text=text,
        namespace=namespace.value if isinstance(namespace, Namespace) else namespace,
        limit=limit,
        like=like,
    )


def filter_from_options(options: Mapping[str, Any]) -> EventFilter:
    """Return the :class:`EventFilter` of a command's filter options, given as its ``locals()``."""
    names = inspect.signature(event_filter).parameters
    return event_filter(**{name: value for name, value in options.items() if name in names})
