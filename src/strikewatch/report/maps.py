"""Maps of events: a static one (matplotlib PNG/SVG) and an offline Leaflet one, drawn from one :class:`MapData`.

Every located event is on both maps. An event known only to its province or region (geo precision
3) sits at the province's point and is drawn *approximate* (a hollow, dashed ring); an event with a
province but no coordinates is placed at the province's point from the gazetteer. Events at one
place are one marker that counts them, and a click on it lists them all. Both maps carry a legend.

What lies under the events is a list of :class:`Layer` (:func:`base_layers`): the world's country
outlines around the view (Natural Earth, :mod:`strikewatch.geo.basemap`, the basemap the web desk
draws too), then the admin-1 boundaries shipped in ``strikewatch/data`` (``admin1_XX.geojson``)
for the countries with events. The interactive map has no tile layer, and Leaflet's JS and CSS
come from the ``xstatic-leaflet`` package and are inlined, so the page makes no network request.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from strikewatch.analyze import Record
from strikewatch.geo.basemap import rings
from strikewatch.links import safe_link
from strikewatch.model import PRECISION_REGION
from strikewatch.report.charts import figure_bytes

log = logging.getLogger(__name__)
DATA = Path(__file__).resolve().parents[1] / "data"
NEIGHBOURS, SEA = "#e9e5db", "#dce9f2"  # countries around the shipped admin-1 sets, and the sea
COLOURS = ["#c0392b", "#2471a3", "#1e8449", "#b9770e", "#7d3c98", "#117a65", "#873600", "#566573"]
SIZES = (1, 10, 50)  # the fatality counts the size legend shows
_DIGITS = 3  # events whose points agree to this many decimals (~100 m) share a marker


@cache
def boundary_sets() -> dict[str, dict[str, Any]]:
    """Return the admin-1 GeoJSON FeatureCollection of each country shipped, by ISO code."""
    out = {}
    for path in sorted(DATA.glob("admin1_*.geojson")):
        out[path.stem.split("_", 1)[1]] = json.loads(path.read_text(encoding="utf-8"))
    return out


@cache
def _bbox(code: str) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for feature in boundary_sets()[code]["features"]:
        for ring in rings(feature["geometry"]):
            xs += [p[0] for p in ring]
            ys += [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def countries_within(extent: tuple[float, float, float, float]) -> list[dict[str, Any]]:
    """Return the world's country outlines (the basemap's GeoJSON features) that reach into ``extent``."""
    from strikewatch.geo.basemap import world_countries

    west, south, east, north = extent
    out = []
    for feature in world_countries()["features"]:
        points = [p for ring in rings(feature["geometry"]) for p in ring]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        if points and min(xs) <= east and max(xs) >= west and min(ys) <= north and max(ys) >= south:
            out.append(feature)
    return out


def _inside(box: tuple[float, float, float, float], lon: float, lat: float) -> bool:
    return box[0] <= lon <= box[2] and box[1] <= lat <= box[3]


@dataclass(frozen=True, slots=True)
class Layer:
    """Features drawn under the events: their name (for attribution), GeoJSON features and style."""

    name: str
    features: list[dict[str, Any]]
    fill: str = "#f4f1ea"
    edge: str = "#6b6b6b"
    labels: bool = True  # write each feature's ``name`` on the static map


@dataclass(slots=True)
class Group:
    """The events at one point: one marker."""

    lat: float
    lon: float
    records: list[Record] = field(default_factory=list)
    approximate: bool = False  # placed at a province's (or region's) point

    @property
    def fatalities(self) -> int:
        """Return the largest toll of the group's events (what sizes the marker)."""
        return max((r.event.fatalities or 0) for r in self.records)


@dataclass(frozen=True, slots=True)
class MapData:
    """What a map shows: the base layers, the event groups, the extent and the events without a point.

    ``outside`` names the groups beyond the extent: places known only as a sea, a river or a region
    (no province) do not stretch the view; the interactive map still draws them, the static one
    names them.
    """

    layers: list[Layer]
    groups: list[Group]
    extent: tuple[float, float, float, float]
    left_off: int
    outside: list[str] = field(default_factory=list)

    @property
    def points(self) -> list[Record]:
        """Return every event on the map."""
        return [r for g in self.groups for r in g.records]


def base_layers(points: Iterable[tuple[float, float]]) -> list[Layer]:
    """Return the layers under the events: the admin-1 boundaries of every shipped country with an event."""
    where = list(points)
    sets = boundary_sets()
    return [
        Layer(f"admin1:{code}", sets[code]["features"])
        for code in sorted(sets)
        if any(_inside(_bbox(code), lon, lat) for lat, lon in where)
    ]


@cache
def province_point(admin1: str, country: str | None) -> tuple[float, float] | None:
    """Return the (lat, lon) the gazetteer gives a province (its seat), or None."""
    from strikewatch.errors import GeoError
    from strikewatch.geo.gazetteer import load_default_gazetteer

    try:
        places = load_default_gazetteer().lookup_name(admin1)
    except (GeoError, OSError) as exc:
        log.warning("no gazetteer to place province-level events: %s", exc)
        return None
    for place in places:
        located = place.feature == "admin1" and place.lat is not None and place.lon is not None
        if located and (country is None or (place.country or "").casefold() == country.casefold()):
            return float(place.lat), float(place.lon)  # type: ignore[arg-type]
    return None


def _point(record: Record) -> tuple[float, float, bool] | None:
    """Return where ``record`` goes on the map (lat, lon, approximate), or None."""
    event, place = record.event, record.event.place
    approximate = (event.geo_precision or 1) >= PRECISION_REGION
    if place is not None and place.lat is not None and place.lon is not None:
        return float(place.lat), float(place.lon), approximate
    if record.admin1:
        found = province_point(record.admin1, record.country)
        if found:
            return found[0], found[1], True
    return None


def lonlat(record: Record) -> tuple[float, float]:
    """Return the longitude and latitude of a record on the map (``nan`` when it has none)."""
    found = _point(record)
    return (found[1], found[0]) if found else (float("nan"), float("nan"))


def _vague(group: Group) -> bool:
    """Return whether a group is only placed on a sea, river or region (approximate, and no province)."""
    return group.approximate and not any(r.admin1 for r in group.records)


def map_data(items: list[Record]) -> MapData:
    """Return the layers, marker groups and extent of the map of ``items``."""
    groups: dict[tuple[float, float, bool], Group] = {}
    for r in items:
        found = _point(r)
        if found is None:
            continue
        lat, lon, approximate = found
        key = (round(lat, _DIGITS), round(lon, _DIGITS), approximate)
        groups.setdefault(key, Group(lat, lon, approximate=approximate)).records.append(r)
    ordered = sorted(groups.values(), key=lambda g: -g.fatalities)  # small markers drawn over large ones
    focus = [g for g in ordered if not _vague(g)] or ordered
    layers = base_layers((g.lat, g.lon) for g in focus)
    boxes = [_bbox(layer.name.split(":", 1)[1]) for layer in layers if layer.name.startswith("admin1:")]
    xs = [b[0] for b in boxes] + [b[2] for b in boxes] + [g.lon for g in focus]
    ys = [b[1] for b in boxes] + [b[3] for b in boxes] + [g.lat for g in focus]
    placed = sum(len(g.records) for g in ordered)
    if not xs:
        return MapData(layers, ordered, (35.5, 32.0, 42.5, 37.5), len(items) - placed)
    pad_x, pad_y = max(0.5, (max(xs) - min(xs)) * 0.05), max(0.5, (max(ys) - min(ys)) * 0.05)
    west, south = max(-180.0, min(xs) - pad_x), max(-85.0, min(ys) - pad_y)
    east, north = min(180.0, max(xs) + pad_x), min(85.0, max(ys) + pad_y)
    outside = [
        g.records[0].event.location or "unnamed place"
        for g in ordered
        if not (west <= g.lon <= east and south <= g.lat <= north)
    ]
    # the basemap: country outlines reaching into a view three times as wide, so panning finds land
    wide = (west - (east - west), south - (north - south), east + (east - west), north + (north - south))
    countries = Layer("countries", countries_within(wide), fill=NEIGHBOURS, edge="#8a8a8a", labels=False)
    return MapData([countries, *layers], ordered, (west, south, east, north), len(items) - placed, outside)


def kind(record: Record) -> str:
    """Return what colours an event: its sub-event type, else its type."""
    return str(record.event.sub_event_type or record.event.event_type or "Other")


def colour_index(items: Iterable[Record]) -> dict[str, str]:
    """Return the colour of each kind of event, the commonest first."""
    kinds: dict[str, int] = {}
    for r in items:
        kinds[kind(r)] = kinds.get(kind(r), 0) + 1
    ordered = sorted(kinds, key=lambda k: (-kinds[k], k))
    return {k: COLOURS[min(i, len(COLOURS) - 1)] for i, k in enumerate(ordered)}


def _group_kind(group: Group) -> str:
    counts: dict[str, int] = {}
    for r in group.records:
        counts[kind(r)] = counts.get(kind(r), 0) + 1
    return min(counts, key=lambda k: (-counts[k], k))


def marker_area(fatalities: int) -> float:
    """Return the static map's marker area (points²) for a toll."""
    return 22.0 + 4.0 * min(60, fatalities)


def static_map(data: MapData, fmt: str = "png", dpi: int = 130) -> bytes:
    """Return the static map as PNG or SVG bytes: base layers, then events sized by toll, with a legend."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import PolyCollection
    from matplotlib.lines import Line2D

    fig, ax = plt.subplots(figsize=(8, 7.5))
    try:
        ax.set_facecolor(SEA)
        for layer in data.layers:
            polys, labels = [], []
            for feature in layer.features:
                outlines = rings(feature["geometry"])
                if not outlines:
                    continue
                polys += outlines
                biggest = max(outlines, key=len)
                cx = sum(p[0] for p in biggest) / len(biggest)
                cy = sum(p[1] for p in biggest) / len(biggest)
                labels.append((cx, cy, feature.get("properties", {}).get("name", "")))
            ax.add_collection(PolyCollection(polys, facecolors=layer.fill, edgecolors=layer.edge, linewidths=0.6))
            for cx, cy, name in labels if layer.labels else []:
                ax.annotate(name, (cx, cy), fontsize=6.5, color="#555555", ha="center", alpha=0.8)
        colours = colour_index(data.points)
        for group in data.groups:
            colour = colours[_group_kind(group)]
            style: dict[str, Any] = {"s": marker_area(group.fatalities), "zorder": 3}
            if group.approximate:
                style.update(facecolors="none", edgecolors=colour, linewidths=1.4, linestyle="--")
            else:
                style.update(c=colour, alpha=0.8, edgecolors="white", linewidths=0.5)
            ax.scatter([group.lon], [group.lat], **style)
            if len(group.records) > 1:
                ax.annotate(str(len(group.records)), (group.lon, group.lat), fontsize=6.5, ha="center",
                            va="center", color="#111111", zorder=4, fontweight="bold")  # fmt: skip
        ax.set_xlim(data.extent[0], data.extent[2])
        ax.set_ylim(data.extent[1], data.extent[3])
        ax.set_aspect(1 / math.cos(math.radians((data.extent[1] + data.extent[3]) / 2)))
        ax.set_xlabel("longitude")
        ax.set_ylabel("latitude")
        title = f"{len(data.points)} located events"
        if data.left_off:
            title += f" ({data.left_off} without a place on the map)"
        if data.outside:
            title += f"; beyond this view: {', '.join(dict.fromkeys(data.outside))}"
        ax.set_title(title, fontsize=10)
        counted = {k: sum(1 for r in data.points if kind(r) == k) for k in colours}
        handles = [
            Line2D([], [], marker="o", ls="", color=c, markersize=6, label=f"{k} ({counted[k]})")
            for k, c in colours.items()
        ]
        handles += [
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                markerfacecolor="none",
                markeredgecolor="#555555",
                markersize=6,
                label="approximate: province or region only",
            ),
            *(
                Line2D(
                    [],
                    [],
                    marker="o",
                    ls="",
                    color="#999999",
                    markersize=math.sqrt(marker_area(n)),
                    label=f"{n} killed",
                )
                for n in SIZES
            ),
            Line2D([], [], marker="$n$", ls="", color="#111111", markersize=6, label="n events at one place"),
        ]
        # beside the map, so that it never hides a marker
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, fontsize=7, labelspacing=1.1)
        return figure_bytes(fig, fmt, dpi)
    finally:
        plt.close(fig)


def leaflet_assets() -> tuple[str, str]:
    """Return Leaflet's JavaScript and CSS from the ``xstatic-leaflet`` package (to inline in a page)."""
    from xstatic.pkg import leaflet

    base = Path(leaflet.BASE_DIR)
    return (base / "leaflet.js").read_text(encoding="utf-8"), (base / "leaflet.css").read_text(encoding="utf-8")


def _label(r: Record) -> str:
    e = r.event
    text = f"{r.day or 'undated'} · {e.location or r.admin1 or 'unplaced'} · {kind(r)}"
    if e.fatalities:
        text += f" · {e.fatalities} killed"
    if (e.geo_precision or 1) >= PRECISION_REGION:
        text += " · approximate (province-level)"
    return text


def leaflet_data(data: MapData, anchors: dict[str, str]) -> dict[str, Any]:
    """Return the JSON the interactive map draws: base layers, marker groups, legend entries and extent."""
    colours = colour_index(data.points)
    groups = []
    for group in data.groups:
        # plain text, and a URL only when it is http(s): the popup builds DOM nodes from them
        events = [
            {
                "id": r.key,
                "anchor": anchors.get(r.key, ""),
                "label": _label(r),
                "source": r.source.label,
                "url": safe_link(r.source.url),
            }
            for r in group.records
        ]
        groups.append(
            {
                "lat": group.lat,
                "lon": group.lon,
                "colour": colours[_group_kind(group)],
                "radius": 4 + min(10, group.fatalities**0.5),
                "approximate": group.approximate,
                "events": events,
            }
        )
    counted = {k: sum(1 for r in data.points if kind(r) == k) for k in colours}
    return {
        "layers": [
            {
                "name": layer.name,
                "fill": layer.fill,
                "edge": layer.edge,
                "features": {"type": "FeatureCollection", "features": layer.features},
            }
            for layer in data.layers
        ],
        "groups": groups,
        "legend": [{"kind": k, "colour": c, "count": counted[k]} for k, c in colours.items()],
        "sizes": [{"killed": n, "radius": 4 + min(10, n**0.5)} for n in SIZES],
        "bounds": [[data.extent[1], data.extent[0]], [data.extent[3], data.extent[2]]],
    }


TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def map_script() -> tuple[str, str]:
    """Return the script that draws :func:`leaflet_data` into ``#map`` and its CSS (``templates/map.js``,
    ``map.css``): the report page and the Markdown report's map page share them."""
    return (TEMPLATES / "map.js").read_text(encoding="utf-8"), (TEMPLATES / "map.css").read_text(encoding="utf-8")
