"""Flat formats: CSV of the contract's fields, JSON Lines in the contract's event format, Parquet.

CSV text cells that begin with ``=``, ``+``, ``-``, ``@``, tab or carriage return get a ``'`` in
front, as OWASP advises against CSV injection (a spreadsheet would run them as formulas, e.g.
``=HYPERLINK("javascript:…")``); number columns are left alone. ``formula_guard=False`` turns it off.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from strikewatch.extras import require
from strikewatch.store.rows import EVENT_FIELDS

CSV_COLUMNS = ("id", "namespace", "document", "incident", *EVENT_FIELDS, "evidence", "evidence_start", "evidence_end")
CSV_NUMBERS = frozenset(
    {"lat", "lon", "geonameid", "geo_precision", "fatalities", "fatalities_max", "evidence_start", "evidence_end"}
)
#: How a cell a spreadsheet would run as a formula begins (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard_formula(value: object) -> object:
    """Return a text cell that begins like a formula with a ``'`` in front (OWASP's advice); anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unguard_formula(value: str) -> str:
    """Return a cell written by :func:`guard_formula` as it was (the inverse, for reading our own exports)."""
    return value[1:] if value.startswith("'") and value[1:2] and value[1:2] in FORMULA_STARTS else value


def flat(event: dict[str, Any]) -> dict[str, Any]:
    """Return an event as one flat row: weapons joined by ``;``, evidence as text and offsets."""
    evidence = event.get("evidence") or {}
    row = {name: event.get(name) for name in CSV_COLUMNS}
    row["weapons"] = ";".join(event.get("weapons") or [])
    row["evidence"] = evidence.get("text") or event.get("notes")
    row["evidence_start"] = evidence.get("start")
    row["evidence_end"] = evidence.get("end")
    return row


def write_rows(
    events: Iterable[dict[str, Any]],
    out: TextIO,
    columns: Sequence[str],
    to_row: Callable[[dict[str, Any]], dict],
    *,
    numbers: frozenset[str] = frozenset(),
    formula_guard: bool = True,
) -> int:
    """Write ``events`` as CSV rows made by ``to_row`` under a header of ``columns``; return how many.

    With ``formula_guard``, every cell outside the ``numbers`` columns passes :func:`guard_formula`,
    so that a negative longitude stays a number while text cannot run as a formula.
    """
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    texts = [name for name in columns if name not in numbers] if formula_guard else []
    count = 0
    for event in events:
        row = to_row(event)
        for name in texts:
            row[name] = guard_formula(row.get(name))
        writer.writerow(row)
        count += 1
    return count


def write_csv(events: Iterable[dict[str, Any]], out: TextIO, *, formula_guard: bool = True) -> int:
    """Write ``events`` as CSV with the contract's field names; return how many (see :func:`write_rows`)."""
    return write_rows(events, out, CSV_COLUMNS, flat, numbers=CSV_NUMBERS, formula_guard=formula_guard)


def write_jsonl(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write the contract's event output: one ``{"id": document, "events": [...]}`` line per document."""
    groups: dict[str, list[dict[str, Any]]] = {}
    count = 0
    for event in events:
        key = event.get("document") or event["id"]
        contract = {name: event.get(name) for name in (*EVENT_FIELDS, "evidence", "spans")}
        groups.setdefault(key, []).append(contract)
        count += 1
    for key, group in groups.items():
        out.write(json.dumps({"id": key, "events": group}, ensure_ascii=False) + "\n")
    return count


def write_parquet(events: Iterable[dict[str, Any]], path: Path) -> int:
    """Write ``events`` as a Parquet file of flat rows (needs the ``parquet`` extra, pyarrow)."""
    require("parquet", "Parquet export (--format parquet)")
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [flat(event) for event in events]
    columns = {name: [row[name] for row in rows] for name in CSV_COLUMNS}
    pq.write_table(pa.table(columns), path)
    return len(rows)
