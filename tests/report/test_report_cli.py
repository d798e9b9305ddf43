"""`strikewatch report` on the bundled samples and on extract output, and its errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from strikewatch.cli import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "reports.jsonl"
runner = CliRunner()


def test_report_cli_samples_to_html(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(SAMPLES), "-o", str(out), "--mode", "fast", "--no-progress"])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<h2>Chronology</h2>" in html and "Khan Shaykhun" in html and "L.map(" in html
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"https?:", html), "no remote asset"


def test_report_cli_events_file_with_filters(tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    extracted = runner.invoke(app, ["extract", str(SAMPLES), "-o", str(events), "--mode", "fast", "--no-progress"])
    assert extracted.exit_code == 0, extracted.output
    out = tmp_path / "r.md"
    result = runner.invoke(
        app,
        [
            "report",
            "--events",
            str(events),
            "--documents",
            str(SAMPLES),
            "--country",
            "Syria",
            "--from",
            "2017-01-01",
            "--format",
            "md",
            "-o",
            str(out),
            "--no-progress",
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Chemical attack on Khan Shaykhun" in text  # title from --documents
    assert "Dahyan" not in text and "2016" not in text.split("## Chronology")[1].split("## First")[0]
    assert json.loads(events.read_text().splitlines()[0])["id"] in text


def test_report_cli_errors(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["report", "-o", str(tmp_path / "x.html"), "--no-progress", "--db", str(tmp_path / "s.db")]
    )
    assert result.exit_code == 1 and "no event store at" in result.output and "strikewatch ingest" in result.output
    result = runner.invoke(
        app, ["report", "-o", str(tmp_path / "x.html"), "--no-progress", "--db", str(tmp_path / "s.db"), "--create"]
    )
    assert result.exit_code == 1 and "nothing to report on" in result.output
    result = runner.invoke(
        app, ["report", str(SAMPLES), "--format", "docx", "-o", str(tmp_path / "x"), "--no-progress", "--mode", "fast"]
    )
    assert result.exit_code == 2 and "'docx' is not one of" in " ".join(result.output.split())
