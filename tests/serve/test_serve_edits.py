"""Analysts' edits through the API: audit entries, undo, review steps, incidents, and re-extraction."""

from __future__ import annotations

from sqlalchemy import delete, update

from strikewatch.store import Store

from .helpers import bearer


def _event(client, tokens, **params):  # type: ignore[no-untyped-def]
    return client.get("/api/v1/events", params=params, headers=bearer(tokens["viewer"])).json()["events"][0]


def test_serve_edit_is_audited_and_undone(desk) -> None:  # type: ignore[no-untyped-def]
    client, tokens, _url = desk
    analyst = bearer(tokens["analyst"])
    event = _event(client, tokens, q="Ariha")
    path = f"/api/v1/events/{event['id']}"
    assert client.patch(path, json={"fatalities": 4}, headers=analyst).status_code == 422  # no reason
    assert client.patch(path, json={"fatalities": -1, "reason": "x"}, headers=analyst).status_code == 422
    assert client.patch(path, json={"certainty": "maybe", "reason": "x"}, headers=analyst).status_code == 400
    entry = client.patch(path, json={"fatalities": 4, "location": "Ariha", "reason": "hospital count"}, headers=analyst)
    assert entry.status_code == 200, entry.text
    entry = entry.json()
    assert entry["who"].startswith("test analyst") and entry["reason"] == "hospital count"
    assert entry["old"]["fatalities"] == event["fatalities"] and entry["new"]["fatalities"] == 4
    detail = client.get(path, headers=analyst).json()
    assert detail["fatalities"] == 4 and detail["edited_fields"] == ["fatalities"]
    assert [h["id"] for h in detail["history"]] == [entry["id"]]
    assert client.patch(path, json={"fatalities": 4, "reason": "again"}, headers=analyst).status_code == 409
    undone = client.post(f"/api/v1/edits/{entry['id']}/undo", json={"reason": "wrong report"}, headers=analyst)
    assert undone.status_code == 200 and undone.json()["undoes"] == entry["id"]
    assert client.get(path, headers=analyst).json()["fatalities"] == event["fatalities"]
    assert client.post(f"/api/v1/edits/{entry['id']}/undo", json={}, headers=analyst).status_code == 409
    history = client.get(f"{path}/history", headers=analyst).json()["history"]
    assert [h["action"] for h in history] == ["edit", "undo"] and history[0]["undone_by"] == history[1]["id"]


def test_serve_undo_refuses_when_a_later_edit_changed_the_field(desk) -> None:  # type: ignore[no-untyped-def]
    client, tokens, _url = desk
    analyst = bearer(tokens["analyst"])
    path = f"/api/v1/events/{_event(client, tokens, q='Raqqa')['id']}"
    first = client.patch(path, json={"fatalities": 13, "reason": "a"}, headers=analyst).json()
    second = client.patch(path, json={"fatalities": 14, "reason": "b"}, headers=analyst).json()
    assert client.post(f"/api/v1/edits/{first['id']}/undo", json={}, headers=analyst).status_code == 409
    assert client.post(f"/api/v1/edits/{second['id']}/undo", json={}, headers=analyst).status_code == 200
    assert client.post(f"/api/v1/edits/{first['id']}/undo", json={}, headers=analyst).status_code == 200
    assert client.get(path, headers=analyst).json()["fatalities"] == 12


def test_serve_review_steps(desk) -> None:  # type: ignore[no-untyped-def]
    client, tokens, _url = desk
    analyst = bearer(tokens["analyst"])
    path = f"/api/v1/events/{_event(client, tokens, q='Ariha')['id']}/review"
    assert client.post(path, json={"status": "verified"}, headers=analyst).status_code == 409
    assert client.post(path, json={"status": "reviewed"}, headers=analyst).status_code == 200
    assert client.post(path, json={"status": "verified", "reason": "two sources"}, headers=analyst).status_code == 200
    assert client.post(path, json={"status": "machine"}, headers=analyst).status_code == 409
    assert client.post(path, json={"status": "bogus"}, headers=analyst).status_code == 400
    queue = client.get("/api/v1/events", params={"review_status": "verified"}, headers=analyst).json()
    assert queue["total"] == 1 and queue["events"][0]["review_status"] == "verified"


def test_serve_reextraction_keeps_the_analysts_edits(desk) -> None:  # type: ignore[no-untyped-def]
    """A document extracted again (its events deleted and written anew by ``process``) keeps edits and review."""
    from strikewatch.store.loader import process
    from strikewatch.store.query import DOCUMENTS, EVENTS

    client, tokens, url = desk
    analyst = bearer(tokens["analyst"])
    event = _event(client, tokens, q="Ariha")
    path = f"/api/v1/events/{event['id']}"
    client.patch(path, json={"fatalities": 7, "actor1": "Military Forces of Russia", "reason": "x"}, headers=analyst)
    client.post(f"{path}/review", json={"status": "reviewed"}, headers=analyst)
    with Store(url) as store:
        with store.engine.begin() as conn:  # what a re-extraction does first: forget the document's events
            conn.execute(delete(EVENTS).where(EVENTS.c.document_id == event["document_id"]))
            conn.execute(update(DOCUMENTS).where(DOCUMENTS.c.id == event["document_id"]).values(processed_at=None))
        assert process(store, mode="fast").read == 1
    again = client.get(path, headers=analyst).json()
    assert again["fatalities"] == 7 and again["actor1"] == "Military Forces of Russia"
    assert again["review_status"] == "reviewed" and len(again["history"]) == 2
    assert again["location"] == event["location"] and again["incident_id"]


def test_serve_incident_merge_split_and_undo(desk) -> None:  # type: ignore[no-untyped-def]
    client, tokens, _url = desk
    analyst = bearer(tokens["analyst"])
    listing = client.get("/api/v1/incidents", headers=analyst).json()
    shared = [i for i in listing["incidents"] if i["reports"] == 2]
    assert shared, "the two Maarat al-Numan reports make one incident"
    incident = client.get(f"/api/v1/incidents/{shared[0]['id']}", headers=analyst).json()
    ids = [e["id"] for e in incident["events"]]
    split = client.post(
        f"/api/v1/incidents/{incident['id']}/split",
        json={"event_ids": [ids[1]], "reason": "two strikes"},
        headers=analyst,
    )
    assert split.status_code == 200, split.text
    new_id = split.json()["new"]["incident"]
    assert client.get(f"/api/v1/incidents/{incident['id']}", headers=analyst).json()["reports"] == 1
    assert [e["id"] for e in client.get(f"/api/v1/incidents/{new_id}", headers=analyst).json()["events"]] == [ids[1]]
    merge = client.post(
        "/api/v1/incidents/merge", json={"ids": [incident["id"], new_id], "reason": "same strike"}, headers=analyst
    )
    assert merge.status_code == 200
    merged = client.get(f"/api/v1/incidents/{incident['id']}", headers=analyst).json()
    assert merged["reports"] == 2 and merged["sources"] == 2 and merged["grade"] == "multiple sources"
    assert client.get(f"/api/v1/incidents/{new_id}", headers=analyst).status_code == 404
    assert client.post(f"/api/v1/edits/{merge.json()['id']}/undo", json={}, headers=analyst).status_code == 200
    assert client.get(f"/api/v1/incidents/{new_id}", headers=analyst).json()["reports"] == 1
    assert client.post(f"/api/v1/edits/{split.json()['id']}/undo", json={}, headers=analyst).status_code == 200
    restored = client.get(f"/api/v1/incidents/{incident['id']}", headers=analyst).json()
    assert sorted(e["id"] for e in restored["events"]) == sorted(ids)
    assert [h["action"] for h in restored["history"]] == ["split", "merge", "undo", "undo"]
    bad = client.post("/api/v1/incidents/merge", json={"ids": [incident["id"], "nope"], "reason": "x"}, headers=analyst)
    assert bad.status_code == 404


def test_serve_reprocess_keeps_the_analysts_edits(desk) -> None:  # type: ignore[no-untyped-def]
    """`strikewatch reprocess` (Store.replace_events) re-extracts a document and keeps its edits."""
    from strikewatch.store.loader import reprocess

    client, tokens, url = desk
    analyst = bearer(tokens["analyst"])
    event = _event(client, tokens, q="Ariha")
    path = f"/api/v1/events/{event['id']}"
    client.patch(path, json={"fatalities": 9, "reason": "hospital count"}, headers=analyst)
    with Store(url) as store:
        report = reprocess(store, [event["document_id"]], mode="fast")
    assert report.read == 1 and report.events >= 1
    again = client.get(path, headers=analyst).json()
    assert again["fatalities"] == 9 and again["location"] == event["location"]
