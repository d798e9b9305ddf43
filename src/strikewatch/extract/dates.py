"""Time expressions in English reports: "On 28 April 2020", "from June 18 – 28", "last Tuesday".

:func:`find_dates` scans a text with one compiled regular expression and turns each match into a
:class:`TimeExpression` with calendar dates, using month/weekday lookup tables and ``datetime``
arithmetic. Rare wordings the fast path does not compute (number words such as "three days ago",
"25-Jun-2016") are normalised by ``dateparser``, cached; ``dateparser.search`` is never used.

Resolution rules:

- A year-less date ("June 25") takes the most recent year in which it is not after
  ``published`` + 7 days; a year-less range is anchored on its start. Without ``published``,
  year-less and relative expressions keep their span but get ``None`` dates.
- Numeric dates need a four-digit year and are read day-first ("03/04/2020" = 3 April) unless only
  the month-first reading is valid ("04/28/2020").
- Spans leave out leading prepositions ("on", "in", "since"), except "from"/"between" opening a
  range and fixed phrases such as "in the weeks following".
- ``kind``: ``date`` (one day), ``range`` (two endpoints), ``period`` (a month, part of a month,
  season, year, or a week/month/year anchored on ``published`` such as "last week"), ``relative``
  (a day anchored on ``published`` or on the previous expression).
- "yesterday" = published - 1; "overnight"/"last night" = published - 1 … published; a bare or
  "last" weekday is the latest such day strictly before ``published`` ("this Tuesday" may be
  ``published`` itself, "next Tuesday" is after it); "last week" = the previous Monday–Sunday;
  "this week"/"this month" run from their first day to ``published``; "the past week" =
  ``published`` - 7 … ``published``; "early/mid/late June" = days 1–10 / 11–20 / 21–end.
- "the day before", "the next day", "two days later" count from the previous expression (skipping
  "in the weeks following" and the like), backwards from its ``date_start``, forwards from its
  ``date_end``; they get ``None`` dates if that expression has none or is coarser than a day.
- "in the weeks following", "over the coming weeks" and similar are returned with ``None`` dates
  (kind ``relative``): the caller may extend the previous range with them.

Speed (one core, Python 3.11): ~1.9M words/s on the 313 ACLED Syria notes of
``shared/gold/acled-syria-2020-05.jsonl`` (one call per note; ~2.0M with the notes joined) and ~2.1M
words/s on the ISW seed text; best of 3 ``timeit`` runs of ``find_dates(text, published)``, words
counted as ``len(text.split())``. Neither text calls dateparser.
"""

from __future__ import annotations

import functools
import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = ["TimeExpression", "find_dates", "time_precision"]

SLACK = timedelta(days=7)
_DAY1 = timedelta(days=1)

_MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month
_THIRDS = {
    "early": (1, 10),
    "beginning": (1, 10),
    "start": (1, 10),
    "mid": (11, 20),
    "middle": (11, 20),
    "late": (21, 31),
    "end": (21, 31),
}


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """One time expression found in a text, with the calendar days it denotes."""

    start: int  # character offset into the text
    end: int
    text: str  # text[start:end]
    date_start: date | None
    date_end: date | None  # equal to date_start for a single day
    kind: str  # "date" | "range" | "relative" | "period"
    precision: str  # "day" | "week" | "month" | "year"


def _words(names: list[str], dot: bool = False) -> str:
    """Return an alternation of Capitalised and UPPER-CASE forms, longest first."""
    forms = sorted({f for n in names for f in (n.capitalize(), n.upper())}, key=len, reverse=True)
    return "(?:" + "|".join(forms) + ")" + (r"\.?" if dot else "") + "(?![A-Za-z])"


_MON = (
    "(?:"
    + _words([m for m in _MONTHS if len(m) > 4 or m in ("may", "june", "july")])
    + "|"
    + _words([m for m in _MONTHS if len(m) <= 4 and m not in ("may", "june", "july")], dot=True)
    + ")"
)
_WDF = _words(list(_WEEKDAYS))
_WDA = (
    "(?:"
    + _WDF
    + "|"
    + _words(["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"], dot=True)
    + ")"
)
_WDP = rf"(?:{_WDA},?\s+(?:the\s+)?)?"  # optional weekday before a date: "Tuesday, April 28"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_Q = r"(?:[Ee]arly|[Mm]id|[Ll]ate|EARLY|MID|LATE)"
_QTY = (
    r"(?:\d{1,3}|an?|a\s+few|a\s+couple\s+of|few|several|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twenty|thirty|forty)(?:[\s-][a-z]+)?)"
)


def _pre(p: str) -> str:
    """Return the optional "from"/"between" that opens a range, as group ``{p}pre``."""
    return rf"(?:(?P<{p}pre>[Ff]rom|[Bb]etween|FROM|BETWEEN)\s+)?"


def _sep(p: str) -> str:
    """Return the separator between a range's endpoints, as group ``{p}sep``."""
    return rf"(?P<{p}sep>\s*[-–—]\s*|\s+(?:to|until|till|through|and)\s+)"


def _num(p: str) -> str:
    """Return a numeric date: ISO year-month-day, or day/month/year with a four-digit year."""
    return (
        rf"(?:(?P<{p}iy>{_YEAR})(?P<{p}s>[-/.])(?P<{p}im>\d\d?)(?P={p}s)(?P<{p}id>\d\d?)|"
        rf"(?P<{p}nd>\d\d?)(?P<{p}t>[-/.])(?P<{p}nm>\d\d?)(?P={p}t)(?P<{p}ny>{_YEAR}))(?!:\d)"
    )


_RANGES = [
    # "June 18 – 28", "from June 18 to July 2, 2016", "between April 28 and May 2"
    rf"(?P<rmd>{_pre('a')}{_WDP}(?P<am>{_MON})\s+(?P<ad>{_DAY}){_ORD}(?:,?\s+(?P<ay>{_YEAR}))?{_sep('a')}"
    rf"{_WDP}(?:(?P<bm>{_MON})\s+)?(?P<bd>{_DAY}){_ORD}(?:,?\s+(?P<by>{_YEAR}))?(?!:\d))",
    # "18-28 June 2016", "from 18 to 28 June", "3. – 28. June", "from 3 May to 5 May"
    rf"(?P<rdm>{_pre('c')}{_WDP}(?P<cd>{_DAY}){_ORD}\.?(?:(?:\s+of)?\s+(?P<cm>{_MON})(?:,?\s+(?P<cy>{_YEAR}))?)?"
    rf"{_sep('c')}{_WDP}(?P<ed>{_DAY}){_ORD}\.?(?:\s+of)?\s+(?P<em>{_MON})(?:,?\s+(?P<ey>{_YEAR}))?)",
    rf"(?P<rnum>{_pre('f')}{_num('f')}{_sep('f')}{_num('g')})",
    rf"(?P<ryr>(?P<ipre>[Ff]rom|[Bb]etween|FROM|BETWEEN)\s+(?P<iy>{_YEAR}){_sep('i')}(?P<jy>{_YEAR}))",
    # "from May to July", "June – August 2016"
    rf"(?P<rmon>{_pre('h')}(?P<hm>{_MON})(?:,?\s+(?P<hy>{_YEAR}))?{_sep('h')}(?P<km>{_MON})"
    rf"(?:,?\s+(?P<ky>{_YEAR}))?(?!\s*\d))",
]
_OTHERS = [
    rf"(?P<sdm>{_WDP}(?P<sd>{_DAY}){_ORD}\.?(?:\s+of)?\s+(?P<sm>{_MON})(?:,?\s+(?P<sy>{_YEAR}))?)",
    rf"(?P<smd>{_WDP}(?P<tm>{_MON})\s+(?P<td>{_DAY}){_ORD}(?:,?\s+(?P<ty>{_YEAR}))?(?!:\d))",
    rf"(?P<snum>{_num('u')})",
    rf"(?P<salpha>\d\d?-{_MON}-{_YEAR}|{_MON}-\d\d?-{_YEAR})",
    # periods: "early June", "mid-June 2016", "the end of May", "early 2016", "June 2016", "in June"
    rf"(?P<pmod>(?P<pq>{_Q}|(?:[Tt]he\s+)?(?:end|beginning|start|middle)\s+of)(?:\s*-\s*|\s+)"
    rf"(?:the\s+month\s+of\s+)?(?P<pm>{_MON})(?:,?\s+(?P<py>{_YEAR}))?(?![\s,]*\d)(?!['’]s))",
    rf"(?P<pyq>(?P<qq>{_Q})(?:\s*-\s*|\s+)(?P<qy>{_YEAR})(?![-–/]\d))",
    rf"(?P<pmy>(?P<rm>{_MON}),?\s+(?P<ry>{_YEAR})(?![-–/]\d))",
    rf"(?P<pin>(?:[Ii]n|IN|[Dd]uring|[Tt]hroughout|[Ss]ince|[Uu]ntil|[Oo]f)\s+(?:the\s+month\s+of\s+)?"
    rf"(?P<nm>{_MON})(?![\s,]*\d)(?!['’]s))",
    rf"(?P<piny>(?:[Ii]n|IN|[Dd]uring|[Tt]hroughout|[Ss]ince|[Uu]ntil|[Oo]f)\s+(?P<ny1>{_YEAR})(?![-–—/.:]?\d))",
    rf"(?P<ssn>(?:(?P<sq>{_Q})(?:\s*-\s*|\s+))?(?P<sn>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
    rf"(?:\s+of)?,?\s+(?P<sy2>{_YEAR}))",
    r"(?P<rssn>(?P<rsq>[Ll]ast|[Tt]his(?:\s+past)?|[Pp]ast)\s+(?P<rsn>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter)\b)",
    # anchored on the publication date
    r"(?P<rn>(?i:the\s+day\s+before\s+yesterday|yesterday(?:\s+(?:morning|afternoon|evening|night))?|overnight"
    r"|last\s+night|tonight|today|this\s+(?:morning|afternoon|evening))(?![A-Za-z]))",
    r"(?P<vague>(?i:(?:in|over|during)\s+the\s+(?:(?:following|coming|subsequent|next|past|previous|preceding|"
    r"ensuing)\s+(?P<vu>days|weeks|months)|(?P<vu2>days|weeks|months)\s+(?:following|that\s+followed|after|before)))\b)",
    r"(?P<rp>(?P<rpq>(?i:(?:earlier|later)\s+this|this|last|the\s+(?:past|last)|the(?=\s+weekend)))\s+"
    r"(?P<rpu>(?i:week|month|year|weekend))(?![A-Za-z])(?!\s+of\s))",
    rf"(?P<rq>(?i:the\s+(?:past|last))\s+(?P<rqn>{_QTY})\s+(?P<rqu>(?i:hours|days|weeks))\b)",
    rf"(?P<ago>(?P<agn>{_QTY})\s+(?P<agu>(?i:days?|weeks?|fortnight|months?))\s+ago\b)",
    # anchored on the previous expression
    rf"(?P<seq>(?i:the\s+(?:day|night)\s+before|the\s+previous\s+(?:day|night)|the\s+(?:following|next)\s+"
    rf"(?:day|morning|night|evening)|the\s+day\s+after|the\s+same\s+day|(?:a|one|the)\s+day\s+(?:later|earlier)"
    rf"|(?P<sqn>{_QTY})\s+days\s+(?:later|earlier))\b)",
    rf"(?P<wd>(?:(?P<wq>(?i:last|this\s+past|past|previous|next|this))\s+)?(?P<wn>{_WDF})"
    r"(?:\s+(?i:morning|afternoon|evening|night)\b)?)",
]


def _gate() -> re.Pattern[str]:
    """Compile the pre-scan: every pattern above starts with a digit or with one of these words.

    It runs on the lower-cased text and is grouped by first letter, so the regex engine passes
    over ordinary words with one comparison each; the full patterns are then tried, anchored, only
    at the positions it finds (about 4 times faster than searching with them). A match consumes
    only its first word, so the next word is a candidate too. Keep it in step with the patterns.
    """
    words = [
        *_MONTHS,
        *_WEEKDAYS,
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "from",
        "between",
        "early",
        "mid",
        "late",
        "last",
        "this",
        "past",
        "previous",
        "next",
        "yesterday",
        "overnight",
        "tonight",
        "today",
        "earlier",
        "later",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "few",
        "several",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "end",
        "beginning",
        "start",
        "middle",
    ]
    months = "|".join(m[:3] for m in _MONTHS)
    later = "following|coming|subsequent|next|past|previous|preceding|ensuing|days|weeks|months"
    snippets = [w + "(?![a-z])" for w in words] + [
        r"the(?=\s+(?:day|night|previous|following|next|same|past|last|end|beginning|start|middle|weekend)\b)",
        r"an?(?=\s+(?:few|couple|day|week|fortnight|month))",
    ]
    preps = ("in", "of", "during", "throughout", "since", "until")
    snippets += [rf"{w}(?=\s+(?:[0-9]|the\s+month|{months}))" for w in preps]
    snippets += [rf"{w}(?=\s+the\s+(?:{later}))" for w in ("in", "over", "during")]
    groups: dict[str, list[str]] = {}
    for snippet in snippets:
        groups.setdefault(snippet[0], []).append(snippet[1:])
    return re.compile(r"\b(?:[0-9]|" + "|".join(f"{c}(?:{'|'.join(r)})" for c, r in groups.items()) + ")")


_GATE = _gate()
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_RANGE_KINDS = {"rmd": "a", "rdm": "c", "rnum": "f", "ryr": "i", "rmon": "h"}  # kind -> group prefix
_ALL = re.compile(r"\b(?:" + "|".join(_RANGES + _OTHERS) + ")")
_NO_RANGE = re.compile(r"\b(?:" + "|".join(_OTHERS) + ")")


def _mon(token: str) -> int:
    """Return the month number of a month name or abbreviation ("Sept." -> 9)."""
    return _MONTHS[token.rstrip(".").lower()]


def _ymd(y: int, m: int, d: int) -> date | None:
    """Return the date, or None if there is no such day."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _last_day(y: int, m: int) -> date:
    """Return the last day of a month."""
    return date(y, m, monthrange(y, m)[1])


def _infer_year(m: int, d: int, published: date) -> int:
    """Return the latest year in which month m, day d falls on or before published + SLACK."""
    limit = published + SLACK
    y = limit.year
    while True:  # day 29 of February needs a leap year; every other valid (m, d) stops at once
        day = _ymd(y, m, d)
        if day is not None and day <= limit:
            return y
        y -= 1


@functools.lru_cache(maxsize=2048)
def _dateparser(phrase: str, base: date) -> date | None:
    """Normalise a wording the fast path does not cover with dateparser, relative to base."""
    import dateparser  # type: ignore[import-untyped]  # deferred: slow to import, rarely needed

    settings = {"RELATIVE_BASE": datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past"}
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None


def _count(qty: str) -> int | None:
    """Return the number a quantity word stands for ("3", "a", "three"), or None if vague."""
    qty = " ".join(qty.lower().split())
    if qty.isdigit():
        return int(qty)
    if qty in ("a", "an", "one"):
        return 1
    base = date(2000, 1, 1)
    day = _dateparser(f"{qty} days ago", base)
    return (base - day).days if day is not None else None


def _num_date(m: re.Match[str], p: str) -> date | None:
    """Return the date of a numeric date matched by ``_num(p)``, or None if it is no valid day."""
    if m.group(p + "iy"):
        return _ymd(int(m.group(p + "iy")), int(m.group(p + "im")), int(m.group(p + "id")))
    a, b, y = int(m.group(p + "nd")), int(m.group(p + "nm")), int(m.group(p + "ny"))
    return _ymd(y, a, b) if b > 12 >= a else _ymd(y, b, a)  # day-first unless only month-first is valid


_Dates = tuple[date | None, date | None, str, str] | None  # date_start, date_end, kind, precision


def _range(m1: int, d1: int, y1: int | None, m2: int, d2: int, y2: int | None, published: date | None) -> _Dates:
    """Return a day range, completing missing years from the other endpoint or ``published``."""
    wraps = (m2, d2) < (m1, d1)  # "December 28 – January 3"
    if None in (_ymd(2000, m1, d1), _ymd(2000, m2, d2)) or (m1, d1) == (m2, d2) or (wraps and m1 == m2):
        return None
    if y1 is None and y2 is not None:
        y1 = y2 - 1 if wraps else y2
    elif y2 is None and y1 is not None:
        y2 = y1 + 1 if wraps else y1
    elif y1 is None or y2 is None:
        if published is None:
            return None, None, "range", "day"
        y1 = _infer_year(m1, d1, published)
        y2 = y1 + 1 if wraps else y1
    start, end = _ymd(y1, m1, d1), _ymd(y2, m2, d2)
    if start is None or end is None or not start < end <= start + timedelta(days=366):
        return None
    return start, end, "range", "day"


def _month_span(y: int | None, m: int, q: str | None, published: date | None) -> _Dates:
    """Return a month or the part of it that q names ("early", "the end of"), inferring the year."""
    first, last = _THIRDS[next(w for w in q.lower().split() if w in _THIRDS)] if q else (1, 31)
    if y is None:
        if published is None:
            return None, None, "period", "month"
        y = _infer_year(m, first, published)
    return date(y, m, first), date(y, m, min(last, monthrange(y, m)[1])), "period", "month"


def _season(name: str, y: int, q: str | None) -> tuple[date, date]:
    """Return the months of a northern-hemisphere season (winter 2016 = Dec 2016 – Feb 2017)."""
    first = _SEASONS[name.lower()]
    offset, length = ({"early": 0, "mid": 1, "late": 2}[q.lower()], 1) if q else (0, 3)
    m0 = first - 1 + offset
    start_y, start_m = y + m0 // 12, m0 % 12 + 1
    m1 = m0 + length - 1
    return date(start_y, start_m, 1), _last_day(y + m1 // 12, m1 % 12 + 1)


def _resolve(m: re.Match[str], kind: str, pub: date | None, prev: TimeExpression | None) -> _Dates:
    """Compute (date_start, date_end, kind, precision) for a match, or None if it is no date."""
    g = m.group
    if kind in _RANGE_KINDS:
        p = _RANGE_KINDS[kind]
        pre = (g(p + "pre") or "").lower()
        if g(p + "sep").strip() == "and" and pre != "between":  # "June 3 and 5" is two days
            return None
    if kind == "rmd" or kind == "rdm":
        p, q = ("a", "b") if kind == "rmd" else ("c", "e")
        ma, mb, y1, y2 = g(p + "m"), g(q + "m"), g(p + "y"), g(q + "y")
        m1 = _mon(ma or mb)
        return _range(
            m1,
            int(g(p + "d")),
            int(y1) if y1 else None,
            _mon(mb) if mb else m1,
            int(g(q + "d")),
            int(y2) if y2 else None,
            pub,
        )
    if kind == "ryr":
        y1, y2 = int(g("iy")), int(g("jy"))
        return (date(y1, 1, 1), date(y2, 12, 31), "range", "year") if y1 < y2 else None
    if kind == "rnum":
        start, end = _num_date(m, "f"), _num_date(m, "g")
        return (start, end, "range", "day") if start and end and start < end else None
    if kind == "rmon":
        if not (pre or g("ky")):
            return None
        m1, m2 = _mon(g("hm")), _mon(g("km"))
        y2 = int(g("ky")) if g("ky") else None
        y1 = int(g("hy")) if g("hy") else (y2 - (m1 > m2) if y2 else None)
        if y1 is None:
            if pub is None:
                return None, None, "range", "month"
            y1 = _infer_year(m1, 1, pub)
        y2 = y2 or y1 + (m1 > m2)
        return (date(y1, m1, 1), _last_day(y2, m2), "range", "month") if (y1, m1) < (y2, m2) else None
    if kind in ("sdm", "smd"):
        p = "s" if kind == "sdm" else "t"
        mo, d = _mon(g(p + "m")), int(g(p + "d"))
        if _ymd(2000, mo, d) is None:
            return None
        year = int(g(p + "y")) if g(p + "y") else _infer_year(mo, d, pub) if pub else None
        day = _ymd(year, mo, d) if year else None
        return (day, day, "date", "day") if day or not g(p + "y") else None
    if kind == "snum" or kind == "salpha":
        day = _num_date(m, "u") if kind == "snum" else _dateparser(m.group(), pub or date(2000, 1, 1))
        return (day, day, "date", "day") if day else None
    if kind == "pmod":
        return _month_span(int(g("py")) if g("py") else None, _mon(g("pm")), g("pq"), pub)
    if kind == "pmy":
        return _month_span(int(g("ry")), _mon(g("rm")), None, pub)
    if kind == "pin":
        return _month_span(None, _mon(g("nm")), None, pub)
    if kind == "pyq":
        y, first = int(g("qy")), {"early": 1, "mid": 5, "late": 9}[g("qq").lower()]
        return date(y, first, 1), _last_day(y, first + 3), "period", "year"
    if kind == "piny":
        y = int(g("ny1"))
        return date(y, 1, 1), date(y, 12, 31), "period", "year"
    if kind == "ssn":
        return (*_season(g("sn"), int(g("sy2")), g("sq")), "period", "month")
    if kind == "vague":
        unit = (g("vu") or g("vu2")).lower()
        return None, None, "relative", {"days": "day", "weeks": "week", "months": "month"}[unit]
    if pub is None and kind != "seq":
        if kind == "rp":
            return None, None, "period", "day" if g("rpu").lower() == "weekend" else g("rpu").lower()
        kind_precision = {"rssn": ("period", "month"), "rq": ("period", "day")}.get(kind, ("relative", "day"))
        return None, None, *kind_precision
    return _relative(m, kind, pub, prev)


def _relative(m: re.Match[str], kind: str, pub: date | None, prev: TimeExpression | None) -> _Dates:
    """Resolve an expression anchored on the publication date or on the previous expression."""
    g = m.group
    if pub is None:  # only "seq" gets here without a publication date
        return _following(m, prev)
    if kind == "rssn":
        q = g("rsq").lower()
        spans = [_season(g("rsn"), y, None) for y in range(pub.year, pub.year - 3, -1)]
        if q == "this":
            s, e = next(sp for sp in spans if sp[0] <= pub)
        else:
            s, e = next(sp for sp in spans if sp[1] < pub)
        return s, e, "period", "month"
    if kind == "rn":
        w = m.group().lower()
        if w.startswith(("overnight", "last")):
            return pub - _DAY1, pub, "relative", "day"
        day = pub - timedelta(days=2 if "before" in w else 1 if w.startswith("yesterday") else 0)
        return day, day, "relative", "day"
    if kind == "rp":
        q, unit = " ".join(g("rpq").lower().split()), g("rpu").lower()
        monday = pub - timedelta(days=pub.weekday())
        if unit == "weekend":
            sat = pub - timedelta(days=(pub.weekday() - 5) % 7)
            return sat, min(sat + _DAY1, pub), "period", "day"
        if q.startswith("the"):
            days = {"week": 7, "month": 30, "year": 365}[unit]
            return pub - timedelta(days=days), pub, "period", unit
        if q == "last":
            if unit == "week":
                return monday - timedelta(days=7), monday - _DAY1, "period", "week"
            if unit == "month":
                end = pub.replace(day=1) - _DAY1
                return end.replace(day=1), end, "period", "month"
            return date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31), "period", "year"
        first = {"week": monday, "month": pub.replace(day=1), "year": date(pub.year, 1, 1)}[unit]
        if q.startswith("later"):
            last = {
                "week": monday + timedelta(days=6),
                "month": _last_day(pub.year, pub.month),
                "year": date(pub.year, 12, 31),
            }[unit]
            return pub, last, "period", unit
        return first, pub, "period", unit
    if kind == "rq":
        n, unit = _count(g("rqn")), g("rqu").lower()
        if n is None:
            return None, None, "period", "day"
        days = -(-n // 24) if unit == "hours" else n * 7 if unit == "weeks" else n
        precision = "week" if unit == "weeks" else "day"
        return pub - timedelta(days=days), pub, ("relative" if unit == "hours" else "period"), precision
    if kind == "ago":
        unit = g("agu").lower().rstrip("s")
        precision = "day" if unit == "day" else "week" if unit in ("week", "fortnight") else "month"
        n = _count(g("agn")) if unit in ("day", "week") else None
        back = timedelta(days=n * (7 if unit == "week" else 1)) if n else None
        then = pub - back if back is not None else _dateparser(" ".join(m.group().split()), pub)
        return then, then, "relative", precision
    if kind == "wd":
        wd, q = _WEEKDAYS.index(g("wn").lower()), " ".join((g("wq") or "").lower().split())
        if q == "next":
            day = pub + timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
        else:
            day = pub - timedelta(days=(pub.weekday() - wd) % 7 or (0 if q == "this" else 7))
        return day, day, "relative", "day"
    return _following(m, prev)


def _following(m: re.Match[str], prev: TimeExpression | None) -> _Dates:
    """Resolve "the day before", "the next day", "two days later" from the previous expression."""
    if prev is None or prev.precision != "day" or prev.date_start is None or prev.date_end is None:
        return None, None, "relative", "day"
    w = " ".join(m.group().lower().split())
    if "same" in w:
        return prev.date_start, prev.date_end, "relative", "day"
    n = _count(m.group("sqn")) if m.group("sqn") else 1
    if n is None:
        return None, None, "relative", "day"
    back = "before" in w or "previous" in w or "earlier" in w
    day = prev.date_start - timedelta(days=n) if back else prev.date_end + timedelta(days=n)
    return day, day, "relative", "day"


def find_dates(text: str, published: date | None) -> list[TimeExpression]:
    """Find the time expressions in text, sorted by start and non-overlapping (longest match wins).

    ``published`` anchors year-less and relative expressions; if it is None they keep their span
    but get None dates, while dates with an explicit year still resolve.
    """
    found: list[TimeExpression] = []
    prev: TimeExpression | None = None
    lowered = text.lower()
    if len(lowered) != len(text):  # a few non-ASCII letters grow when lower-cased; keep offsets aligned
        lowered = text.translate(_ASCII_LOWER)
    pos, match = 0, _ALL.match
    for candidate in _GATE.finditer(lowered):
        if candidate.start() < pos or (m := match(text, candidate.start())) is None:
            continue
        kind = m.lastgroup or ""
        dates = _resolve(m, kind, published, prev)
        if dates is None and kind in _RANGE_KINDS:
            # not a range after all ("June 3 and 5"): take what the first part holds
            inner = _NO_RANGE.match(text, m.start(), m.end())
            if inner is None:
                continue
            m, kind = inner, inner.lastgroup or ""
            dates = _resolve(m, kind, published, prev)
        if dates is None:
            continue
        pos = m.end()
        # the span leaves out a leading preposition ("in June", "since 2011")
        start = m.start("nm") if kind == "pin" else m.start("ny1") if kind == "piny" else m.start()
        expr = TimeExpression(start, m.end(), text[start : m.end()], *dates)
        found.append(expr)
        if kind != "vague":  # "the next day" counts from the expression just before it
            prev = expr
    return found


# "Around 8 May", "as reported on 8 May", "(week of)": the day itself is not known.
_APPROXIMATE_BEFORE = re.compile(r"\b(?:around|about|approximately|circa|as reported on|reported on)\s*$", re.I)
_APPROXIMATE_AFTER = re.compile(r"^\s*\((?:as reported|week of|approximate\w*)", re.I)


def time_precision(expr: TimeExpression, text: str = "") -> int:
    """Return ACLED's time precision of an event dated by ``expr``: 1 day, 2 week, 3 month or coarser.

    A single day (or "overnight", a night across two days) is 1 unless the text says it is
    approximate ("around 8 May", "as reported on 8 May"); a span of up to a week, or a week, is 2.
    """
    if expr.precision in ("month", "year"):
        return 3
    if expr.date_start is None or expr.date_end is None:
        return 2
    days = (expr.date_end - expr.date_start).days
    if expr.precision == "week" or days > 1 or (days == 1 and expr.kind == "range"):
        return 2 if days <= 7 else 3
    before, after = text[max(0, expr.start - 25) : expr.start], text[expr.end : expr.end + 20]
    if _APPROXIMATE_BEFORE.search(before) or _APPROXIMATE_AFTER.match(after):
        return 2
    return 1
