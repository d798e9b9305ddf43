"""Flat formats: CSV of the contract's fields, JSON Lines in the contract's event format, Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from strikewatch.extras import require
from strikewatch.store.rows import EVENT_FIELDS

CSV_COLUMNS = ("id", "namespace", "document", "incident", *EVENT_FIELDS, "evidence", "evidence_start", "evidence_end")


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
    events: Iterable[dict[str, Any]], out: TextIO, columns: Sequence[str], to_row: Callable[[dict[str, Any]], dict]
) -> int:
    """Write ``events`` as CSV rows made by ``to_row`` under a header of ``columns``; return how many."""
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(to_row(event))
        count += 1
    return count


def write_csv(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write ``events`` as CSV with the contract's field names; return how many."""
    return write_rows(events, out, CSV_COLUMNS, flat)


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
