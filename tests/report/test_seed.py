"""From the ISW seed text alone, the report lists the strike, the campaigns and cites each line."""

from __future__ import annotations

import json
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


def test_seed_assessment_leads_with_the_al_quriyah_strike(seed_report: str) -> None:
    assessment = _section(seed_report, "## Assessment")
    first = next(line for line in assessment.splitlines() if line.startswith("- "))
    assert first.startswith("- Deadliest incident") and "at least 47 killed on June 25, 2016" in first
    assert "al Quriyah" in first and "allegedly" in first


def test_seed_quotes_its_own_trend_judgement_attributed_to_isw(seed_report: str) -> None:
    assessment = _section(seed_report, "## Assessment")
    sources = _section(seed_report, "## What the sources assess")
    judgement = "appears to have significantly decreased beginning on June 29"
    quoted = [line for line in sources.splitlines() if judgement in line]
    assert quoted and "— ISW (Genevieve Casagrande), in" in quoted[0] and quoted[0].startswith("> **trend** “")
    assert "appears to have significantly decreased" not in assessment  # the source's words stay apart from ours


def test_seed_period_is_june_2016_with_the_november_2015_event_named_apart(seed_report: str, shared: Path) -> None:
    from datetime import date

    from strikewatch.report import build_report
    from strikewatch.report.inputs import pairs_from_documents

    assert seed_report.startswith("# Conflict events, June 3 – 29, 2016\n")
    assessment = _section(seed_report, "## Assessment")
    outlier = [line for line in assessment.splitlines() if "far outside it" in line]
    assert outlier and "November 24, 2015" in outlier[0]
    apart = seed_report.split("### Outside the period\n", 1)[1].split("\n## ", 1)[0]
    assert "November 24, 2015" in apart and "2015" not in _section(seed_report, "## Chronology").split("### Outside")[0]
    seed = shared / "seed" / "isw-russian-airstrikes-syria-2016-06.txt"
    report = build_report(pairs_from_documents([seed], published=date(2016, 6, 30), mode="fast"))
    a = report.analysis
    assert (a.first.year, a.first.month, a.last.year, a.last.month) == (2016, 6, 2016, 6)  # the chart's x axis
    charted = {key for series in a.regions.values() for day in series.keys for key in day}
    diplomatic = {r.key for r in a.records if r.event.event_type == "Strategic developments"}
    assert diplomatic and charted and not charted & diplomatic  # the letter and the call are not strikes
    assert a.counted == len(a.records) - len(diplomatic)
    assert [r.event.date_start for r in a.outliers] == [date(2015, 11, 24)]


def test_seed_refers_to_events_by_their_store_ids(seed_report: str, shared: Path, tmp_path: Path) -> None:
    seed = shared / "seed" / "isw-russian-airstrikes-syria-2016-06.txt"
    db = str(tmp_path / "s.db")
    args = ["ingest", str(seed), "--published", "2016-06-30", "--db", db, "--mode", "fast", "--no-progress"]
    assert CliRunner().invoke(app, args).exit_code == 0
    stored = json.loads(CliRunner().invoke(app, ["events", "--db", db, "--format", "geojson"]).stdout.split("\n")[0])
    ids = {feature["id"] for feature in stored["features"]}
    named = set(re.findall(r"\*\*([0-9a-f]{32}:\d+)\*\*", seed_report))
    assert len(ids) >= 8 and named == ids
