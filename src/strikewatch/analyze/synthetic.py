"""Synthetic events with known daily rates per province: for tests, benchmarks and demonstrations.

Counts are Poisson with a rate per province that may change on a given day, so a test knows the
truth (the change day, the top province) that an analysis should find, or that there is none.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from strikewatch.analyze.records import Source
from strikewatch.model import Certainty, Event, EventType, Place, Span, SubEventType

DATA = Path(__file__).resolve().parents[1] / "data"
SOURCE = Source("synthetic", "Synthetic events", None, None)


def province_centres() -> dict[str, tuple[float, float]]:
    """Return the (lat, lon) centre of each Syrian province, from the shipped OCHA table."""
    with (DATA / "admin_SY.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {r["name"]: (float(r["center_lat"]), float(r["center_lon"])) for r in rows if r["level"] == "1"}


@dataclass(frozen=True, slots=True)
class Rate:
    """Daily event rate of one province: ``before`` until ``change_day`` (index), ``after`` from it."""

    before: float
    after: float | None = None
    change_day: int | None = None

    def at(self, day: int) -> float:
        """Return the rate on day ``day`` (0-based)."""
        if self.after is not None and self.change_day is not None and day >= self.change_day:
            return self.after
        return self.before


def synthetic_events(
    rates: dict[str, Rate],
    *,
    days: int = 60,
    start: date = date(2016, 5, 1),
    actor: str = "Military Forces of Russia",
    rng: np.random.Generator | None = None,
) -> list[tuple[Event, Source]]:
    """Return ``(event, source)`` pairs of air strikes drawn day by day from ``rates`` per province."""
    rng = rng or np.random.default_rng(0)
    centres = province_centres()
    pairs = []
    for province, rate in rates.items():
        lat, lon = centres.get(province, (35.0, 38.0))
        for i in range(days):
            day = start + timedelta(days=i)
            for _ in range(int(rng.poisson(rate.at(i)))):
                fatalities = int(rng.poisson(2))
                text = f"On {day:%B} {day.day}, warplanes struck a village in {province}, killing {fatalities}."
                place = Place(
                    name=f"{province} village",
                    country="Syria",
                    lat=lat + float(rng.normal(0, 0.25)),
                    lon=lon + float(rng.normal(0, 0.25)),
                    admin1=province,
                )
                event = Event(
                    event_type=EventType.EXPLOSIONS,
                    sub_event_type=SubEventType.AIR_DRONE_STRIKE,
                    evidence=Span(0, len(text)),
                    evidence_text=text,
                    date_start=day,
                    date_end=day,
                    actor1=actor,
                    place=place,
                    country="Syria",
                    geo_precision=1,
                    fatalities=fatalities,
                    certainty=Certainty.REPORTED if rng.random() < 0.7 else Certainty.ALLEGED,
                )
                pairs.append((event, SOURCE))
    return pairs
