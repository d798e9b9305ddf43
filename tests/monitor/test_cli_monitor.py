"""The watch and alerts commands: their output, their errors, and the message for a missing extra."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
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
    code, _, err = _run(tmp_path / "s.db", "events", "--admin2", "Ariha", "--min-fatalities", "2")
    assert code == 0 and err.strip() == "0 events"


def test_cli_monitor_surge_without_its_extra_is_one_line(tmp_path: Path) -> None:
    code = "import sys; sys.modules['numpy'] = None; from strikewatch.cli import app; app()"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "alerts",
            "add",
            "--name",
            "s",
            "--surge",
            "--db",
            f"sqlite:///{tmp_path / 's.db'}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == ["error: --surge needs numpy: pip install 'strikewatch[monitor]'"]


def test_cli_monitor_web_without_fastapi_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from strikewatch.errors import ConfigError

    monkeypatch.setitem(sys.modules, "fastapi", None)
    monkeypatch.delitem(sys.modules, "strikewatch.monitor.web", raising=False)
    with pytest.raises(ConfigError, match=r"pip install 'strikewatch\[monitor\]'"):
        import strikewatch.monitor.web  # noqa: F401
