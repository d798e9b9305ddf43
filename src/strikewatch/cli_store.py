"""Store commands: ``ingest``, ``process``, ``reprocess``, ``events``, ``status`` and ``import acled|ucdp``.

Each command parses its options, opens the store named by ``--db`` (else ``STRIKEWATCH_DB``),
calls one library function and prints the outcome; :func:`register` adds them to the main app.
Only ``ingest`` (and ``--create``) may create a store: a ``--db`` file that does not exist is an
error, so a mistyped path never shows an empty store.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from strikewatch.cli_filters import (
    ActorOption,
    Admin1Option,
    Admin2Option,
    BboxOption,
    CertaintyOption,
    CountryOption,
    DateFrom,
    DateTo,
    LikeOption,
    MinFatalitiesOption,
    NamespaceOption,
    TextOption,
    TypeOption,
    filter_from_options,
)
from strikewatch.cli_options import (
    CreateOption,
    DbOption,
    EngineOption,
    Mode,
    ModeOption,
    Namespace,
    SchedulerOption,
    WorkDirOption,
    iso_date,
    note_undated,
    require_inputs,
    say,
)
from strikewatch.errors import ConfigError, StrikewatchError

REDATE = "re-date it: strikewatch reprocess --published YYYY-MM-DD {ref}"
import_app = typer.Typer(help="Load other datasets' CSV exports as reference events.", no_args_is_help=True)


def _fail(exc: StrikewatchError) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(1)


def _progress(total: int | None, enabled: bool, label: str) -> tuple[Any, Any]:
    from tqdm import tqdm

    bar = tqdm(total=total, desc=label, unit="doc", disable=not enabled, file=sys.stderr)

    def tick(report: Any) -> None:
        counts = report.counts()
        bar.set_postfix({k: v for k, v in counts.items() if k != "read"}, refresh=False)
        bar.update(1)

    return bar, tick


def ingest(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders: JSONL, text, Markdown, HTML, PDF, feeds.")
    ] = None,
    feed: Annotated[list[str] | None, typer.Option("--feed", help="URL of an RSS/Atom feed (repeatable).")] = None,
    urls: Annotated[Path | None, typer.Option("--urls", help="File of web page URLs, one a line.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for input without one.")] = None,
    db: DbOption = None,
    extract: Annotated[bool, typer.Option(help="Extract events now (--no-extract: later, with `process`).")] = True,
    mode: ModeOption = Mode.AUTO,
    engine: EngineOption = "local",
    workers: Annotated[
        int, typer.Option(min=1, help="Extraction worker processes (local, or local Dask cluster).")
    ] = 1,
    scheduler: SchedulerOption = None,
    work_dir: WorkDirOption = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar with counts on stderr.")] = True,
) -> None:
    """Store documents from files, feeds and web pages once each, extract their events, quarantine bad input.

    A document already stored without a date is re-dated by --published (or a date of its own) and
    extracted anew."""
    from strikewatch import settings
    from strikewatch.ingest import read_documents, read_feed, read_urls, url_list
    from strikewatch.ingest.urls import default_fetcher
    from strikewatch.scale import check_engine
    from strikewatch.store import Store
    from strikewatch.store.loader import load

    anchor = iso_date(published, "--published")
    if not (paths or feed or urls):
        raise typer.BadParameter("give files or folders, --feed URL or --urls FILE")
    require_inputs([*(paths or []), *([urls] if urls else [])])
    try:
        check_engine(engine, "strikewatch ingest --engine dask")
        max_bytes = int(settings.get_float("max_bytes"))
        fetcher = default_fetcher(settings.get_float("fetch_timeout"), max_bytes)
        # read lazily: load() stores each batch before reading the next (a large folder or a slow list
        # of pages is never held whole, and what was read is committed as the rest arrives)
        items: Iterable[Any] = read_documents(paths or [], anchor, detect_encoding=True, max_bytes=max_bytes)
        for url in feed or []:
            items = itertools.chain(items, read_feed(url, fetcher, anchor))
        if urls:
            items = itertools.chain(items, read_urls(url_list(urls), fetcher, anchor))
        with Store(db) as store:
            bar, tick = _progress(None, progress, "ingest")
            with bar:
                if engine == "dask" and extract:  # without extraction there is nothing to spread
                    report = _ingest_on_cluster(store, items, bar, mode.value, workers, scheduler, work_dir, progress)
                else:
                    report = load(store, items, extract=extract, mode=mode.value, workers=workers, progress=tick)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    for rejected in report.rejected:
        say(f"quarantined: {rejected.reason}")
    if extract:
        note_undated(report.undated, REDATE)
    if not report.read:
        say("nothing to ingest: the inputs hold no documents (empty folders, or feeds without entries)")
    typer.echo(", ".join(f"{key} {value}" for key, value in report.counts().items()))


def _ingest_on_cluster(
    store: Any,
    items: Iterable[Any],
    bar: Any,
    mode: str,
    workers: int,
    scheduler: str | None,
    work_dir: Path | None,
    progress: bool,
) -> Any:
    from strikewatch.extract.pipeline import resolve_mode
    from strikewatch.scale import connect, dashboard_link, ingest_on_cluster

    def tick(report: Any, done: int) -> None:
        bar.set_postfix({k: v for k, v in report.counts().items() if k != "read"}, refresh=False)
        bar.update(done)

    concrete = resolve_mode(mode)
    with connect(workers, scheduler, dashboard=progress) as client:
        if progress and (link := dashboard_link(client)):
            bar.write(f"dask dashboard: {link}", file=sys.stderr)
        return ingest_on_cluster(store, items, client, mode=concrete, work_dir=work_dir, progress=tick)


def process(
    db: DbOption = None,
    create: CreateOption = False,
    mode: ModeOption = Mode.AUTO,
    workers: Annotated[int, typer.Option(min=1, help="Extraction worker processes.")] = 1,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
) -> None:
    """Extract the events of stored documents that have none yet (ingested with --no-extract)."""
    from strikewatch.store import Store
    from strikewatch.store.loader import process as run

    try:
        with Store(db, create=create) as store:
            pending = store.status()["documents_unprocessed"]
            bar, tick = _progress(pending, progress, "process")
            with bar:
                report = run(store, mode=mode.value, workers=workers, progress=tick)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    if not pending:
        say("nothing to process: every stored document has been extracted (ingest --no-extract stores them for later)")
    note_undated(report.undated, REDATE)
    typer.echo(f"processed {report.read}, events {report.events}, failed {report.failed}")


def reprocess(
    documents: Annotated[
        list[str], typer.Argument(help="Stored documents: id (or a 6+ character prefix), file name, JSONL id or URL.")
    ],
    published: Annotated[
        str | None, typer.Option(help="Re-date the documents (YYYY-MM-DD) before extracting them again.")
    ] = None,
    db: DbOption = None,
    create: CreateOption = False,
    mode: ModeOption = Mode.AUTO,
    workers: Annotated[int, typer.Option(min=1, help="Extraction worker processes.")] = 1,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
) -> None:
    """Extract stored documents again (after a date, gazetteer or lexicon change), replacing their events."""
    from strikewatch.store import Store
    from strikewatch.store.loader import reprocess as run

    anchor = iso_date(published, "--published")
    try:
        with Store(db, create=create) as store:
            bar, tick = _progress(len(documents), progress, "reprocess")
            with bar:
                report = run(store, documents, published=anchor, mode=mode.value, workers=workers, progress=tick)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    note_undated(report.undated, "give --published YYYY-MM-DD")
    if not report.events:
        say("no events found in the documents: they may report no incident (see `strikewatch events --text`)")
    typer.echo(f"reprocessed {report.read}, re-dated {report.redated}, events {report.events}, failed {report.failed}")


def _table(rows: list[dict[str, Any]]) -> Iterator[str]:
    columns = ("date_start", "sub_event_type", "actor1", "location", "admin1", "fatalities", "certainty", "id")
    cells = [[("" if row.get(c) is None else str(row.get(c)))[:40] for c in columns] for row in rows]
    widths = [max([len(c), *(len(line[i]) for line in cells)]) for i, c in enumerate(columns)]
    yield "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()
    for line in cells:
        yield "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()


class EventFormat(StrEnum):
    """Output formats of ``events``."""

    TABLE = "table"
    CSV = "csv"
    ACLED = "acled"
    GEOJSON = "geojson"
    KML = "kml"
    PARQUET = "parquet"
    JSONL = "jsonl"


def write_lines(lines: Iterable[str], output: Path | None) -> None:
    """Print ``lines``, or write them to ``output``."""
    if output is None:
        for line in lines:
            typer.echo(line)
    else:
        output.write_text("\n".join(lines) + "\n", encoding="utf-8")


def events(
    db: DbOption = None,
    create: CreateOption = False,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    country: CountryOption = None,
    admin1: Admin1Option = None,
    admin2: Admin2Option = None,
    bbox: BboxOption = None,
    actor: ActorOption = None,
    event_type: TypeOption = None,
    certainty: CertaintyOption = None,
    min_fatalities: MinFatalitiesOption = None,
    text: TextOption = None,
    like: LikeOption = False,
    namespace: NamespaceOption = Namespace.STRIKEWATCH,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many events.")] = None,
    fmt: Annotated[EventFormat, typer.Option("--format", help="Output format.")] = EventFormat.TABLE,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file (default stdout).")] = None,
    formula_guard: Annotated[
        bool, typer.Option(help="CSV/ACLED: put ' before text cells starting with = + - @ tab or CR (OWASP).")
    ] = True,
) -> None:
    """Query the stored events and print a table or write CSV, ACLED CSV, GeoJSON, KML, Parquet or JSONL.

    Names match as typed: any case, any alias of an actor, any spelling of a province; --like
    matches part of a name. When nothing matches, stderr says why."""
    from strikewatch.export import export
    from strikewatch.store import Store

    where = filter_from_options(locals())
    try:
        with Store(db, create=create) as store:
            rows = store.events(where)
            reason = store.why_empty(where) if not rows else None
            if fmt == EventFormat.ACLED:
                incidents = store.incident_publishers(r["incident"] for r in rows if r.get("incident"))
                for row in rows:
                    row["publishers"] = incidents.get(row.get("incident") or "", [])
        if fmt == EventFormat.TABLE:
            write_lines(_table(rows) if rows else [], output)
            count = len(rows)
        else:
            count = export(rows, fmt.value, output, formula_guard=formula_guard)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    if reason:
        say(f"no events: {reason}")
    else:
        say(f"{count} events")


def status(
    db: DbOption = None,
    create: CreateOption = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as one JSON object.")] = False,
) -> None:
    """Summarise the store (rows per table, documents, events, incidents) and list quarantined input."""
    from strikewatch.store import Store

    try:
        with Store(db, create=create) as store:
            summary = store.status()
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    if not summary["tables"].get("documents"):
        say(f"the store at {summary['url']} is empty: run `strikewatch ingest FILES` first")
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False))
        return
    typer.echo(f"store: {summary['url']}")
    for table, count in summary["tables"].items():
        typer.echo(f"  {table:<18}{count:>10,}")
    typer.echo(
        f"documents not yet processed: {summary['documents_unprocessed']}, failed: {summary['documents_failed']}"
    )
    typer.echo(f"events by namespace: {summary['events_by_namespace']}")
    typer.echo(f"incidents by grade: {summary['incidents_by_grade']}")
    typer.echo(f"quarantined input ({len(summary['quarantine'])}):")
    for row in summary["quarantine"]:
        typer.echo(f"  {row['at']}  {row['reason']}")


def _import(namespace: str, path: Path, db: str | None, create: bool) -> None:
    from strikewatch.export.acled import read_acled
    from strikewatch.ingest.ucdp import read_ucdp
    from strikewatch.store import Store

    require_inputs([path])
    reader = read_acled if namespace == "acled" else read_ucdp
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle, Store(db, create=create) as store:
            new, old = store.import_events(namespace, reader(handle), origin=f"import {namespace}")
    except (OSError, ValueError, KeyError) as exc:
        raise _fail(ConfigError(f"cannot import {path} as {namespace}: {exc}")) from exc
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    if not new + old:
        say(f"{path}: no rows to import (the file has a header only)")
    typer.echo(f"{namespace}: {new} new reference events, {old} already there")


@import_app.command("acled")
def import_acled(
    path: Annotated[Path, typer.Argument(help="CSV export from ACLED (its standard column layout).")],
    db: DbOption = None,
    create: CreateOption = False,
) -> None:
    """Load an ACLED CSV export as reference events (namespace acled)."""
    _import("acled", path, db, create)


@import_app.command("ucdp")
def import_ucdp(
    path: Annotated[Path, typer.Argument(help="CSV export of UCDP's Georeferenced Event Dataset (GED).")],
    db: DbOption = None,
    create: CreateOption = False,
) -> None:
    """Load a UCDP GED CSV export as reference events (namespace ucdp)."""
    _import("ucdp", path, db, create)


def register(app: typer.Typer) -> None:
    """Add the store commands to ``app``."""
    for command in (ingest, process, reprocess, events, status):
        app.command()(command)
    app.add_typer(import_app, name="import", help="Load ACLED or UCDP CSV exports as reference events.")
