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
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:12]
    commands = [line for line in lines[lines.index("```bash") + 1 :] if line and not line.startswith("#")]
    install, test = commands[0], commands[1]
    assert "--require-hashes -r requirements/lock.txt" in install
    assert "strikewatch ingest samples/reports.jsonl" in install and "strikewatch report" in install
    assert test == "scripts/test" and (ROOT / "scripts" / "test").stat().st_mode & 0o111
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "README.md" in ci and 'bash -c "$command"' in ci  # CI runs the README's commands as written
