"""The store commands end to end: ingest (twice, with bad input), status, events, import, kill -9 and resume."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from typer.testing import CliRunner

from strikewatch.cli import app

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _status(db: str) -> dict:  # type: ignore[type-arg]
    return json.loads(_run("status", "--db", db, "--json").splitlines()[-1])


def _bad_folder(root: Path) -> Path:
    bad = root / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "fake.pdf").write_bytes(b"not a pdf at all")
    (bad / "broken.jsonl").write_text('{"id": "x", "text": \n', encoding="utf-8")
    (bad / "scripts.html").write_text("<html><body><script>alert(1)</script></body></html>", encoding="utf-8")
    return bad


def test_ingest_gold_twice_seed_and_bad_files(tmp_path: Path, shared: Path, db_url: str) -> None:
    gold = shared / "gold" / "acled-syria-2020-05.jsonl"
    seed = shared / "seed"
    bad = _bad_folder(tmp_path)
    args = ["ingest", str(gold), str(seed), str(bad), "--db", db_url, "--mode", "fast", "--no-progress"]
    args += ["--published", "2016-06-30"]
    first = runner.invoke(app, args).output
    status = _status(db_url)
    second = runner.invoke(app, args).output
    assert _status(db_url)["tables"] == status["tables"]
    gold_docs = sum(1 for line in gold.read_text(encoding="utf-8").splitlines() if line.strip())
    seed_docs = len(list(seed.iterdir()))
    assert status["tables"]["documents"] == gold_docs + seed_docs
    assert status["tables"]["quarantine"] == 5
    reasons = " | ".join(row["reason"] for row in status["quarantine"])
    for name, why in [("empty.txt", "empty"), ("binary.txt", "binary"), ("fake.pdf", "PDF"),
                      ("broken.jsonl", "JSON"), ("scripts.html", "no main text")]:  # fmt: skip
        assert name in reasons and why in reasons, (name, reasons)
    assert "quarantined 5" in first and "new 0" in second
    assert status["tables"]["events"] > 0.9 * gold_docs


def test_events_and_acled_round_trip(tmp_path: Path, shared: Path, db_url: str) -> None:
    gold = shared / "gold" / "acled-syria-2020-05.jsonl"
    _run("ingest", str(gold), "--db", db_url, "--mode", "fast", "--no-progress")
    acled = tmp_path / "acled.csv"
    _run("events", "--db", db_url, "--format", "acled", "-o", str(acled))
    assert "new reference events" in _run("import", "acled", str(acled), "--db", db_url)
    ours = json.loads(_run("events", "--db", db_url, "--format", "geojson").split("\n", 1)[0])["features"]
    again = tmp_path / "again.csv"
    _run("events", "--db", db_url, "--namespace", "acled", "--format", "acled", "-o", str(again))
    with acled.open(encoding="utf-8") as a, again.open(encoding="utf-8") as b:
        first, second = list(csv.DictReader(a)), list(csv.DictReader(b))
    key = lambda row: row["event_id_cnty"]  # noqa: E731
    assert len(first) == len(ours) and sorted(first, key=key) == sorted(second, key=key)
    assert "0 new" in _run("import", "acled", str(acled), "--db", db_url)


def _large_batch(path: Path, shared: Path, copies: int) -> None:
    lines = [json.loads(line) for line in (shared / "gold" / "acled-syria-2020-05.jsonl").open(encoding="utf-8")]
    with path.open("w", encoding="utf-8") as out:
        for n in range(copies):
            for doc in lines:
                text = f"{doc['text']} (Report {n}.)"
                out.write(json.dumps({"id": f"{doc['id']}-{n}", "text": text, "published": doc["published"]}) + "\n")


def test_ingest_killed_midway_then_resumed_equals_uninterrupted(tmp_path: Path, shared: Path, store_contents) -> None:  # type: ignore[no-untyped-def]
    batch = tmp_path / "batch.jsonl"
    _large_batch(batch, shared, copies=8)
    killed, clean = f"sqlite:///{tmp_path / 'killed.db'}", f"sqlite:///{tmp_path / 'clean.db'}"
    cli = [sys.executable, "-c", "from strikewatch.cli import app; app()"]
    command = [*cli, "ingest", str(batch), "--mode", "fast", "--no-progress"]
    process = subprocess.Popen([*command, "--db", killed], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    engine = create_engine(killed)
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        try:
            with engine.connect() as conn:
                stored = conn.exec_driver_sql("SELECT count(*) FROM documents").scalar() or 0
        except Exception:  # the table may not exist yet
            continue
        if stored >= 200:
            break
    engine.dispose()
    assert process.poll() is None, "ingest finished before it could be killed: make the batch larger"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < stored < 8 * 313
    subprocess.run([*command, "--db", killed], check=True, capture_output=True)
    subprocess.run([*command, "--db", clean], check=True, capture_output=True)
    first, second = store_contents(killed), store_contents(clean)
    assert first["documents"] and first == second


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "kml", "table"])
def test_events_formats_write_files(tmp_path: Path, fmt: str) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    docs = tmp_path / "d.jsonl"
    docs.write_text(json.dumps({"id": "a", "text": "On 3 May 2020, regime forces shelled Kansafra in Idleb.",
                                "published": "2020-05-04"}) + "\n", encoding="utf-8")  # fmt: skip
    _run("ingest", str(docs), "--db", db, "--mode", "fast", "--no-progress")
    out = tmp_path / f"out.{fmt}"
    _run("events", "--db", db, "--format", fmt, "-o", str(out))
    assert "Shelling" in out.read_text(encoding="utf-8")


def test_import_ucdp(tmp_path: Path, db_url: str) -> None:
    ged = tmp_path / "ged.csv"
    ged.write_text(
        "id,type_of_violence,side_a,side_b,date_start,date_end,where_coordinates,adm_1,country,latitude,longitude,"
        "where_prec,best,low,high,source_office,source_headline\n"
        "123,3,Government of Syria,Civilians,2020-05-03,2020-05-03,Kansafra village,Idlib governorate,Syria,"
        "35.66,36.56,1,4,3,6,SOHR,Strike kills four\n",
        encoding="utf-8",
    )
    assert "1 new" in _run("import", "ucdp", str(ged), "--db", db_url, "--create")
    (event,) = json.loads(_run("events", "--db", db_url, "--namespace", "ucdp", "--format", "geojson")
                          .split("\n", 1)[0])["features"]  # fmt: skip
    props = event["properties"]
    assert props["event_type"] == "Violence against civilians" and props["location"] == "Kansafra village"
    assert (props["fatalities"], props["fatalities_max"]) == (3, 6)
    assert event["geometry"]["coordinates"] == [36.56, 35.66]
