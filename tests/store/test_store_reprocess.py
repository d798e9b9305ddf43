"""Re-extraction: a stored document's events are replaced, re-dated, and its incidents kept consistent."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from strikewatch.errors import NotFound
from strikewatch.model import Document
from strikewatch.store import EventFilter, Store
from strikewatch.store.audit import AUDIT
from strikewatch.store.incidents import INCIDENTS
from strikewatch.store.loader import load, reprocess

from .helpers import ALEPPO, document, event

UNDATED = "On June 25, regime forces shelled Kansafra in Idleb, killing 3 civilians."


def _incidents(store: Store) -> list[dict[str, object]]:
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(select(INCIDENTS).order_by(INCIDENTS.c.id))]


def test_replace_events_relinks_and_resums_incidents(store: Store) -> None:
    a = store.save_document(document("Report one.", "a", source="SOHR"), events=[event(fatalities=3)])
    store.save_document(document("Report two.", "b", source="SNHR"), events=[event(fatalities=9)])
    (joint,) = _incidents(store)
    assert (joint["reports"], joint["fatalities_max"]) == (2, 9)
    # report one, re-extracted, now places its strike in Aleppo: it leaves the incident
    store.replace_events(a.id, [event(ALEPPO, fatalities=4)], mode="fast")
    incidents = {row["location"]: row for row in _incidents(store)}
    assert set(incidents) == {"Kansafra", "Aleppo"}
    assert (incidents["Kansafra"]["reports"], incidents["Kansafra"]["fatalities_min"]) == (1, 9)
    assert incidents["Aleppo"]["reports"] == 1 and store.count_events() == 2
    # and again with no events at all: its incident goes
    store.replace_events(a.id, [], mode="fast")
    assert [row["location"] for row in _incidents(store)] == ["Kansafra"]
    with store.engine.connect() as conn:
        deleted = {(r.table_name, r.action) for r in conn.execute(select(AUDIT).where(AUDIT.c.origin == "reprocess"))}
    assert {("events", "delete"), ("incidents", "delete"), ("incidents", "update")} <= deleted


def test_reprocess_re_dates_an_undated_document(store: Store) -> None:
    report = load(store, [Document("note.txt", UNDATED)], mode="fast")
    assert report.undated == ["note.txt"] and store.count_events() == 0
    again = reprocess(store, ["note.txt"], published=date(2021, 6, 27), mode="fast")
    (found,) = store.events()
    assert again.redated == 1 and again.events == 1 and found["date_start"] == "2021-06-25"
    assert store.documents([found["document_id"]])[found["document_id"]]["published"] == date(2021, 6, 27)


def test_ingest_with_a_date_re_dates_what_was_stored_without(store: Store) -> None:
    load(store, [Document("note.txt", UNDATED)], mode="fast")
    report = load(store, [Document("note.txt", UNDATED, published=date(2021, 6, 27))], mode="fast")
    assert (report.redated, report.events, report.new) == (1, 1, 0)
    again = load(store, [Document("note.txt", UNDATED, published=date(2021, 6, 27))], mode="fast")
    assert (again.redated, again.duplicates) == (0, 1)  # the same run twice changes nothing


def test_reprocess_names_unknown_documents(store: Store) -> None:
    try:
        store.resolve_documents(["missing.txt"])
    except NotFound as exc:
        assert "'missing.txt' (no document)" in str(exc)
    else:  # pragma: no cover - the assertion above must run
        raise AssertionError("an unknown document was resolved")
    saved = store.save_document(document("Report one.", "a"), events=[event()])
    assert store.resolve_documents([saved.id[:8], "a"]) == {saved.id[:8]: saved.id, "a": saved.id}
    assert store.events(EventFilter())[0]["document_id"] == saved.id
