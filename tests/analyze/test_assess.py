"""Assessment wording follows the statistics: hedged when weak, plain when strong, silent when null."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from strikewatch.analyze.assess import change_statement, range_text, share_statement
from strikewatch.analyze.changepoints import ChangePoint
from strikewatch.analyze.series import Series
from strikewatch.analyze.shares import Shares

START = date(2016, 6, 1)


def _change(p: float) -> ChangePoint:
    counts = np.array([5] * 28 + [1] * 2)
    series = Series("admin1", "Aleppo", START, counts, [[f"k{i}"] for i in range(30)])
    return ChangePoint(series, date(2016, 6, 29), 5.0, 1.0, 140, 2, 28, 2, 30.0, p / 4, p, START, date(2016, 6, 30))


@pytest.mark.parametrize(
    ("p", "expected", "strength"),
    [
        (0.0001, "decreased significantly beginning on June 29, 2016", "strong"),
        (0.005, "appears to have decreased beginning on June 29, 2016", "hedged"),
    ],
)
def test_assess_change_wording(p: float, expected: str, strength: str) -> None:
    statement = change_statement(_change(p), family=4)
    assert expected in statement.text and statement.strength == strength
    assert "5.0 to 1.0 events a day" in statement.text and statement.keys


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2016, 6, 18), date(2016, 6, 28), "June 18 – 28, 2016"),
        (date(2016, 5, 30), date(2016, 6, 2), "May 30 – June 2, 2016"),
        (date(2016, 6, 5), date(2016, 6, 5), "June 5, 2016"),
    ],
)
def test_assess_range_text(first: date, last: date, expected: str) -> None:
    assert range_text(first, last) == expected


def test_assess_share_wording() -> None:
    shares = Shares("Military Forces of Russia", None, None, [("Aleppo", 30), ("Idleb", 5)], {"Aleppo": ["a"]}, 1e-5)
    statement = share_statement(shares)
    assert statement is not None and "prioritized Aleppo (30 of 35" in statement.text
    weak = share_statement(replace(shares, p_value=0.03))
    assert weak is not None and "appears to have prioritized Aleppo" in weak.text
    spread = share_statement(replace(shares, counts=[("Aleppo", 6), ("Idleb", 5)], p_value=0.5))
    assert spread is not None and "prioritized" not in spread.text and spread.strength == "none"
