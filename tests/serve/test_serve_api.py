"""The REST API through HTTP against the real app, on SQLite and PostgreSQL: list, detail, stats, map."""

from __future__ import annotations

from datetime import date

from strikewatch.store import EventFilter, Store

from .helpers import bearer


def test_serve_events_pages_cover_every_event_once(desk) -> None:  # type: ignore[no-untyped-def]
    client, tokens, url = desk
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/events", params=params, headers=bearer(tokens["viewer"])).json()
        seen += [event["id"] for event in page["events"]]
        cursor = page["next"]
        if cursor is None:
            break
    with Store(url) as store:
        assert seen == [event["id"] for event in store.events()]
        assert page["total"] == len(seen) == store.count_events() > 4
    assert len(set(seen)) == len(seen)


def test_serve_events_filters_mean_what_the_store_means(desk) -> None:  # type: ignore[no-untyped-def]
    client, tokens, url = desk
    blast = "Explosions/Remote violence"
    cases = [
        ({"event_type": blast, "from": "2020-05-10"}, EventFilter(event_type=blast, date_from=date(2020, 5, 10))),
        ({"bbox": "36.0,35.0,37.5,36.5"}, EventFilter(bbox=(36.0, 35.0, 37.5, 36.5))),
        ({"sub_event_type": "Air/drone strike"}, EventFilter(sub_event_type="Air/drone strike")),
        ({"q": "market"}, EventFilter(text="market")),
        ({"review_status": "machine", "country": "Syria"}, EventFilter(review_status="machine", country="Syria")),
    ]
    with Store(url) as store:
        for params, where in cases:
            page = client.get("/api/v1/events", params=params, headers=bearer(tokens["viewer"])).json()
            expected = store.events(where)
            assert [e["id"] for e in page["events"]] == [e["id"] for e in expected], params
            assert page["total"] == len(expected), params
    assert client.get("/api/v1/events", params={"bbox": "1,2,3"}, headers=bearer(tokens["viewer"])).status_code == 400
    bad = client.get("/api/v1/events", params={"cursor": "nonsense!"}, headers=bearer(tokens["viewer"]))
    assert bad.status_code == 400 and "cursor" in bad.json()["error"]


def test_serve_event_detail_has_document_spans_and_history(desk) -> None:  # type: ignore[no-untyped-def]
    client, tokens, _url = desk
    events = client.get("/api/v1/events", params={"q": "Ariha"}, headers=bearer(tokens["viewer"])).json()["events"]
    detail = client.get(f"/api/v1/events/{events[0]['id']}", headers=bearer(tokens["viewer"])).json()
    text = detail["document"]["text"]
    assert "Ariha" in text and detail["history"] == [] and detail["review_status"] == "machine"
    assert detail["evidence_spans"], "fields carry their evidence spans"
    for span in detail["evidence_spans"].values():
        assert span["text"] == text[span["start"] : span["end"]]
    assert text[detail["evidence"]["start"] : detail["evidence"]["end"]] == detail["evidence"]["text"]
    assert client.get("/api/v1/events/nope:0", headers=bearer(tokens["viewer"])).status_code == 404
    document = client.get(f"/api/v1/documents/{detail['document_id']}", headers=bearer(tokens["viewer"])).json()
    assert document["text"] == text and document["events"][0]["evidence_spans"]


def test_serve_map_and_stats_count_what_the_list_counts(desk) -> None:  # type: ignore[no-untyped-def]
    client, tokens, url = desk
    viewer = bearer(tokens["viewer"])
    for params in ({}, {"event_type": "Explosions/Remote violence"}, {"actor": "Military Forces of Russia"}):
        listed = client.get("/api/v1/events", params=params, headers=viewer).json()["total"]
        shown = client.get("/api/v1/map", params={**params, "zoom": 3}, headers=viewer).json()
        located = sum(
            1
            for e in client.get("/api/v1/events", params={**params, "limit": 1000}, headers=viewer).json()["events"]
            if e["lat"] is not None
        )
        assert shown["total"] == located <= listed, params
        stats = client.get("/api/v1/stats", params={**params, "by": "event_type"}, headers=viewer).json()
        dated = sum(n for series in stats["series"].values() for _day, n in series)
        with Store(url) as store:
            assert dated == sum(
                1
                for e in store.events(EventFilter(actor=params.get("actor"), event_type=params.get("event_type")))
                if e["date_start"]
            )
    weekly = client.get("/api/v1/stats", params={"interval": "week"}, headers=viewer).json()
    assert all(date.fromisoformat(d).weekday() == 0 for d, _ in weekly["series"]["all"])
    assert client.get("/api/v1/stats", params={"by": "password"}, headers=viewer).status_code == 400


def test_serve_map_follows_an_edit(desk) -> None:  # type: ignore[no-untyped-def]
    client, tokens, _url = desk
    viewer, analyst = bearer(tokens["viewer"]), bearer(tokens["analyst"])
    battles = {"event_type": "Battles", "zoom": 3}
    before = client.get("/api/v1/map", params=battles, headers=viewer).json()["total"]
    located = [e for e in client.get("/api/v1/events", headers=viewer).json()["events"] if e["lat"] is not None]
    target = next(e for e in located if e["event_type"] != "Battles")
    edit = {"event_type": "Battles", "sub_event_type": "Armed clash", "reason": "the report describes a clash"}
    assert client.patch(f"/api/v1/events/{target['id']}", json=edit, headers=analyst).status_code == 200
    assert client.get("/api/v1/map", params=battles, headers=viewer).json()["total"] == before + 1


def test_serve_hostile_document_comes_back_as_data_with_a_strict_policy(desk) -> None:  # type: ignore[no-untyped-def]
    client, tokens, _url = desk
    viewer = bearer(tokens["viewer"])
    events = client.get("/api/v1/events", params={"q": "Kansafra", "from": "2020-05-04"}, headers=viewer).json()
    detail = client.get(f"/api/v1/events/{events['events'][0]['id']}", headers=viewer).json()
    assert "<script>window.pwned = 1</script>" in detail["document"]["text"]
    assert detail["document"]["url"] is None and detail["document"]["url_text"].startswith("javascript:")
    page = client.get("/", headers={"Accept": "text/html"})
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "default-src 'none'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"


def test_serve_places_and_reports(desk) -> None:  # type: ignore[no-untyped-def]
    client, tokens, _url = desk
    viewer = bearer(tokens["viewer"])
    places = client.get("/api/v1/places", params={"q": "Aleppo", "country": "SY"}, headers=viewer).json()
    assert places["places"] and all(p["country"] for p in places["places"])
    report = client.post("/api/v1/reports", json={"format": "md", "from": "2020-05-01"}, headers=viewer)
    assert report.status_code == 200 and "Ariha" in report.text and "Raqqa" not in report.text
    empty = client.post("/api/v1/reports", json={"format": "html", "country": "Atlantis"}, headers=viewer)
    assert empty.status_code == 400


def test_serve_exports_the_current_filter(desk) -> None:  # type: ignore[no-untyped-def]
    client, tokens, _url = desk
    viewer = bearer(tokens["viewer"])
    params = {"from": "2020-05-10"}
    total = client.get("/api/v1/events", params=params, headers=viewer).json()["total"]
    csv = client.get("/api/v1/events/export", params={**params, "format": "csv"}, headers=viewer)
    assert csv.headers["content-type"].startswith("text/csv") and len(csv.text.strip().splitlines()) == total + 1
    geojson = client.get("/api/v1/events/export", params={**params, "format": "geojson"}, headers=viewer).json()
    assert geojson["type"] == "FeatureCollection" and len(geojson["features"]) == total
