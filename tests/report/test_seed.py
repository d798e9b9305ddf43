"""From the ISW seed text alone, the report lists the strike, the campaigns and cites each line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikewatch.cli import app

CITATION = "MESOP CHRONOLOGY – RUSSIAN AIRSTRIKES IN SYRIA"


def _fold(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


@pytest.fixture(scope="module")
def seed_report(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    seed = shared / "seed" / "isw-russian-airstrikes-syria-2016-06.txt"
    out = tmp_path_factory.mktemp("seed") / "seed.md"
    result = CliRunner().invoke(
        app, ["report", str(seed), "--published", "2016-06-30", "--mode", "fast", "--no-progress", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (out.parent / "seed_files" / "map.png").stat().st_size > 10_000
    return out.read_text(encoding="utf-8")


def _section(text: str, heading: str) -> str:
    return text.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]


def test_seed_lists_al_quriyah_strike(seed_report: str) -> None:
    day = _section(seed_report, "## Chronology").split("### June 25, 2016\n", 1)[1].split("\n### ", 1)[0]
    lines = [line for line in day.splitlines() if "al Quriyah" in line]
    assert lines, day
    line = lines[0]
    assert "at least 47 killed" in line and "_allegedly_" in line and "air/drone strike" in line
    assert CITATION in line and "published June 30, 2016" in line


@pytest.mark.parametrize(
    ("province", "dates"),
    [
        ("Aleppo", "June 18 – 28, 2016"),
        ("ar Raqqah", "June 18 – 28, 2016"),
        ("Deir ez-Zor", "June 18 – 28, 2016"),
        ("Deir ez-Zor", "June 5 – 28, 2016"),
    ],
)
def test_seed_lists_campaigns_with_date_ranges(seed_report: str, province: str, dates: str) -> None:
    campaigns = _section(seed_report, "## Campaigns and sustained activity").strip().splitlines()
    name = _fold(province)[:6]
    assert any(_fold(line.split(":", 1)[0]).startswith(name) and dates in line for line in campaigns), campaigns


def test_seed_cites_the_document_on_every_line(seed_report: str) -> None:
    body = _section(seed_report, "## Chronology") + _section(seed_report, "## Campaigns and sustained activity")
    lines = [line for line in body.splitlines() if line.startswith("- ")]
    assert len(lines) >= 8
    assert all(CITATION in line and "published June 30, 2016" in line for line in lines)


def test_seed_keeps_certainty_words(seed_report: str) -> None:
    aleppo = [line for line in _section(seed_report, "## Chronology").splitlines() if "incendiary" in line]
    assert aleppo and all("allegedly" in line for line in aleppo)
