"""No silent empty results: every command that finds nothing says why in one line on stderr, and
exits non-zero where the input itself is missing or wrong."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikewatch.cli import app

runner = CliRunner()
UNDATED = "On June 25, regime forces shelled Kansafra in Idleb, killing 3 civilians."
KHARKIV = "On 12 July 2022, Russian artillery shelled the centre of Kharkiv, killing 3 civilians."


def _plain(text: str) -> str:
    """Return CLI output without rich's box drawing, on one line."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def _invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "k", "text": KHARKIV, "published": "2022-07-13"}) + "\n", encoding="utf-8")
    path = str(tmp_path / "s.db")
    code, _, err = _invoke("ingest", str(docs), "--db", path, "--mode", "fast", "--no-progress")
    assert code == 0, err
    return path


def _reason_line(err: str, start: str) -> str:
    (line,) = [line for line in err.splitlines() if line.startswith(start)]
    return line


def test_ingest_without_a_date_says_so_and_reprocess_re_dates_it(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(UNDATED, encoding="utf-8")
    db = str(tmp_path / "s.db")
    code, out, err = _invoke("ingest", str(note), "--db", db, "--mode", "fast", "--no-progress")
    assert code == 0 and "events 0" in out
    line = _reason_line(err, "note.txt: no publication date and no --published")
    assert "strikewatch reprocess --published YYYY-MM-DD note.txt" in line
    code, out, err = _invoke("reprocess", "note.txt", "--published", "2021-06-27", "--db", db, "--mode", "fast")
    assert code == 0 and "re-dated 1, events 1" in out, err
    code, out, _ = _invoke("events", "--db", db, "--format", "csv")
    assert "2021-06-25" in out


def test_extract_without_a_date_says_so(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(UNDATED, encoding="utf-8")
    code, _, err = _invoke("extract", str(note), "-o", str(tmp_path / "o.jsonl"), "--mode", "fast", "--no-progress")
    assert code == 0
    assert "give --published YYYY-MM-DD" in _reason_line(err, "note.txt: no publication date")


@pytest.mark.parametrize(
    "command",
    [
        ["events"],
        ["status"],
        ["process"],
        ["incidents"],
        ["reprocess", "x.txt"],
        ["report", "-o", "r.html", "--no-progress"],
    ],
)
def test_a_mistyped_db_is_an_error(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "typo.db"
    code, _, err = _invoke(*command, "--db", str(missing))
    assert code == 1 and not missing.exists()
    assert _reason_line(err, "error: no event store at").endswith("or pass --create for a new, empty store")


def test_create_makes_an_empty_store_that_says_it_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    code, out, err = _invoke("events", "--db", str(path), "--create")
    assert code == 0 and path.exists() and out == ""
    assert "holds no events yet: run `strikewatch ingest FILES` first" in _reason_line(err, "no events:")
    code, _, err = _invoke("status", "--db", str(path))
    assert code == 0 and "is empty: run `strikewatch ingest FILES` first" in err


@pytest.mark.parametrize("actor", ["Russia", "russian", "Russian forces"])
def test_events_match_aliases_and_spellings(db: str, actor: str) -> None:
    code, out, err = _invoke("events", "--db", db, "--actor", actor, "--admin1", "kharkov")
    assert code == 0 and "Kharkiv" in out and "1 events" in err


def test_events_that_match_nothing_say_why_with_the_closest_values(db: str) -> None:
    code, out, err = _invoke("events", "--db", db, "--admin1", "Kharkiw region")
    assert code == 0 and out == ""
    line = _reason_line(err, "no events:")
    assert "--admin1 'Kharkiw region'" in line and "Kharkiv" in line
    code, _, err = _invoke("incidents", "--db", db, "--actor", "Hamas")
    line = _reason_line(err, "no incidents: no strikewatch event has --actor 'Hamas'")
    assert code == 0 and "Military Forces of Russia" in line


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--certainty", "maybe", "'maybe' is not one of"),
        ("--type", "airstrike", "closest: Air/drone strike"),
        ("--format", "xlsx", "'xlsx' is not one of"),
        ("--namespace", "gdelt", "'gdelt' is not one of"),
        ("--from", "2022-13-01", "is not an ISO date"),
    ],
)
def test_choice_options_are_validated(db: str, option: str, value: str, said: str) -> None:
    code, _, err = _invoke("events", "--db", db, option, value)
    assert code == 2 and said in _plain(err)


@pytest.mark.parametrize(
    "command",
    [
        ["extract", "{missing}", "-o", "{tmp}/o.jsonl"],
        ["geoparse", "{missing}", "-o", "{tmp}/o.jsonl"],
        ["ingest", "{missing}", "--db", "{tmp}/s.db"],
        ["evaluate", "{missing}", "{missing}"],
        ["report", "{missing}", "-o", "{tmp}/r.html"],
        ["import", "acled", "{missing}", "--db", "{tmp}/s.db", "--create"],
    ],
)
def test_missing_inputs_exit_non_zero(tmp_path: Path, command: list[str]) -> None:
    missing = str(tmp_path / "nope.txt")
    args = [part.format(missing=missing, tmp=tmp_path) for part in command]
    code, _, err = _invoke(*args)
    assert code == 1 and _reason_line(err, "error: input not found:") == f"error: input not found: {missing}"


def test_incidents_show_an_unknown_id_is_an_error(db: str) -> None:
    code, _, err = _invoke("incidents", "--db", db, "show", "nope")
    assert code == 1 and "no incident 'nope'" in err
    code, out, _ = _invoke("incidents", "--db", db, "--format", "json")
    (incident,) = json.loads(out)
    code, out, _ = _invoke("incidents", "--db", db, "show", incident["id"])
    assert code == 0 and "single source (1 report from 1 independent source)" in out and "killed:  3" in out
