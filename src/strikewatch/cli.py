"""The command line: each command parses its options, calls one library function, writes output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from strikewatch.cli_options import (
    EngineOption,
    Mode,
    ModeOption,
    SchedulerOption,
    WorkDirOption,
    note_undated,
    require_inputs,
    say,
)
from strikewatch.errors import ExtractError, StrikewatchError

app = typer.Typer(
    help="strikewatch: extract dated, geolocated, attributed conflict events from reports.",
    no_args_is_help=True,
    add_completion=False,
)


def _fail(exc: StrikewatchError) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(1)


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="JSONL files of documents, .txt/.md/.html reports or folders.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the events (JSONL); - for stdout.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for inputs that carry none.")
    ] = None,
    mode: ModeOption = Mode.AUTO,
    engine: EngineOption = "local",
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (local pool, or local Dask cluster).")] = 1,
    scheduler: SchedulerOption = None,
    work_dir: WorkDirOption = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
) -> None:
    """Extract events from documents into the contract's JSONL (one line per input document)."""
    from tqdm import tqdm

    from strikewatch.extract.pipeline import resolve_mode
    from strikewatch.ingest import Rejected, read_documents
    from strikewatch.ingest.files import parse_date
    from strikewatch.model import Document
    from strikewatch.scale import check_engine

    require_inputs(inputs)
    try:
        anchor = parse_date(published)
        if published and anchor is None:
            raise typer.BadParameter(f"--published {published!r} is not an ISO date (YYYY-MM-DD)")
        concrete = resolve_mode(mode.value)
        check_engine(engine, "strikewatch extract --engine dask")
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    undated: list[str] = []

    def noting_undated(items: Iterable[Document | Rejected]) -> Iterator[Document | Rejected]:
        for item in items:
            if isinstance(item, Document) and item.published is None:
                undated.append(item.id)
            yield item

    items = noting_undated(read_documents(inputs, anchor))  # read as extraction goes, never all at once
    out = sys.stdout if str(output) == "-" else output.open("w", encoding="utf-8")
    try:
        with tqdm(desc=f"extract ({concrete})", unit="doc", disable=not progress, file=sys.stderr) as bar:
            if engine == "dask":
                from strikewatch.scale import connect, dashboard_link, extract_on_cluster

                with connect(workers, scheduler, dashboard=progress) as client:
                    if progress and (link := dashboard_link(client)):
                        bar.write(f"dask dashboard: {link}", file=sys.stderr)
                    report = extract_on_cluster(
                        items, out, client, mode=concrete, work_dir=work_dir, progress=bar.update
                    )
            else:
                from strikewatch.scale import extract_to

                report = extract_to(items, out, mode=concrete, workers=workers, progress=bar.update)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    finally:
        if out is not sys.stdout:
            out.close()
    note_undated(undated, "give --published YYYY-MM-DD")
    if report.errors:
        say(f"{report.errors} of {report.documents} documents could not be processed (see their 'error')")
    if not report.documents:
        say("no documents in the inputs: give JSONL documents, .txt/.md/.html reports or folders that hold them")


@app.command()
def geoparse(
    inputs: Annotated[list[Path], typer.Argument(help="JSONL files of documents, .txt/.md/.html reports or folders.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the toponyms (JSONL); - for stdout.")],
    mode: ModeOption = Mode.AUTO,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
) -> None:
    """Find and resolve the place names of documents into the contract's toponym JSONL."""
    from tqdm import tqdm

    from strikewatch.extract.pipeline import Extractor
    from strikewatch.ingest import Rejected, read_documents

    require_inputs(inputs)
    try:
        extractor = Extractor(mode.value)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    items = list(read_documents(inputs))
    out = sys.stdout if str(output) == "-" else output.open("w", encoding="utf-8")
    try:
        for item in tqdm(items, desc=f"geoparse ({extractor.mode})", unit="doc", disable=not progress, file=sys.stderr):
            line: dict[str, object] = {"id": item.id, "toponyms": []}
            try:
                if isinstance(item, Rejected):
                    raise ExtractError(item.reason)
                line["toponyms"] = [t.to_dict() for t in extractor.toponyms(item.text)]
            except ExtractError as exc:
                line["error"] = str(exc)
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()


class Kind(StrEnum):
    """What ``evaluate`` scores."""

    EVENTS = "events"
    GEOPARSE = "geoparse"


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL (events or toponyms).")],
    pred: Annotated[Path, typer.Argument(help="Predicted JSONL, keyed by the same ids.")],
    kind: Annotated[Kind, typer.Option(help="What to score: events or geoparse (toponyms).")] = Kind.EVENTS,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
) -> None:
    """Score predictions against gold: the same figures as the contract's referee."""
    from strikewatch.evaluate import evaluate as run
    from strikewatch.evaluate import format_report

    require_inputs([gold, pred])
    try:
        result = run(gold, pred, kind.value)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    typer.echo(json.dumps(result) if as_json else format_report(result))


# The commands of the other stages live beside this module, one module per stage.
from strikewatch.cli_gazetteer import gazetteer_app  # noqa: E402
from strikewatch.cli_incidents import register as register_incidents  # noqa: E402
from strikewatch.cli_monitor import register as register_monitor  # noqa: E402
from strikewatch.cli_report import register as register_report  # noqa: E402
from strikewatch.cli_serve import register as register_serve  # noqa: E402
from strikewatch.cli_store import register as register_store  # noqa: E402

app.add_typer(gazetteer_app, name="gazetteer")
register_store(app)
register_report(app)
register_monitor(app)
register_incidents(app)
register_serve(app)


def main() -> None:
    """Run the command line."""
    app()


if __name__ == "__main__":
    main()
