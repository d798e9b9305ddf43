"""The watch and alerts commands: their output, their errors, and the message for a missing extra."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from strikewatch.cli import app

runner = CliRunner()


def _run(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--db", f"sqlite:///{db}"])
    return result.exit_code, result.stdout, result.stderr


def test_cli_monitor_feeds_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert _run(db, "watch", "list")[1].startswith("no feeds watched")
    code, out, _ = _run(db, "watch", "add-feed", "https://news.example.org/rss", "--every", "1h30m")
    assert code == 0 and out.strip() == "watching news.example.org: https://news.example.org/rss every 1h30m"
    code, out, _ = _run(db, "watch", "list", "--json")
    assert code == 0 and '"every_seconds": 5400' in out and '"polled_at": "never"' in out
    code, _, err = _run(db, "watch", "add-feed", "https://news.example.org/rss")
    assert code == 1 and err.strip() == "error: https://news.example.org/rss is already watched as 'news.example.org'"
    code, _, err = _run(db, "watch", "add-feed", "https://x.example/rss", "--every", "soon")
    assert code == 1 and "interval 'soon' is not understood" in err
    assert _run(db, "watch", "remove", "news.example.org")[1].startswith("no longer watching news.example.org")
    code, _, err = _run(db, "watch", "remove", "news.example.org")
    assert code == 1 and "no watched feed is named" in err


def test_cli_monitor_alerts_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    args = ["alerts", "add", "--name", "russia-idleb", "--admin1", "Idleb", "--actor", "Military Forces of Russia"]
    code, out, _ = _run(db, *args, "--min-fatalities", "3", "--email", "desk@example.org")
    assert code == 0 and out.startswith("watch russia-idleb (match): admin1 Idleb; actor Military Forces of Russia")
    assert "to: desk@example.org; feed http://127.0.0.1:8000/alerts/russia-idleb.atom" in out
    code, out, _ = _run(db, "alerts", "list", "--json")
    assert '"filter": {"admin1": "Idleb", "actor": "Military Forces of Russia", "min_fatalities": 3}' in out
    code, _, err = _run(db, "alerts", "add", "--name", "x", "--bbox", "37,36,36,35")
    assert code != 0 and "the minimum comes first" in err
    code, _, err = _run(db, "alerts", "add", "--name", "x", "--webhook", "ftp://example.org/hook")
    assert code == 1 and "is not an http(s) URL" in err
    assert _run(db, "alerts", "remove", "russia-idleb")[1].strip() == "removed watch russia-idleb and its 0 alerts"
    code, _, err = _run(db, "alerts", "feed", "russia-idleb")
    assert code == 1 and "no watch is named 'russia-idleb'" in err


def test_cli_monitor_events_takes_the_new_filters(tmp_path: Path) -> None:
    code, _, err = _run(tmp_path / "s.db", "events", "--create", "--admin2", "Ariha", "--min-fatalities", "2")
    assert code == 0 and err.startswith("no events: the store at") and "holds no events yet" in err
