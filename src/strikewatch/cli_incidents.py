"""``strikewatch incidents``: the incidents the store linked its reports into, and one incident in full."""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from strikewatch.cli_filters import (
    ActorOption,
    Admin1Option,
    BboxOption,
    CertaintyOption,
    CountryOption,
    DateFrom,
    DateTo,
    LikeOption,
    TextOption,
    TypeOption,
    filter_from_options,
)
from strikewatch.cli_options import CreateOption, DbOption, say
from strikewatch.errors import StrikewatchError

incidents_app = typer.Typer(
    help="Incidents: reports of one event from several documents, with their sources, grade and toll.",
    invoke_without_command=True,
    add_completion=False,
)
COLUMNS = (
    "id", "date_start", "date_end", "event_type", "sub_event_type", "location", "admin1", "country",
    "reports", "sources", "grade", "fatalities_min", "fatalities_max", "actor1", "publishers", "events",
)  # fmt: skip
_TABLE = ("id", "dates", "sub_event_type", "location", "admin1", "reports", "sources", "grade", "killed")


class IncidentFormat(StrEnum):
    """Output formats of ``incidents``."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    JSONL = "jsonl"


def _fail(exc: StrikewatchError) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(1)


def toll(low: int | None, high: int | None) -> str:
    """Return the fatality range in words: ``3–7``, ``12``, ``0`` or empty when none was reported."""
    if low is None and high is None:
        return ""
    if low is None or high is None or low == high:
        return str(low if low is not None else high)
    return f"{low}–{high}"


def _cells(incident: dict[str, Any]) -> list[str]:
    first, last = incident["date_start"], incident["date_end"]
    dates = first if first == last else f"{first}..{last}"
    values = [incident["id"], dates, incident.get("sub_event_type") or incident.get("event_type") or ""]
    values += [incident.get("location") or "", incident.get("admin1") or "", str(incident["reports"])]
    values += [
        str(incident["sources"]),
        incident["grade"],
        toll(incident["fatalities_min"], incident["fatalities_max"]),
    ]
    return [value[:40] for value in values]


def _table(incidents: list[dict[str, Any]]) -> list[str]:
    if not incidents:
        return []
    cells = [_cells(incident) for incident in incidents]
    widths = [max([len(c), *(len(line[i]) for line in cells)]) for i, c in enumerate(_TABLE)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(_TABLE, widths, strict=True)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip() for line in cells]
    return lines


def _write(incidents: list[dict[str, Any]], fmt: IncidentFormat, output: Path | None) -> None:
    out = sys.stdout if output is None else output.open("w", encoding="utf-8", newline="")
    try:
        if fmt == IncidentFormat.TABLE:
            for line in _table(incidents):
                out.write(line + "\n")
        elif fmt == IncidentFormat.JSON:
            out.write(json.dumps(incidents, ensure_ascii=False, indent=1) + "\n")
        elif fmt == IncidentFormat.JSONL:
            for incident in incidents:
                out.write(json.dumps(incident, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
            for incident in incidents:
                writer.writerow({**incident, **{k: "; ".join(incident[k]) for k in ("publishers", "events")}})
    finally:
        if out is not sys.stdout:
            out.close()


@incidents_app.callback()
def incidents(
    ctx: typer.Context,
    db: DbOption = None,
    create: CreateOption = False,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    country: CountryOption = None,
    admin1: Admin1Option = None,
    bbox: BboxOption = None,
    actor: ActorOption = None,
    event_type: TypeOption = None,
    certainty: CertaintyOption = None,
    text: TextOption = None,
    like: LikeOption = False,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many incidents.")] = None,
    fmt: Annotated[IncidentFormat, typer.Option("--format", help="Output format.")] = IncidentFormat.TABLE,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file (default stdout).")] = None,
) -> None:
    """List the incidents with a report that matches the filters: reports, sources, grade, fatality range.

    The filters are those of `strikewatch events`; `strikewatch incidents show ID` shows one incident."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = {"db": db, "create": create}
        return
    from strikewatch.store import Store

    where = filter_from_options(locals())
    try:
        with Store(db, create=create) as store:
            found = store.incidents(where)
            reason = None if found else (store.why_empty(where) if not store.count_events(where) else None)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    _write(found, fmt, output)
    if found:
        say(f"{len(found)} incidents")
    else:
        say(f"no incidents: {reason or 'the matching events are not linked to incidents (they lack a date or type)'}")


def describe(incident: dict[str, Any]) -> list[str]:
    """Return the lines ``incidents show`` prints: the incident, then each report with its source."""
    first, last = incident["date_start"], incident["date_end"]
    killed = toll(incident["fatalities_min"], incident["fatalities_max"]) or "not reported"
    place = ", ".join(p for p in (incident.get("location"), incident.get("admin1"), incident.get("country")) if p)
    reports, sources = incident["reports"], incident["sources"]
    counted = f"{reports} report{'s' * (reports != 1)} from {sources} independent source{'s' * (sources != 1)}"
    lines = [
        f"incident {incident['id']}",
        f"  what:    {incident.get('sub_event_type') or incident.get('event_type')}"
        + (f" by {incident['actor1']}" if incident.get("actor1") else ""),
        f"  when:    {first}" + ("" if first == last else f" to {last}"),
        f"  where:   {place}",
        f"  killed:  {killed}",
        f"  grade:   {incident['grade']} ({counted})",
        "  reports:",
    ]
    for report in incident["report_events"]:
        source = report.get("publisher") or report.get("document") or "unknown source"
        dated = f", published {report['published']}" if report.get("published") else ""
        killed_here = toll(report.get("fatalities"), report.get("fatalities_max") or report.get("fatalities"))
        what = report.get("sub_event_type") or report.get("event_type")
        lines.append(
            f"  - {report['id']}  {report.get('date_start')}  {what}  {report.get('location') or ''}"
            f"  killed {killed_here or '?'}  {report.get('certainty') or ''}".rstrip()
        )
        lines.append(f"      {source}{dated}: {report.get('title') or report.get('document') or ''}".rstrip(": "))
        evidence = (report.get("evidence") or {}).get("text")
        if evidence:
            lines.append(f"      “{' '.join(evidence.split())}”")
    return lines


@incidents_app.command()
def show(
    ctx: typer.Context,
    incident_id: Annotated[str, typer.Argument(metavar="ID", help="Incident id, as `strikewatch incidents` lists it.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the incident as one JSON object.")] = False,
) -> None:
    """Show one incident: its reports (with their evidence and sources), source count, grade, fatality range."""
    from strikewatch.store import Store

    options = ctx.obj or {}
    try:
        with Store(options.get("db"), create=options.get("create", False)) as store:
            incident = store.incident(incident_id)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    if as_json:
        typer.echo(json.dumps(incident, ensure_ascii=False))
    else:
        for line in describe(incident):
            typer.echo(line)


def register(app: typer.Typer) -> None:
    """Add ``incidents`` (and ``incidents show``) to ``app``."""
    app.add_typer(incidents_app, name="incidents")
