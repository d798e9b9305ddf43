"""Map formats: GeoJSON (RFC 7946 FeatureCollection of points) and KML 2.2 placemarks.

Every string in them comes from documents and is plain text. KML clients render a placemark's
``<description>`` as HTML, so it is written as escaped HTML with the source linked only when
:func:`strikewatch.links.safe_link` accepts its URL. GeoJSON carries that URL as ``url`` (null when
refused); a consumer must insert the other properties as text (not ``innerHTML``) and link nothing
else (see docs/cli.md).
"""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any, TextIO

from strikewatch.links import html_link, safe_link

KML_NS = "http://www.opengis.net/kml/2.2"
_PROPERTIES = (
    "id", "event_type", "sub_event_type", "date_start", "date_end", "actor1", "actor2", "location", "admin1",
    "country", "geo_precision", "fatalities", "fatalities_max", "weapons", "certainty", "attribution",
    "document", "incident", "namespace",
)  # fmt: skip


def feature(event: dict[str, Any]) -> dict[str, Any]:
    """Return the GeoJSON Feature of an event: a Point at its place (null geometry when it has none)."""
    geometry = None
    if event.get("lat") is not None and event.get("lon") is not None:
        geometry = {"type": "Point", "coordinates": [event["lon"], event["lat"]]}
    properties = {name: event.get(name) for name in _PROPERTIES}
    properties["evidence"] = (event.get("evidence") or {}).get("text") or event.get("notes")
    properties["url"] = safe_link(event.get("document_url"))
    return {"type": "Feature", "id": event.get("id"), "geometry": geometry, "properties": properties}


def write_geojson(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write ``events`` as a GeoJSON FeatureCollection; return how many."""
    features = [feature(event) for event in events]
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


def kml_description(event: dict[str, Any]) -> str | None:
    """Return a placemark's description as HTML: the evidence escaped, the source linked only if http(s)."""
    text = (event.get("evidence") or {}).get("text") or event.get("notes")
    parts = [f"<p>{html.escape(text)}</p>"] if text else []
    if event.get("document_url"):
        parts.append(f"<p>Source: {html_link(event['document_url'])}</p>")
    return "".join(parts) or None


def write_kml(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write the events that have coordinates as KML placemarks (with time spans); return how many."""
    ET.register_namespace("", KML_NS)
    root = ET.Element(f"{{{KML_NS}}}kml")
    document = ET.SubElement(root, f"{{{KML_NS}}}Document")
    ET.SubElement(document, f"{{{KML_NS}}}name").text = "strikewatch events"
    count = 0
    for event in events:
        if event.get("lat") is None or event.get("lon") is None:
            continue
        mark = ET.SubElement(document, f"{{{KML_NS}}}Placemark", id=str(event.get("id")))
        title = " · ".join(
            str(p) for p in (event.get("date_start"), event.get("sub_event_type"), event.get("location")) if p
        )
        ET.SubElement(mark, f"{{{KML_NS}}}name").text = title
        ET.SubElement(mark, f"{{{KML_NS}}}description").text = kml_description(event)
        if event.get("date_start"):
            span = ET.SubElement(mark, f"{{{KML_NS}}}TimeSpan")
            ET.SubElement(span, f"{{{KML_NS}}}begin").text = event["date_start"]
            ET.SubElement(span, f"{{{KML_NS}}}end").text = event.get("date_end") or event["date_start"]
        data = ET.SubElement(mark, f"{{{KML_NS}}}ExtendedData")
        for name in _PROPERTIES:
            value = event.get(name)
            if value not in (None, [], ""):
                item = ET.SubElement(data, f"{{{KML_NS}}}Data", name=name)
                ET.SubElement(item, f"{{{KML_NS}}}value").text = (
                    "; ".join(value) if isinstance(value, list) else str(value)
                )
        point = ET.SubElement(mark, f"{{{KML_NS}}}Point")
        ET.SubElement(point, f"{{{KML_NS}}}coordinates").text = f"{event['lon']},{event['lat']}"
        count += 1
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
    return count
