"""The store on SQLite and PostgreSQL: idempotent writes, dedup by content, quarantine, queries, audit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from strikewatch.store import EventFilter, Store, content_id
from strikewatch.store.audit import AUDIT
from strikewatch.store.repo import DOCUMENTS, EVENTS, SOURCES

from .helpers import ALEPPO, document, event


def _dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    with store.engine.connect() as conn:
        return {
            table.name: sorted(map(tuple, conn.execute(select(table)).all()), key=repr)
            for table in (DOCUMENTS, EVENTS, SOURCES)
        }


def test_store_saving_twice_changes_nothing(store: Store) -> None:
    doc = document("On 3 May 2020, jets struck Kansafra.")
    first = store.save_document(doc, events=[event()], mode="fast")
    before, audit_rows = _dump(store), store.table_count(AUDIT)
    second = store.save_document(doc, events=[event()], mode="fast")
    assert first.new_document and first.events == 1
    assert not second.new_document and second.events == 0
    assert _dump(store) == before
    assert store.table_count(AUDIT) == audit_rows


def test_store_same_article_from_two_urls_is_one_document(store: Store) -> None:
    text = "On 3 May 2020, jets struck Kansafra."
    a = store.save_document(document(text, url="http://a.example/1"), events=[event()])
    b = store.save_document(document(text + "\n", url="http://b.example/x"), events=[event()])
    assert a.id == b.id == content_id(text)
    assert store.table_count(DOCUMENTS) == 1 and store.table_count(EVENTS) == 1
    assert store.table_count(SOURCES) == 2


def test_store_quarantine_records_once(store: Store) -> None:
    assert store.quarantine("bad.txt", "bad.txt: empty file")
    assert not store.quarantine("bad.txt", "bad.txt: empty file")
    assert [row["reason"] for row in store.status()["quarantine"]] == ["bad.txt: empty file"]


def test_store_every_change_is_audited(store: Store) -> None:
    store.save_document(document("On 3 May 2020, jets struck Kansafra."), events=[event()])
    with store.engine.connect() as conn:
        tables = {row.table_name for row in conn.execute(select(AUDIT))}
    assert {"documents", "events", "actors", "places", "incidents", "incident_events"} <= tables


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (EventFilter(), 3),
        (EventFilter(date_from=date(2020, 5, 2), date_to=date(2020, 5, 3)), 2),
        (EventFilter(admin1="Idleb"), 2),
        (EventFilter(country="Syria", admin1="Aleppo"), 1),
        (EventFilter(bbox=(36.0, 35.0, 37.0, 36.0)), 2),
        (EventFilter(actor="Military Forces of Russia"), 1),
        (EventFilter(actor="Civilians (Syria)"), 1),
        (EventFilter(event_type="Air/drone strike"), 2),
        (EventFilter(event_type="Explosions/Remote violence", admin1="Idleb"), 2),
        (EventFilter(certainty="claimed"), 1),
        (EventFilter(text="shelling"), 1),
        (EventFilter(text="Kansafra jets"), 2),
        (EventFilter(text="Russian Kansafra"), 1),
        (EventFilter(namespace="acled"), 0),
        (EventFilter(limit=1), 1),
    ],
)
def test_store_query_filters(store: Store, where: EventFilter, expected: int) -> None:
    from strikewatch.model import Certainty, SubEventType

    store.save_document(document("On 3 May 2020, jets struck Kansafra.", "a"), events=[event()])
    store.save_document(
        document("Russian jets hit Kansafra again on 2 May.", "b"),
        events=[event(day=date(2020, 5, 2), actor1="Military Forces of Russia", certainty=Certainty.CLAIMED)],
    )
    store.save_document(
        document("Heavy shelling of Aleppo on 1 May killed two civilians.", "c"),
        events=[event(ALEPPO, date(2020, 5, 1), actor2="Civilians (Syria)", sub=SubEventType.SHELLING)],
    )
    assert len(store.events(where)) == expected
    assert store.count_events(where) == expected


def test_store_events_carry_contract_fields_and_evidence(store: Store) -> None:
    store.save_document(document("On 3 May 2020, jets struck Kansafra.", "report-7"), events=[event(fatalities=2)])
    (row,) = store.events()
    assert row["document"] == "report-7" and row["location"] == "Kansafra" and row["fatalities"] == 2
    assert row["evidence"] == {"text": "On 3 May 2020, jets ", "start": 0, "end": 20}
    assert row["spans"] == {"date": [3, 13]} and row["weapons"] == ["missiles"]
    assert row["incident"] == row["id"]


def test_store_schema_matches_migrations(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from strikewatch.store.schema import Base

    def include(name: str | None, kind: str, _parent: object) -> bool:
        return not (kind == "table" and name and (name.startswith("documents_fts") or name == "alembic_version"))

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include})
        diff = [d for d in compare_metadata(context, Base.metadata) if "ix_documents_fulltext" not in repr(d)]
    assert diff == []


def test_store_sqlite_uses_wal_and_fts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Store(f"sqlite:///{tmp_path / 'w.db'}") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("SELECT count(*) FROM documents_fts").scalar() == 0


def test_store_bad_url_is_a_clear_error() -> None:
    from strikewatch.errors import StoreError

    with pytest.raises(StoreError, match="STRIKEWATCH_DB"):
        Store("nosuchdialect://x/y")


def test_store_migrations_key_stored_incidents_as_the_writer_does(store: Store) -> None:
    from alembic import command
    from alembic.config import Config

    from strikewatch.store.incidents import INCIDENTS, LINKS
    from strikewatch.store.repo import MIGRATIONS

    store.save_document(document("Report one.", "a", source="SOHR"), events=[event()])
    store.save_document(document("Report two.", "b", url="https://www.sana.sy/x"), events=[event()])
    store.save_document(document("Report three.", "c"), events=[event(ALEPPO)])

    def keys() -> set[tuple[object, ...]]:
        with store.engine.connect() as conn:
            incidents = conn.execute(select(INCIDENTS.c.id, INCIDENTS.c.place_key)).all()
            links = conn.execute(select(LINKS.c.event_id, LINKS.c.source_key)).all()
        return {tuple(row) for row in incidents + links}

    written = keys()
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
        command.upgrade(config, "head")
    assert keys() == written and len(written) == 5 and all(key for _, key in written)
