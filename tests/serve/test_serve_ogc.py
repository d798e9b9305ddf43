"""OGC API – Features as QGIS uses it: landing page, conformance, collections, items with bbox, datetime, next."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import pytest

from strikewatch.store import EventFilter, Store

from .helpers import bearer

JSON = {"Accept": "application/json"}


def _valid_feature(feature: dict, bbox: tuple[float, float, float, float] | None = None) -> None:  # type: ignore[type-arg]
    assert feature["type"] == "Feature" and isinstance(feature["id"], str)
    assert isinstance(feature["properties"], dict) and "event_type" in feature["properties"]
    geometry = feature["geometry"]
    if geometry is not None:
        assert geometry["type"] == "Point" and len(geometry["coordinates"]) == 2
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        if bbox:
            assert bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]


def test_serve_ogc_landing_conformance_collections(desk) -> None:  # type: ignore[no-untyped-def]
    client, tokens, _url = desk
    headers = {**JSON, **bearer(tokens["viewer"])}
    landing = client.get("/", headers=headers)
    assert landing.headers["content-type"].startswith("application/json")
    rels = {link["rel"]: link["href"] for link in landing.json()["links"]}
    assert {"self", "service-desc", "conformance", "data"} <= rels.keys()
    conformance = client.get(urlsplit(rels["conformance"]).path, headers=headers).json()
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conformance["conformsTo"]
    collections = client.get(urlsplit(rels["data"]).path, headers=headers).json()["collections"]
    assert [c["id"] for c in collections] == ["events"]
    items = next(link for link in collections[0]["links"] if link["rel"] == "items")
    assert items["type"] == "application/geo+json" and items["href"].endswith("/collections/events/items")
    interval = collections[0]["extent"]["temporal"]["interval"][0]
    assert interval[0] == "2016-06-27T00:00:00Z" and interval[1].startswith("2020-05-")
    assert client.get("/openapi.json").json()["openapi"].startswith("3.")
    assert client.get("/?f=json").status_code == 401  # the landing page reads the store's description: a token


@pytest.mark.parametrize(
    ("bbox", "interval", "first", "last"),
    [
        ("35.5,35.0,37.5,36.6", "2020-05-01T00:00:00Z/2020-05-31T23:59:59Z", date(2020, 5, 1), date(2020, 5, 31)),
        ("-180,-90,180,90", "../2020-05-12", None, date(2020, 5, 12)),
        ("30,30,45,40", "2020-05-12", date(2020, 5, 12), date(2020, 5, 12)),
        ("30,30,45,40", "2016-06-01/..", date(2016, 6, 1), None),
    ],
)
def test_serve_ogc_items_page_through_next_links(desk, bbox: str, interval: str, first, last) -> None:  # type: ignore[no-untyped-def]
    client, tokens, url = desk
    box = tuple(float(v) for v in bbox.split(","))
    href = f"/collections/events/items?bbox={bbox}&datetime={interval}&limit=1"
    seen: list[str] = []
    pages = 0
    while href:
        answer = client.get(href, headers={"Accept": "application/geo+json", **bearer(tokens["viewer"])})
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/geo+json")
        body = answer.json()
        assert body["type"] == "FeatureCollection" and body["numberReturned"] == len(body["features"]) <= 1
        for feature in body["features"]:
            _valid_feature(feature, box)
        seen += [f["id"] for f in body["features"]]
        following = [link["href"] for link in body["links"] if link["rel"] == "next"]
        href = (lambda p: f"{p.path}?{p.query}")(urlsplit(following[0])) if following else None
        pages += 1
        assert pages < 50
    with Store(url) as store:
        expected = [e["id"] for e in store.events(EventFilter(bbox=box, date_from=first, date_to=last))]  # type: ignore[arg-type]
    assert seen == expected and body["numberMatched"] == len(expected)
    if len(expected) > 1:
        assert pages == len(expected)


def test_serve_ogc_one_item_and_bad_requests(desk) -> None:  # type: ignore[no-untyped-def]
    client, tokens, _url = desk
    viewer = bearer(tokens["viewer"])
    page = client.get("/collections/events/items?limit=1", headers=viewer).json()
    fid = page["features"][0]["id"]
    one = client.get(f"/collections/events/items/{fid}", headers=viewer).json()
    _valid_feature(one)
    assert one["id"] == fid
    assert client.get("/collections/events/items/none:9", headers=viewer).status_code == 404
    for query in ("datetime=yesterday", "datetime=2020-05-10/2020-05-01", "bbox=1,2", "bbox=0,50,10,40", "limit=0"):
        answer = client.get(f"/collections/events/items?{query}", headers=viewer)
        assert answer.status_code in (400, 422) and "error" in answer.json(), query
