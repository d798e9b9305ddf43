"""Tests for strikewatch.extract.dates: time expressions and the days they denote."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import date

import pytest

from strikewatch.extract.dates import TimeExpression, find_dates

P16 = date(2016, 6, 30)  # a Thursday
P20 = date(2020, 5, 1)  # a Friday

Expected = list[tuple[str, str | None, str | None]]

CASES: list[tuple[str, date | None, Expected]] = [
    # absolute dates, all common forms
    (
        "On 28 April 2020, artillery hit the outskirts of Ariha.",
        P20,
        [("28 April 2020", "2020-04-28", "2020-04-28")],
    ),
    (
        "01 May 2020: two mortar rounds landed near the market.",
        P20,
        [("01 May 2020", "2020-05-01", "2020-05-01")],
    ),
    (
        "A drone struck a car on April 28, 2020 near the border.",
        P20,
        [("April 28, 2020", "2020-04-28", "2020-04-28")],
    ),
    (
        "Fighting resumed on the 28th of April 2020.",
        P20,
        [("28th of April 2020", "2020-04-28", "2020-04-28")],
    ),
    (
        "Incident log entry 2020-04-28: checkpoint attacked.",
        P20,
        [("2020-04-28", "2020-04-28", "2020-04-28")],
    ),
    ("He disappeared on 28/04/2020 after a raid.", P20, [("28/04/2020", "2020-04-28", "2020-04-28")]),
    ("He disappeared on 3/4/2020 after a raid.", P20, [("3/4/2020", "2020-04-03", "2020-04-03")]),
    ("Form dated 04/28/2020 in the US style.", P20, [("04/28/2020", "2020-04-28", "2020-04-28")]),
    ("Three rockets fell on April 28 in the evening.", P20, [("April 28", "2020-04-28", "2020-04-28")]),
    ("Three rockets fell on 28 April in the evening.", P20, [("28 April", "2020-04-28", "2020-04-28")]),
    ("Tuesday, April 28 was the worst day.", P20, [("Tuesday, April 28", "2020-04-28", "2020-04-28")]),
    (
        "Convoys moved on Apr. 28 and again on Sept 3, 2019.",
        P20,
        [("Apr. 28", "2020-04-28", "2020-04-28"), ("Sept 3, 2019", "2019-09-03", "2019-09-03")],
    ),
    (
        "A body was recovered around 29 April 2020 (midweek) near a well.",
        P20,
        [("29 April 2020", "2020-04-29", "2020-04-29")],
    ),
    (
        "As reported on 28 April 2020, the bridge was destroyed.",
        P20,
        [("28 April 2020", "2020-04-28", "2020-04-28")],
    ),
    ("The bulletin of 25-Jun-2016 lists four raids.", P16, [("25-Jun-2016", "2016-06-25", "2016-06-25")]),
    # year-less dates take the most recent year up to published + 7 days
    ("Shelling killed five on June 25.", P16, [("June 25", "2016-06-25", "2016-06-25")]),
    ("The jet was downed on November 24.", P16, [("November 24", "2015-11-24", "2015-11-24")]),
    ("Talks are due on 5 July.", P16, [("5 July", "2016-07-05", "2016-07-05")]),
    ("A second body was found on 8 May.", P20, [("8 May", "2020-05-08", "2020-05-08")]),
    # ranges
    (
        "Jets pounded the province from June 18 – 28 without pause.",
        P16,
        [("from June 18 – 28", "2016-06-18", "2016-06-28")],
    ),
    ("CHRONOLOGY 3. – 28. June", P16, [("3. – 28. June", "2016-06-03", "2016-06-28")]),
    ("Strikes went on from 18 to 28 June.", P16, [("from 18 to 28 June", "2016-06-18", "2016-06-28")]),
    (
        "Clashes flared between 3 and 5 May near the dam.",
        P20,
        [("between 3 and 5 May", "2020-05-03", "2020-05-05")],
    ),
    ("The siege lasted June 28 – July 2.", P16, [("June 28 – July 2", "2016-06-28", "2016-07-02")]),
    ("Monitors logged 40 raids on 18-28 June 2016.", P20, [("18-28 June 2016", "2016-06-18", "2016-06-28")]),
    ("A curfew held from 3 May to 5 May.", P20, [("from 3 May to 5 May", "2020-05-03", "2020-05-05")]),
    (
        "Between April 28 and May 2 the town was cut off.",
        P20,
        [("Between April 28 and May 2", "2020-04-28", "2020-05-02")],
    ),
    (
        "The truce ran December 28 – January 3.",
        date(2020, 1, 10),
        [("December 28 – January 3", "2019-12-28", "2020-01-03")],
    ),
    ("Sorties were flown April 28—30.", P20, [("April 28—30", "2020-04-28", "2020-04-30")]),
    (
        "Air raids intensified from May to July 2019.",
        P20,
        [("from May to July 2019", "2019-05-01", "2019-07-31")],
    ),
    (
        "Displacement peaked between 2011 and 2013.",
        P20,
        [("between 2011 and 2013", "2011-01-01", "2013-12-31")],
    ),
    # "and" without "between" is two days, not a range
    ("Raids on June 3 and 5 killed seven.", P16, [("June 3", "2016-06-03", "2016-06-03")]),
    # relative to the publication date (P20 is a Friday)
    ("Two shells hit the camp yesterday.", P20, [("yesterday", "2020-04-30", "2020-04-30")]),
    ("Aircraft circled the town today.", P20, [("today", "2020-05-01", "2020-05-01")]),
    ("A depot burned overnight.", P20, [("overnight", "2020-04-30", "2020-05-01")]),
    ("Militants attacked a checkpoint on Tuesday.", P20, [("Tuesday", "2020-04-28", "2020-04-28")]),
    ("A drone was shot down last Friday.", P20, [("last Friday", "2020-04-24", "2020-04-24")]),
    ("Protests spread last week.", P20, [("last week", "2020-04-20", "2020-04-26")]),
    ("Arrests rose this week.", P20, [("this week", "2020-04-27", "2020-05-01")]),
    ("Fuel ran out last month.", P20, [("last month", "2020-04-01", "2020-04-30")]),
    (
        "The crossing closed earlier this month.",
        date(2020, 5, 20),
        [("earlier this month", "2020-05-01", "2020-05-20")],
    ),
    ("Four died in a blast five days ago.", P20, [("five days ago", "2020-04-26", "2020-04-26")]),
    ("The past week saw little shelling.", P20, [("The past week", "2020-04-24", "2020-05-01")]),
    # parts of months and whole months
    ("Russia escalated in early June.", P16, [("early June", "2016-06-01", "2016-06-10")]),
    ("Fighting eased by mid-June.", P16, [("mid-June", "2016-06-11", "2016-06-20")]),
    ("Evacuations began in late June 2015.", P16, [("late June 2015", "2015-06-21", "2015-06-30")]),
    ("Aid stalled until the end of May.", date(2020, 6, 2), [("the end of May", "2020-05-21", "2020-05-31")]),
    ("In June, the front barely moved.", P16, [("June", "2016-06-01", "2016-06-30")]),
    ("June 2016 was the deadliest month.", P20, [("June 2016", "2016-06-01", "2016-06-30")]),
    ("The offensive began in 2015.", P20, [("2015", "2015-01-01", "2015-12-31")]),
    ("Sieges tightened in summer 2016.", P20, [("summer 2016", "2016-06-01", "2016-08-31")]),
    # relative to the previous expression
    (
        "On 3 May 2020 a market was hit; the following day a school.",
        P20,
        [("3 May 2020", "2020-05-03", "2020-05-03"), ("the following day", "2020-05-04", "2020-05-04")],
    ),
    (
        "The bridge fell on 9 May 2020. Two days later the town was taken.",
        P20,
        [("9 May 2020", "2020-05-09", "2020-05-09"), ("Two days later", "2020-05-11", "2020-05-11")],
    ),
    (
        "A convoy was ambushed on June 18 – 28 and the next day a base was hit.",
        P16,
        [("June 18 – 28", "2016-06-18", "2016-06-28"), ("the next day", "2016-06-29", "2016-06-29")],
    ),
    (
        "Leaflets fell on 5 May 2020; the day before, jets flew low.",
        P20,
        [("5 May 2020", "2020-05-05", "2020-05-05"), ("the day before", "2020-05-04", "2020-05-04")],
    ),
    # vague follow-ups keep their span with no dates
    (
        "Raids began on June 5 and continued in the weeks following the deployment.",
        P16,
        [("June 5", "2016-06-05", "2016-06-05"), ("in the weeks following", None, None)],
    ),
    ("Calm is expected to hold in the following weeks.", P16, [("in the following weeks", None, None)]),
    # no publication date: year-less and relative expressions keep their span, explicit years resolve
    (
        "On 28 April 2020 and on 29 April, then yesterday.",
        None,
        [("28 April 2020", "2020-04-28", "2020-04-28"), ("29 April", None, None), ("yesterday", None, None)],
    ),
    # things that are not dates
    ("The blast killed at least 47 and destroyed 30 trucks.", P16, []),
    ("The 4th Division shelled the hills.", P16, []),
    ("He was arrested 2 years ago under Resolution 2254.", P16, []),
    ("The raid started at 10:30 local time.", P16, []),
    ("Government forces may continue to advance.", P16, []),
    ("Residents march to the square every evening.", P16, []),
    ("Theresa May's cabinet met; in May's speech the war came up.", P16, []),
    ("Remnants of the 1990s arsenal were used.", P16, []),
    ("Prices rose 31 June, an impossible day.", P16, []),
    ("Killing between 2 to 4 fighters.", P20, []),
]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_find_dates_cases(text: str, published: date | None, expected: Expected) -> None:
    found = find_dates(text, published)
    got = [(e.text, _iso(e.date_start), _iso(e.date_end)) for e in found]
    assert got == expected
    for e in found:
        assert text[e.start : e.end] == e.text


@pytest.mark.parametrize(
    ("text", "published", "kind", "precision"),
    [
        ("On 28 April 2020, shelling.", P20, "date", "day"),
        ("from June 18 – 28", P16, "range", "day"),
        ("from May to July 2019", P20, "range", "month"),
        ("yesterday", P20, "relative", "day"),
        ("overnight", P20, "relative", "day"),
        ("last week", P20, "period", "week"),
        ("early June", P16, "period", "month"),
        ("in June", P16, "period", "month"),
        ("June 2016", P16, "period", "month"),
        ("in 2015", P16, "period", "year"),
        ("in the weeks following", P16, "relative", "week"),
        ("June 25", None, "date", "day"),
    ],
)
def test_find_dates_kind_and_precision(text: str, published: date | None, kind: str, precision: str) -> None:
    (expr,) = find_dates(text, published)
    assert (expr.kind, expr.precision) == (kind, precision)


def test_find_dates_same_weekday_is_a_week_earlier() -> None:
    # P20 is a Friday: a bare "Friday" is the previous one, "this Friday" may be the day itself
    assert [e.date_start for e in find_dates("on Friday", P20)] == [date(2020, 4, 24)]
    assert [e.date_start for e in find_dates("this Friday", P20)] == [P20]


def test_find_dates_next_day_without_anchor_has_no_date() -> None:
    (expr,) = find_dates("The next day, clashes resumed.", P20)
    assert (expr.text, expr.date_start, expr.kind) == ("The next day", None, "relative")


def test_find_dates_results_sorted_and_disjoint() -> None:
    text = (
        "On 28 April 2020 jets struck; from June 18 – 28 more raids; yesterday a drone; "
        "in early June a lull; the following day, 3/4/2020, last week and in 2015."
    )
    found = find_dates(text, P20)
    assert len(found) == 8
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_time_expression_is_frozen() -> None:
    (expr,) = find_dates("28 April 2020", None)
    assert isinstance(expr, TimeExpression)
    with pytest.raises(dataclasses.FrozenInstanceError):
        expr.start = 0  # type: ignore[misc]
