"""The filter options every event-selecting command shares, and the :class:`EventFilter` they build."""

from __future__ import annotations

from typing import Annotated

import typer

from strikewatch.cli_options import Namespace, event_type_option, iso_date
from strikewatch.filters import EventFilter
from strikewatch.model import Certainty

DateFrom = Annotated[str | None, typer.Option("--from", help="Earliest start date (YYYY-MM-DD).")]
DateTo = Annotated[str | None, typer.Option("--to", help="Latest start date (YYYY-MM-DD).")]
CountryOption = Annotated[str | None, typer.Option(help="Country: any name or ISO code, e.g. Syria, SY, syrian.")]
Admin1Option = Annotated[str | None, typer.Option(help="Province/governorate in any spelling, e.g. Idlib or Idleb.")]
BboxOption = Annotated[str | None, typer.Option(help="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT.")]
ActorOption = Annotated[
    str | None, typer.Option(help="Actor on either side, by any alias: Russia, Russian forces, ISIS, Houthis.")
]
TypeOption = Annotated[str | None, typer.Option("--type", help="ACLED event type or sub-event type, any case.")]
CertaintyOption = Annotated[Certainty | None, typer.Option(help="How sure the source is.", case_sensitive=False)]
TextOption = Annotated[str | None, typer.Option(help="Words to find in the documents' text.")]
LikeOption = Annotated[
    bool, typer.Option("--like", help="--country, --admin1, --actor and --type also match part of a name.")
]
NamespaceOption = Annotated[Namespace, typer.Option(help="strikewatch (extracted) or an imported dataset.")]


def bbox_option(value: str | None) -> tuple[float, float, float, float] | None:
    """Return the ``--bbox`` box; a malformed one is a usage error."""
    if value is None:
        return None
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError as exc:
        raise typer.BadParameter(f"--bbox {value!r}: give MIN_LON,MIN_LAT,MAX_LON,MAX_LAT") from exc
    return west, south, east, north


def event_filter(
    date_from: str | None,
    date_to: str | None,
    country: str | None,
    admin1: str | None,
    bbox: str | None,
    actor: str | None,
    event_type: str | None,
    certainty: Certainty | None,
    text: str | None,
    like: bool,
    namespace: Namespace,
    limit: int | None,
) -> EventFilter:
    """Return the filter the shared options describe (bad dates, boxes and types are usage errors)."""
    return EventFilter(
        date_from=iso_date(date_from, "--from"),
        date_to=iso_date(date_to, "--to"),
        country=country,
        admin1=admin1,
        bbox=bbox_option(bbox),
        actor=actor,
        event_type=event_type_option(event_type, like),
        certainty=certainty.value if certainty else None,
        text=text,
        namespace=namespace.value,
        limit=limit,
        like=like,
    )
