"""A report straight from the event store: ingest, then `strikewatch report` with no inputs."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from strikewatch.cli import app

ROOT = Path(__file__).resolve().parents[2]


def test_report_reads_the_store(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'events.db'}"
    runner = CliRunner()
    ingested = runner.invoke(
        app, ["ingest", str(ROOT / "samples" / "reports.jsonl"), "--db", db, "--mode", "fast", "--no-progress"]
    )
    assert ingested.exit_code == 0, ingested.output
    out = tmp_path / "report.md"
    result = runner.invoke(app, ["report", "--db", db, "-o", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Khan Shaykhun" in text and "Kramatorsk" in text
    assert "“Chemical attack on Khan Shaykhun”" in text  # every line cites its stored document
    assert "_allegedly_" in text


def test_report_on_an_empty_store_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["report", "--db", f"sqlite:///{tmp_path / 'empty.db'}", "-o", str(tmp_path / "r.md"), "--no-progress"]
    )
    assert result.exit_code == 1
    assert "strikewatch ingest" in result.output
