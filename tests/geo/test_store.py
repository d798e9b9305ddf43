"""The gazetteer database: schema, keys, idempotent upserts, the index read from it and its snapshot."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from strikewatch.geo import fold_name
from strikewatch.geo.gazetteer import (
    DATA_DIR,
    _fingerprint,
    forget_loaded,
    gazetteer_from_store,
    load_default_gazetteer,
    load_gazetteer,
    snapshot_path,
)
from strikewatch.geo.store import GazetteerStore, PlaceRecord, default_db_path, name_key, script_of


def _small_store(path: Path) -> GazetteerStore:
    """A database with two countries and no default build (marked up to date so it is not built)."""
    store = GazetteerStore(path)
    with store.transaction():
        store.set_countries({"SY": "Syria", "IQ": "Iraq"}, {"SY": ("IQ",), "IQ": ("SY",)})
        store.set_meta("default_fingerprint", _fingerprint(DATA_DIR))
    return store


def _village(name: str = "Testqouriya", pop: int = 0, source_id: str = "1", **kw: object) -> PlaceRecord:
    fields: dict[str, object] = dict(lat=34.96, lon=40.55, admin1="Deir-ez-Zor", population=pop, precision=1)
    fields.update(kw)
    return PlaceRecord("user:test", source_id, name, "city", "SY", **fields)  # type: ignore[arg-type]


def test_schema_has_the_tables_and_the_key_index(tmp_path: Path) -> None:
    store = _small_store(tmp_path / "g.sqlite")
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"places", "names", "sources", "countries", "admin_codes", "meta"} <= tables
    plan = " ".join(str(r) for r in store.conn.execute("EXPLAIN QUERY PLAN SELECT * FROM names WHERE key = 'x'"))
    assert "names_key" in plan
    store.close()


def test_names_keep_every_script_but_only_latin_names_get_keys(tmp_path: Path) -> None:
    store = _small_store(tmp_path / "g.sqlite")
    with store.transaction():
        source = store.begin_source("test", "csv")
        pid = store.add_place(_village(), ["Testqouriya"], ["Al Testquriyah", ("القورية", "ar"), "tq", "TQ"], source)
    rows = {r[0]: r[1:] for r in store.conn.execute("SELECT name, key, script, lang, is_alternate FROM names")}
    assert rows["Testqouriya"] == (fold_name("Testqouriya"), "latin", None, 0)
    assert rows["Al Testquriyah"][0] == fold_name("Al Testquriyah")
    assert rows["القورية"] == (None, "arabic", "ar", 1)
    assert rows["tq"][0] is None and rows["TQ"][0] is None  # a machine transliteration, a code
    assert name_key("Aleppo", True) == fold_name("Aleppo") and name_key("the", True) is None
    assert script_of("حلب") == "arabic" and script_of("Ḥalab") == "latin"
    assert store.places_by_key(fold_name("al-Testquriya"))[0]["id"] == pid
    store.close()


def test_upsert_is_idempotent_and_renews_the_generation_only_on_change(tmp_path: Path) -> None:
    store = _small_store(tmp_path / "g.sqlite")
    with store.transaction():
        source = store.begin_source("test", "csv")
        store.add_place(_village(), ["Testqouriya"], [], source)
        store.finish_source(source)
    generation = store.generation
    counts = store.counts()
    with store.transaction():  # the same again
        source = store.begin_source("test", "csv")
        store.add_place(_village(), ["Testqouriya"], [], source)
        store.finish_source(source)
    assert store.generation == generation and store.counts() == counts
    with store.transaction():  # a moved village
        store.add_place(_village(lat=35.0), ["Testqouriya"], [], source)
    assert store.generation != generation
    assert store.counts()["places"] == counts["places"]
    assert store.sources()[0]["name"] == "test" and store.sources()[0]["places"] == 1
    store.close()


def test_index_orders_main_names_first_then_population(tmp_path: Path) -> None:
    store = _small_store(tmp_path / "g.sqlite")
    with store.transaction():
        source = store.begin_source("test", "csv")
        store.add_place(_village("Small Place", 10, "1"), ["Zubaydah"], [], source)
        store.add_place(_village("Big Place", 5000, "2"), ["Big Place"], ["Zubaida"], source)
        store.add_place(_village("Bigger Place", 9000, "3"), ["Zubeida"], [], source)
    gazetteer = gazetteer_from_store(store)
    entries = gazetteer.entries(fold_name("Zubaydah"))
    expected = [("Bigger Place", False), ("Small Place", False), ("Big Place", True)]
    assert [(p.name, alt) for p, alt in entries] == expected
    place = entries[0][0]
    assert (place.country, place.admin1, place.geo_precision, place.feature) == ("Syria", "Deir-ez-Zor", 1, "city")
    assert gazetteer.neighbours["SY"] == ("IQ",)
    store.close()


def test_load_reuses_the_snapshot_until_the_database_changes(tmp_path: Path) -> None:
    db = tmp_path / "g.sqlite"
    store = _small_store(db)
    with store.transaction():
        source = store.begin_source("test", "csv")
        store.add_place(_village(), ["Testqouriya"], [], source)
    store.close()
    first = load_gazetteer(db)
    assert snapshot_path(db).exists()
    assert first.lookup(fold_name("Testqouriya"))[0].name == "Testqouriya"
    again = load_gazetteer(db)
    assert again.generation == first.generation and len(again) == len(first)
    with GazetteerStore(db) as store, store.transaction():
        source = store.begin_source("test", "csv")
        store.add_place(_village("Otherville", source_id="2"), ["Otherville"], [], source)
    changed = load_gazetteer(db)
    assert changed.generation != first.generation
    assert changed.lookup(fold_name("Otherville"))


def test_a_corrupt_database_raises_geo_error(tmp_path: Path) -> None:
    from strikewatch.errors import GeoError

    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(GeoError, match=r"bad\.sqlite"):
        GazetteerStore(bad)


def test_default_path_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("STRIKEWATCH_GAZETTEER", raising=False)
    monkeypatch.setenv("STRIKEWATCH_CACHE", str(tmp_path / "cache"))
    assert default_db_path() == tmp_path / "cache" / "gazetteer.sqlite"
    monkeypatch.setenv("STRIKEWATCH_GAZETTEER", str(tmp_path / "mine.sqlite"))
    assert default_db_path() == tmp_path / "mine.sqlite"


def test_default_gazetteer_is_memoised_per_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    db = tmp_path / "g.sqlite"
    store = _small_store(db)
    with store.transaction():
        store.add_place(_village(), ["Testqouriya"], [], store.begin_source("test", "csv"))
    store.close()
    monkeypatch.setenv("STRIKEWATCH_GAZETTEER", str(db))
    small = load_default_gazetteer()
    assert load_default_gazetteer() is small
    assert len(small.rows) == 1
    forget_loaded(db)
    assert load_default_gazetteer() is not small
    monkeypatch.delenv("STRIKEWATCH_GAZETTEER")
    assert len(load_default_gazetteer().rows) > 200_000


def test_default_database_holds_sources_ids_codes_and_arabic_names(gazetteer: object) -> None:
    with GazetteerStore(default_db_path()) as store:
        sources = {s["name"]: s for s in store.sources()}
        assert sources["default"]["places"] > 230_000 and sources["default"]["imported_at"]
        aleppo = store.conn.execute(
            "SELECT geonameid, feature_class, country, admin1_code, population FROM places "
            "WHERE source = 'geonames' AND source_id = '170063'"
        ).fetchone()
        assert aleppo[0] == 170063 and aleppo[1] == "P" and aleppo[2] == "Syria" and aleppo[4] > 1_000_000
        arabic = store.conn.execute("SELECT COUNT(*) FROM names WHERE script = 'arabic'").fetchone()[0]
        assert arabic >= 348  # at least every OCHA unit's Arabic name
        assert store.admin_codes()["UA.14"]


def test_sqlite_is_the_store_of_record(gazetteer: object) -> None:
    """The index in memory has the keys the database has."""
    conn = sqlite3.connect(default_db_path())
    keys = conn.execute("SELECT COUNT(DISTINCT key) FROM names WHERE key IS NOT NULL").fetchone()[0]
    conn.close()
    assert keys == len(load_default_gazetteer())
