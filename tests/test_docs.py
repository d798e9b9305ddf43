"""Every command is documented, and the README keeps the two commands a newcomer needs."""

from __future__ import annotations

from pathlib import Path

from typer.main import get_command

from strikewatch.cli import app

ROOT = Path(__file__).resolve().parents[1]


def test_every_command_is_documented() -> None:
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    commands = get_command(app).commands  # type: ignore[attr-defined]
    assert commands
    for name, command in commands.items():
        assert f"## `strikewatch {name}`" in reference, name
        assert command.help, name


def test_readme_opens_with_install_and_test_commands() -> None:
    head = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:12])
    assert "pip install -e" in head and "strikewatch ingest samples/reports.jsonl" in head
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "grep -m1 -E '^python -m pytest' README.md" in ci
    assert any(line.startswith("python -m pytest") for line in head.splitlines())
