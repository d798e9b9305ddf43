"""Write events in the formats other tools read: CSV, ACLED's CSV layout, GeoJSON, KML, Parquet, JSONL."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from strikewatch.errors import ConfigError
from strikewatch.export.acled import write_acled
from strikewatch.export.geo import write_geojson, write_kml
from strikewatch.export.tabular import write_csv, write_jsonl, write_parquet

TextWriter = Callable[[Iterable[dict[str, Any]], TextIO], int]
TEXT_WRITERS: dict[str, TextWriter] = {
    "csv": write_csv,
    "acled": write_acled,
    "geojson": write_geojson,
    "kml": write_kml,
    "jsonl": write_jsonl,
}
FORMATS = (*TEXT_WRITERS, "parquet")

__all__ = ["FORMATS", "export", "write_acled", "write_csv", "write_geojson", "write_jsonl", "write_kml"]


def export(events: Iterable[dict[str, Any]], fmt: str, output: Path | None, *, formula_guard: bool = True) -> int:
    """Write ``events`` in format ``fmt`` to ``output`` (stdout when None); return how many were written.

    ``formula_guard`` (CSV and ACLED CSV) puts a ``'`` before text cells a spreadsheet would run as formulas.
    """
    if fmt == "parquet":
        if output is None:
            raise ConfigError("Parquet is binary: give a file with -o")
        return write_parquet(events, output)
    try:
        writer = TEXT_WRITERS[fmt]
    except KeyError as exc:
        raise ConfigError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}") from exc
    if fmt in ("csv", "acled"):
        writer = partial(writer, formula_guard=formula_guard)
    if output is None:
        return writer(events, sys.stdout)
    with output.open("w", encoding="utf-8", newline="") as out:
        return writer(events, out)
