"""``strikewatch gazetteer``: build, status, lookup, import, download (thin wrappers, end to end)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikewatch.cli import app
from strikewatch.geo import BundledGazetteer
from strikewatch.geo.store import default_db_path

runner = CliRunner()


@pytest.fixture
def db(gazetteer: BundledGazetteer, tmp_path: Path) -> Path:
    target = tmp_path / "gazetteer.sqlite"
    shutil.copyfile(default_db_path(), target)
    return target


def test_build_is_a_no_op_when_up_to_date(db: Path) -> None:
    result = runner.invoke(app, ["gazetteer", "build", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "places" in result.output


def test_lookup_prints_candidates(db: Path) -> None:
    result = runner.invoke(app, ["gazetteer", "lookup", "Deir ez Zour", "--country", "SY", "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any("\tadmin1\t" in line and "Syria" in line for line in lines)
    assert all("Syria" in line for line in lines)
    assert "default" in lines[0]
    missing = runner.invoke(app, ["gazetteer", "lookup", "Qwxzyville", "--db", str(db)])
    assert missing.exit_code == 1 and "no place named" in missing.output


def test_import_then_status_and_lookup(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    csv_file = tmp_path / "villages.csv"
    csv_file.write_text("place,lat,lon\nTestclivillage,35.9,39.0\n", encoding="utf-8")
    monkeypatch.setenv("STRIKEWATCH_GAZETTEER", str(db))  # the default database, through the environment
    args = ["gazetteer", "import", str(csv_file), "--map", "name=place", "--country", "SY"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "villages.csv (csv): imported" in result.output and "1 places" in result.output
    assert "unchanged" in runner.invoke(app, args).output
    status = runner.invoke(app, ["gazetteer", "status"])
    assert status.exit_code == 0 and str(db) in status.output and "villages.csv" in status.output
    found = runner.invoke(app, ["gazetteer", "lookup", "Testclivillage"])
    assert "Ar-Raqqa" in found.output and "villages.csv" in found.output


def test_bad_import_exits_1_with_the_reason(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "SY.txt"
    bad.write_text("hello\n", encoding="utf-8")
    result = runner.invoke(app, ["gazetteer", "import", str(bad), "--db", str(db)])
    assert result.exit_code == 1
    assert "SY.txt" in result.output and "GeoNames" in result.output


def test_download_unreachable_exits_1(db: Path) -> None:
    result = runner.invoke(
        app, ["gazetteer", "download", "SY", "--base-url", "http://127.0.0.1:9", "--timeout", "5", "--db", str(db)]
    )
    assert result.exit_code == 1 and "download of http://127.0.0.1:9/SY.zip failed" in result.output


def test_status_of_a_missing_database(tmp_path: Path) -> None:
    result = runner.invoke(app, ["gazetteer", "status", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 0 and "not built yet" in result.output
