"""Report filters match as analysts type: part of a name, or any name the lexicon reads it as."""

from __future__ import annotations

import pytest

from strikewatch.analyze import Filters, Source, records
from strikewatch.model import Event, EventType, Place, Span, SubEventType


def _event(actor1: str, country: str) -> Event:
    return Event(
        EventType.EXPLOSIONS,
        SubEventType.AIR_DRONE_STRIKE,
        Span(0, 1),
        "x",
        actor1=actor1,
        place=Place("Somewhere", country, 1.0, 1.0, admin1="Province"),
        country=country,
    )


@pytest.mark.parametrize(
    ("filters", "kept"),
    [
        (Filters(actor="ISIS"), ["Islamic State (Syria)"]),
        (Filters(actor="russian forces"), ["Military Forces of Russia (2000-)"]),
        (Filters(actor="Russia"), ["Military Forces of Russia (2000-)"]),
        (Filters(actor="state"), ["Islamic State (Syria)"]),  # part of a name
        (Filters(country="SY"), ["Islamic State (Syria)", "Military Forces of Russia (2000-)"]),
        (Filters(country="yemeni"), ["Houthi Movement (Ansar Allah)"]),
    ],
)
def test_report_filters_read_aliases(filters: Filters, kept: list[str]) -> None:
    items = records(
        [
            (_event("Islamic State (Syria)", "Syria"), Source("a")),
            (_event("Military Forces of Russia (2000-)", "Syria"), Source("b")),
            (_event("Houthi Movement (Ansar Allah)", "Yemen"), Source("c")),
        ]
    )
    assert [r.event.actor1 for r in items if filters.accepts(r)] == kept
