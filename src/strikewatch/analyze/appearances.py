"""First and last appearance of each weapon and actor in the events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from strikewatch.analyze.records import Record


@dataclass(frozen=True, slots=True)
class Appearance:
    """When a weapon or actor was first and last reported, with the events that show it."""

    kind: str
    name: str
    first: date
    last: date
    count: int
    first_key: str
    last_key: str


def appearances(items: Iterable[Record]) -> list[Appearance]:
    """Return the first and last dated appearance of each weapon and each actor, by kind then first day."""
    seen: dict[tuple[str, str], list[Record]] = {}
    for r in items:
        if r.day is None:
            continue
        names = [("weapon", w) for w in r.event.weapons]
        names += [("actor", a) for a in (r.event.actor1, r.event.actor2) if a]
        for pair in dict.fromkeys(names):
            seen.setdefault(pair, []).append(r)
    out = []
    for (kind, name), rs in seen.items():
        first = min(rs, key=lambda r: (r.day, r.key))
        last = max(rs, key=lambda r: (r.last_day or r.day, r.key))
        out.append(
            Appearance(kind, name, first.day, last.last_day or last.day, len(rs), first.key, last.key)  # type: ignore[arg-type]
        )
    return sorted(out, key=lambda a: (a.kind != "weapon", a.first, a.name))
