"""Change points and regional shares on synthetic events with a known truth, and on null series."""

from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np
import pytest

from strikewatch.analyze import analyze, records
from strikewatch.analyze.assess import day_text
from strikewatch.analyze.changepoints import scan
from strikewatch.analyze.synthetic import Rate, synthetic_events
from strikewatch.report import build_report
from strikewatch.report.markdown import render_markdown

START = date(2016, 5, 1)


def test_changepoints_scan_finds_step() -> None:
    counts = np.array([5] * 20 + [1] * 20)
    k, stat = scan(counts)
    assert int(k[0]) == 20 and float(stat[0]) > 20


@pytest.mark.parametrize("change_day", [18, 30, 41])
def test_changepoints_report_states_change_day_and_top_region(change_day: int) -> None:
    rng = np.random.default_rng(change_day)
    pairs = synthetic_events(
        {"Aleppo": Rate(6.0, 1.5, change_day), "Idleb": Rate(2.0), "Hama": Rate(1.0)}, days=60, rng=rng
    )
    text, _ = render_markdown(build_report(pairs))
    assessment = text.split("## Map")[0]
    sentence = next(line for line in assessment.splitlines() if "activity in Aleppo decreased" in line)
    stated = re.search(r"beginning on (\w+ \d+, \d{4})", sentence)
    assert stated is not None
    allowed = {day_text(START + timedelta(days=change_day + d)) for d in (-1, 0, 1)}
    assert stated.group(1) in allowed, sentence
    assert re.search(r"\[[^\]]+:\d+\]\(#ev-[^)]+\)", sentence), "the statement links to its events by id"
    assert "Most reported events were in Aleppo" in assessment


def test_changepoints_escalation_is_stated_as_escalation() -> None:
    pairs = synthetic_events({"Deir-ez-Zor": Rate(0.5, 4.0, 35)}, days=60, rng=np.random.default_rng(7))
    analysis = analyze(records(pairs))
    assert any("escalated beginning on" in s.text and "Deir-ez-Zor" in s.text for s in analysis.statements)


def test_changepoints_false_alarm_rate_on_null_series() -> None:
    rng = np.random.default_rng(2016)
    alarms = 0
    for i in range(200):
        rates = {
            "Aleppo": Rate(float(rng.uniform(0.3, 6))),
            "Idleb": Rate(float(rng.uniform(0.3, 3))),
            "Hama": Rate(float(rng.uniform(0.1, 1.5))),
        }
        analysis = analyze(records(synthetic_events(rates, days=int(rng.integers(20, 90)), rng=rng)), seed=i)
        stated = [s for s in analysis.statements if s.kind == "change" and s.strength != "none"]
        alarms += bool(analysis.changes or stated)
    assert alarms / 200 < 0.05, f"false-alarm rate {alarms / 200:.1%}"
