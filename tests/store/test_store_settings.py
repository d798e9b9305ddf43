"""Settings are declared once and documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from strikewatch import settings

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_settings_every_setting_is_documented() -> None:
    reference = DOCS.read_text(encoding="utf-8")
    for setting in settings.SETTINGS:
        assert f"`{setting.env}`" in reference and setting.help


def test_settings_environment_overrides_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRIKEWATCH_DB", "/tmp/x.db")
    assert settings.database_url() == "sqlite:////tmp/x.db"
    assert settings.database_url("postgresql+psycopg://h/db") == "postgresql+psycopg://h/db"
    monkeypatch.setenv("STRIKEWATCH_LINK_KM", "far")
    with pytest.raises(settings.ConfigError, match="STRIKEWATCH_LINK_KM"):
        settings.get_float("link_km")
