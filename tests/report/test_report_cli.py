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


def test_report_cli_compare_prints_the_comparison_or_an_error(tmp_path: Path, shared: Path) -> None:
    seed = str(shared / "seed" / "isw-russian-airstrikes-syria-2016-06.txt")
    base = [
        "report",
        seed,
        "--published",
        "2016-06-30",
        "--mode",
        "fast",
        "--no-progress",
        "-o",
        str(tmp_path / "r.md"),
    ]
    result = runner.invoke(app, [*base, "--compare", "2016-06-01:2016-06-14", "--compare", "2016-06-15:2016-06-30"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("compare: ")]
    assert lines and "Activity in Deir-ez-Zor" in lines[0] and "exact test of two Poisson rates" in lines[0]
    assert "June 1 – 14, 2016" in lines[0] and "June 15 – 30, 2016" in lines[0]
    assert lines[0].removeprefix("compare: ") in (tmp_path / "r.md").read_text(encoding="utf-8")
    result = runner.invoke(app, [*base, "--compare", "2010-01-01:2010-01-10", "--compare", "2010-02-01:2010-02-10"])
    assert result.exit_code == 1
    assert "--compare: no kinetic event falls in January 1 – 10, 2010 or February 1 – 10, 2010" in result.stderr
    result = runner.invoke(app, [*base, "--compare", "2016-06-01:2016-06-14"])
    assert result.exit_code == 2 and "takes two periods" in " ".join(result.output.split())
