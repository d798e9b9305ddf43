"""The ACLED export by the codebook's rules: actor types, interaction, civilian targeting, codes,
region, district, publishers and scale, notes and evidence; on the bundled samples, round-tripped."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikewatch.cli import app
from strikewatch.export.acled import COLUMNS, read_acled, time_precision, write_acled
from strikewatch.export.acled_codes import (
    civilian_targeting,
    inter_code,
    interaction,
    iso_numeric,
    notes,
    region,
)
from strikewatch.publishers import byline, publisher, source_scale

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


@pytest.mark.parametrize(
    ("actor", "country", "code"),
    [
        ("Military Forces of Syria (2000-)", "Syria", 1),  # state forces at home
        ("Police Forces of Syria", "Syria", 1),
        ("Government of Syria", "Syria", 1),
        ("Military Forces of Russia", "Syria", 8),  # state forces abroad: external
        ("Military Forces of the United States", "Yemen", 8),
        ("Operation Restoring Hope", "Yemen", 8),  # an international coalition
        ("Houthi Movement (Ansar Allah)", "Yemen", 2),  # rebels
        ("Islamic State (Syria)", "Syria", 2),
        ("Al Shabaab", "Somalia", 2),
        ("Wagner Group", "Mali", 3),  # a militia
        ("Unidentified Armed Group (Afghanistan)", "Afghanistan", 3),
        ("Dozo Communal Militia (Mali)", "Mali", 4),  # an identity militia
        ("Rioters (Kenya)", "Kenya", 5),
        ("Protesters (Iraq)", "Iraq", 6),
        ("Civilians (Syria)", "Syria", 7),
        (None, "Syria", None),
    ],
)
def test_acled_inter_codes_from_actor_types(actor: str | None, country: str, code: int | None) -> None:
    assert inter_code(actor, country) == code


def test_acled_interaction_and_civilian_targeting_rules() -> None:
    assert interaction(8, 7, True) == 78 and interaction(7, 1, True) == 17 and interaction(2, 2, True) == 22
    assert (
        interaction(1, None, False) == 10 and interaction(1, None, True) is None and interaction(None, 7, True) is None
    )
    assert civilian_targeting("Explosions/Remote violence", 7) == "Civilian targeting"
    assert civilian_targeting("Violence against civilians", None) == "Civilian targeting"
    assert civilian_targeting("Battles", 7) == "" and civilian_targeting("Explosions/Remote violence", 2) == ""
    assert civilian_targeting("Protests", 7) == ""


@pytest.mark.parametrize(
    ("country", "iso", "where"),
    [
        ("Syria", 760, "Middle East"),
        ("Yemen", 887, "Middle East"),
        ("Ukraine", 804, "Europe"),
        ("Afghanistan", 4, "South Asia"),
        ("Somalia", 706, "Eastern Africa"),
        ("Sudan", 729, "Northern Africa"),
        ("Mali", 466, "Western Africa"),
        ("Democratic Republic of Congo", 180, "Middle Africa"),
        ("Myanmar", 104, "Southeast Asia"),
        ("Mexico", 484, "Central America"),
    ],
)
def test_acled_iso_and_region(country: str, iso: int, where: str) -> None:
    assert iso_numeric(country) == iso and region(country) == where


def test_acled_time_precision_and_notes() -> None:
    assert [time_precision("2020-05-03", e) for e in ("2020-05-03", "2020-05-05", "2020-05-20")] == ["1", "2", "3"]
    event = {"date_start": "2016-06-25", "date_end": "2016-06-25", "actor1": "Military Forces of Russia",
             "actor2": "Civilians (Syria)", "sub_event_type": "Air/drone strike", "location": "Al Quriyah",
             "admin1": "Deir-ez-Zor", "country": "Syria", "fatalities": 47, "certainty": "alleged"}  # fmt: skip
    assert notes(event) == (
        "On 25 June 2016, Military Forces of Russia carried out an air/drone strike against Civilians (Syria) in "
        "Al Quriyah, Deir-ez-Zor, Syria. 47 reported fatalities. The event is alleged."
    )


def test_publishers_and_source_scale() -> None:
    assert publisher("Reuters") == "Reuters" and publisher("/data/reports/a.txt", None, "No byline.") is None
    assert publisher("reports/a.txt", None, "Title\nBy Jane Doe (ISW)\nText.") == "ISW"
    assert publisher(None, "https://www.bbc.co.uk/news/x") == "BBC"
    assert publisher(None, "javascript:alert(1)") is None
    found = byline("A CHRONOLOGY – By Jane Doe (ISW)\n\nText.")
    assert found is not None and found.attribution == "ISW (Jane Doe)"
    assert source_scale(["Reuters"]) == "International" and source_scale(["SOHR", "Enab Baladi"]) == "National-Other"
    assert source_scale(["a local blog nobody lists"]) == "Other"


@pytest.fixture(scope="module")
def sample_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[dict[str, str]]]:
    folder = tmp_path_factory.mktemp("acled")
    db = str(folder / "s.db")
    args = ["ingest", str(ROOT / "samples" / "reports.jsonl"), "--db", db, "--mode", "fast", "--no-progress"]
    assert runner.invoke(app, args).exit_code == 0
    result = runner.invoke(app, ["events", "--db", db, "--format", "acled"])
    assert result.exit_code == 0, result.output
    return db, list(csv.DictReader(io.StringIO(result.stdout)))


def test_acled_export_fills_the_codebook_columns_for_the_samples(sample_export) -> None:  # type: ignore[no-untyped-def]
    _, rows = sample_export
    assert list(rows[0]) == list(COLUMNS) and len(rows) >= 6
    for row in rows:
        assert row["source"] == "strikewatch sample" and row["source_scale"] == "Other"  # the publisher, not a claimant
        assert row["iso"] and row["region"] and row["disorder_type"] and row["time_precision"] == "1"
        assert row["notes"].startswith(f"On {int(row['event_date'][8:])} ") and row["evidence"] in row["evidence"]
        assert row["evidence"] and row["notes"] != row["evidence"]
        if row["actor1"]:
            assert row["inter1"] in {str(n) for n in range(1, 9)}
            assert row["interaction"], row
        if row["actor2"]:
            assert row["inter2"] in {str(n) for n in range(1, 9)}
        assert row["civilian_targeting"] == ("Civilian targeting" if row["inter2"] == "7" else "")
        if row["country"] == "Syria":
            assert row["admin2"], row  # from the shipped district polygons when the place has none
    by_place = {row["location"]: row for row in rows}
    kramatorsk = by_place["Kramatorsk"]
    assert (kramatorsk["inter1"], kramatorsk["inter2"], kramatorsk["interaction"]) == ("8", "7", "78")
    assert (kramatorsk["iso"], kramatorsk["region"]) == ("804", "Europe")
    assert "attribution=Ukrainian officials" in kramatorsk["tags"]  # who made the claim stays, apart from source
    assert (by_place["Khan Shaykhun"]["interaction"], by_place["Kabul"]["interaction"]) == ("17", "37")


def test_acled_export_round_trips_through_import(sample_export, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, rows = sample_export
    path = tmp_path / "acled.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    assert runner.invoke(app, ["import", "acled", str(path), "--db", db]).exit_code == 0
    ours = json.loads(runner.invoke(app, ["events", "--db", db, "--format", "jsonl"]).stdout.splitlines()[0])
    again = runner.invoke(app, ["events", "--db", db, "--namespace", "acled", "--format", "acled"])
    reread = list(csv.DictReader(io.StringIO(again.stdout)))
    assert sorted(reread, key=lambda r: r["event_id_cnty"]) == sorted(rows, key=lambda r: r["event_id_cnty"])
    with path.open(encoding="utf-8") as handle:
        imported = {row["ref"]: row for row in read_acled(handle)}
    first = ours["events"][0]
    match = next(row for row in imported.values() if row["evidence"]["text"] == first["evidence"]["text"])
    for field in ("event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "country", "lat", "lon",
                  "geo_precision", "fatalities", "fatalities_max", "certainty", "weapons", "attribution"):  # fmt: skip
        assert match[field] == first[field], field


def test_acled_writer_on_hand_built_events() -> None:
    out = io.StringIO()
    event = {"id": "x:0", "event_type": "Battles", "sub_event_type": "Armed clash", "date_start": "2020-05-01",
             "date_end": "2020-05-09", "actor1": "Al Shabaab", "actor2": "Military Forces of Somalia",
             "country": "Somalia", "publishers": ["Reuters", "Hiiraan Online"], "evidence": {"text": "Clashes."},
             "attribution": "local elders; = residents"}  # fmt: skip
    write_acled([event], out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert (row["inter1"], row["inter2"], row["interaction"], row["civilian_targeting"]) == ("2", "1", "12", "")
    assert row["source"] == "Reuters; Hiiraan Online" and row["source_scale"] == "National-International"
    assert row["time_precision"] == "3" and "attribution=local elders, - residents" in row["tags"]
