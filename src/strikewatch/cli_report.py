"""The ``strikewatch report`` command: events (from files or extracted now) in, an analyst's report out."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from strikewatch.cli_options import CreateOption, Mode, ModeOption, iso_date, require_inputs, say
from strikewatch.errors import ConfigError, StrikewatchError
from strikewatch.extras import EXTRAS, require


class ReportFormat(StrEnum):
    """Report formats."""

    MD = "md"
    HTML = "html"
    PDF = "pdf"


def report(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(help="Reports to extract first: JSONL documents, .txt/.md/.html files or folders."),
    ] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the report.")] = Path("report.html"),
    fmt: Annotated[
        ReportFormat | None,
        typer.Option("--format", help="Report format (default: from the output's suffix, else html)."),
    ] = None,
    events: Annotated[
        Path | None, typer.Option("--events", help="Events JSONL written by `strikewatch extract` (instead of INPUTS).")
    ] = None,
    documents: Annotated[
        list[Path] | None,
        typer.Option("--documents", help="The documents given to extract, for titles, URLs and dates (repeatable)."),
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for inputs that carry none.")
    ] = None,
    start: Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD) of the report.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day (YYYY-MM-DD) of the report.")] = None,
    country: Annotated[str | None, typer.Option(help="Only events in this country (substring).")] = None,
    actor: Annotated[str | None, typer.Option(help="Only events with this actor (substring).")] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="Only this event or sub-event type (substring).")
    ] = None,
    compare: Annotated[
        list[str] | None,
        typer.Option(help="Compare two periods: give it twice, FIRST:LAST each (e.g. 2016-06-01:2016-06-14)."),
    ] = None,
    title: Annotated[str | None, typer.Option(help="Report title.")] = None,
    mode: ModeOption = Mode.AUTO,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Event store to report on without INPUTS or --events (default: STRIKEWATCH_DB)."),
    ] = None,
    create: CreateOption = False,
) -> None:
    """Write an analyst's report: assessment, chronology with citations, maps and a daily chart.

    The period is where the events are (far outliers are named apart) unless --from/--to set it;
    --compare prints its comparison too."""
    from tqdm import tqdm

    try:  # before anything is read: a missing extra is one line, not a traceback half-way through
        require("report", "strikewatch report", tuple(m for m in EXTRAS["report"] if m != "weasyprint"))
    except StrikewatchError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc

    from strikewatch.analyze import Filters, Period
    from strikewatch.report import build_report, write_report
    from strikewatch.report.inputs import pairs_from_documents, pairs_from_events, pairs_from_store

    require_inputs([*(inputs or []), *([events] if events else []), *(documents or [])])
    anchor = iso_date(published, "--published")
    filters = Filters(iso_date(start, "--from"), iso_date(end, "--to"), country, actor, event_type)
    periods = None
    if compare:
        if len(compare) != 2:
            raise typer.BadParameter("--compare takes two periods: --compare A_FIRST:A_LAST --compare B_FIRST:B_LAST")
        try:
            periods = (Period.parse(compare[0]), Period.parse(compare[1]))
        except ValueError as exc:
            raise typer.BadParameter(f"--compare: {exc}") from exc
    try:
        with tqdm(desc="report", unit="doc", disable=not progress, file=sys.stderr) as bar:
            if events is not None:
                if inputs:
                    raise ConfigError("give either INPUTS to extract or --events FILE, not both")
                pairs = pairs_from_events(events, documents or [], anchor)
            elif inputs:
                bar.set_description("extract")
                pairs = list(pairs_from_documents(inputs, published=anchor, mode=mode.value, on_document=bar.update))
            else:
                bar.set_description("read store")
                pairs = pairs_from_store(db, create=create)
                if not pairs:
                    raise ConfigError(
                        "nothing to report on: the store holds no events; run `strikewatch ingest ...`, "
                        "or pass INPUTS (documents) or --events FILE.jsonl"
                    )

            def step(name: str) -> None:
                bar.set_description(name)

            result = build_report(pairs, filters=filters, compare=periods, title=title, progress=step)
            chosen = fmt.value if fmt else None
            bar.set_description(f"write {chosen or output.suffix.lstrip('.') or 'html'}")
            written = write_report(result, output, chosen)
    except StrikewatchError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    for statement in result.analysis.statements:
        if statement.kind == "compare":
            typer.echo(f"compare: {statement.text}")
    if periods and not result.analysis.comparisons:
        say("compare: no located kinetic events in either period to compare by province")
    if not result.analysis.records:
        say("the report has no events: the filters left none (see --from/--to, --country, --actor, --type)")
    typer.echo(f"{len(result.analysis.records)} events → {', '.join(str(p) for p in written[:1])}", err=True)


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to ``app``."""
    app.command(name="report")(report)
