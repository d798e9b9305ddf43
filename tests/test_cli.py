"""The command line end to end: extract (good and bad input) and evaluate."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from strikewatch.cli import app

runner = CliRunner()
GOOD = "On 3 May 2020, regime forces shelled Kansafra in Idleb countryside. No casualties were reported."


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_extract_jsonl_keeps_ids_and_order(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        "\n".join(json.dumps({"id": f"d{i}", "text": GOOD, "published": "2020-05-04"}) for i in range(3)) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(docs), "-o", str(out), "--mode", "fast", "--no-progress"])
    assert result.exit_code == 0, result.output
    lines = _lines(out)
    assert [line["id"] for line in lines] == ["d0", "d1", "d2"]
    event = lines[0]["events"][0]
    assert event["sub_event_type"] == "Shelling/artillery/missile attack"
    assert event["date_start"] == "2020-05-03"
    assert event["fatalities"] == 0
    assert GOOD[event["evidence"]["start"] : event["evidence"]["end"]] == event["evidence"]["text"]


def test_extract_bad_documents_give_error_lines(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "latin1.txt").write_bytes("Frappes aériennes à Idleb le 3 mai".encode("latin-1"))
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    huge = tmp_path / "huge.jsonl"
    with huge.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "big", "text": "x " * 25_000_000, "published": "2020-05-04"}) + "\n")
        handle.write("{not json\n")
        handle.write(json.dumps({"id": "ok", "text": GOOD, "published": "2020-05-04"}) + "\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app,
        [
            "extract",
            str(tmp_path / "empty.txt"),
            str(tmp_path / "binary.txt"),
            str(tmp_path / "latin1.txt"),
            str(tmp_path / "good.txt"),
            str(huge),
            "-o",
            str(out),
            "--published",
            "2020-05-04",
            "--mode",
            "fast",
            "--no-progress",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = {line["id"]: line for line in _lines(out)}
    assert "empty file" in lines[str(tmp_path / "empty.txt")]["error"]
    assert "binary" in lines[str(tmp_path / "binary.txt")]["error"]
    assert "UTF-8" in lines[str(tmp_path / "latin1.txt")]["error"]
    assert "too large" in lines["big"]["error"]
    assert "not a JSON line" in lines[f"{huge}:2"]["error"]
    assert lines["good.txt"]["events"] and "error" not in lines["good.txt"]
    assert lines["ok"]["events"] and "error" not in lines["ok"]


def test_extract_workers_match_single_process(tmp_path: Path, shared: Path) -> None:
    gold = shared / "gold" / "acled-syria-2020-05.jsonl"
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    for out, workers in ((one, "1"), (two, "2")):
        result = runner.invoke(
            app, ["extract", str(gold), "-o", str(out), "--mode", "fast", "--workers", workers, "--no-progress"]
        )
        assert result.exit_code == 0, result.output
    assert _lines(one) == _lines(two)


def test_evaluate_prints_the_referee_figures(tmp_path: Path, shared: Path) -> None:
    gold = shared / "gold" / "seed.jsonl"
    pred = tmp_path / "pred.jsonl"
    assert runner.invoke(app, ["extract", str(gold), "-o", str(pred), "--mode", "fast", "--no-progress"]).exit_code == 0
    ours = runner.invoke(app, ["evaluate", str(gold), str(pred), "--json"])
    referee = subprocess.run(
        [sys.executable, str(shared / "tools" / "score.py"), "events", str(gold), str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(ours.output) == json.loads(referee.stdout)
