"""Exports open in the tools people use: GeoJSON validates, KML parses, CSV/Parquet/JSONL round-trip."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from strikewatch.export import export, write_acled, write_csv, write_geojson, write_jsonl, write_kml
from strikewatch.export.acled import read_acled

EVENTS: list[dict[str, Any]] = [
    {
        "id": "d1:0", "namespace": "strikewatch", "document": "report-1", "incident": "d1:0",
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "date_start": "2020-05-03", "date_end": "2020-05-05", "actor1": "Military Forces of Russia",
        "actor2": "Civilians (Syria)", "location": "Kansafra", "admin1": "Idleb", "admin2": None, "country": "Syria",
        "lat": 35.6636, "lon": 36.5628, "geonameid": None, "geo_precision": 1, "fatalities": 2, "fatalities_max": 4,
        "weapons": ["missiles", "cluster munitions"], "certainty": "reported", "attribution": "SOHR",
        "evidence": {"text": "Russian jets struck <Kansafra> & killed 2–4 civilians.", "start": 0, "end": 52},
        "spans": {"date": [3, 13]}, "ref": None, "notes": None,
    },
    {
        "id": "d2:0", "namespace": "strikewatch", "document": "report-2", "incident": None,
        "event_type": "Battles", "sub_event_type": "Armed clash", "date_start": "2020-05-01",
        "date_end": "2020-05-01", "actor1": "Islamic State", "actor2": None, "location": None, "admin1": None,
        "admin2": None, "country": "Syria", "lat": None, "lon": None, "geonameid": None, "geo_precision": None,
        "fatalities": None, "fatalities_max": None, "weapons": [], "certainty": None, "attribution": None,
        "evidence": {"text": "Clashes were reported.", "start": 0, "end": 22}, "spans": {}, "ref": None, "notes": None,
    },
]  # fmt: skip


def _check_geojson(data: dict[str, Any]) -> None:
    """Check RFC 7946 structure: a FeatureCollection of Features with null or valid Point geometry."""
    assert data["type"] == "FeatureCollection" and isinstance(data["features"], list)
    for feature in data["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        if geometry is not None:
            assert geometry["type"] == "Point"
            lon, lat = geometry["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_export_geojson_validates() -> None:
    out = io.StringIO()
    assert write_geojson(EVENTS, out) == 2
    data = json.loads(out.getvalue())
    _check_geojson(data)
    assert data["features"][0]["geometry"]["coordinates"] == [36.5628, 35.6636]
    assert data["features"][1]["geometry"] is None


def test_export_kml_parses_with_escaped_text() -> None:
    out = io.StringIO()
    assert write_kml(EVENTS, out) == 1  # only events with coordinates are placemarks
    root = ET.fromstring(out.getvalue().encode("utf-8"))
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    (mark,) = root.findall(".//k:Placemark", ns)
    assert mark.find("k:Point/k:coordinates", ns).text == "36.5628,35.6636"  # type: ignore[union-attr]
    description = mark.find("k:description", ns).text  # type: ignore[union-attr]
    # KML clients render the description as HTML, so the text's "<" and "&" are escaped within it
    assert "&lt;Kansafra&gt; &amp;" in description  # type: ignore[operator]
    assert "<Kansafra> &" in lxml.html.fragment_fromstring(description, create_parent="div").text_content()
    assert mark.find("k:TimeSpan/k:end", ns).text == "2020-05-05"  # type: ignore[union-attr]


def test_export_acled_layout_round_trips() -> None:
    out = io.StringIO()
    write_acled(EVENTS, out)
    header = out.getvalue().splitlines()[0].split(",")
    assert header[:3] == ["event_id_cnty", "event_date", "year"] and "fatalities" in header
    back = list(read_acled(io.StringIO(out.getvalue())))
    first = back[0]
    assert first["ref"] == "d1:0" and str(first["date_end"]) == "2020-05-05"
    assert (first["fatalities"], first["fatalities_max"]) == (2, 4)
    assert first["weapons"] == ["missiles", "cluster munitions"] and first["certainty"] == "reported"
    assert (
        first["notes"].startswith("Between 3 May 2020 and 5 May 2020, Military Forces of Russia")
        and first["lat"] == 35.6636
    )
    assert first["evidence"]["text"] == EVENTS[0]["evidence"]["text"] and first["attribution"] == "SOHR"


def test_export_acled_reads_written_acled_csv() -> None:
    text = (
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,actor2,"
        "country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities\n"
        "SYR1,28 April 2020,2020,1,Political violence,Explosions/Remote violence,Air/drone strike,"
        'Military Forces of Russia,,Syria,Idleb,Bara,35.686,36.5424,1,SOHR,"On 28 April, jets struck Bara.",0\n'
    )
    (event,) = list(read_acled(io.StringIO(text)))
    assert str(event["date_start"]) == "2020-04-28" and event["location"] == "Bara" and event["fatalities"] == 0
    with pytest.raises(ValueError, match="not an ACLED export"):
        list(read_acled(io.StringIO("a,b\n1,2\n")))


def test_export_csv_and_jsonl() -> None:
    out = io.StringIO()
    write_csv(EVENTS, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["weapons"] == "missiles;cluster munitions" and rows[0]["evidence_start"] == "0"
    out = io.StringIO()
    write_jsonl(EVENTS, out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["id"] for line in lines] == ["report-1", "report-2"]
    assert lines[0]["events"][0]["evidence"]["end"] == 52 and "namespace" not in lines[0]["events"][0]


def test_export_parquet(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="the parquet extra (pyarrow) is not installed")
    path = tmp_path / "events.parquet"
    assert export(EVENTS, "parquet", path) == 2
    table = pq.read_table(path)
    assert table.num_rows == 2 and table.column("location").to_pylist() == ["Kansafra", None]
