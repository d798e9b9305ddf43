"""Monitoring commands: ``watch add-feed|list|remove|run`` and ``alerts add|list|remove|feed``.

Each command parses its options, opens the store named by ``--db`` (else ``STRIKEWATCH_DB``),
calls one function of :mod:`strikewatch.monitor` and prints the outcome; :func:`register` adds
them to the main app.
"""

from __future__ import annotations

import json
import logging
import sys
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
    TextOption,
    TypeOption,
    filter_from_options,
)
from strikewatch.cli_options import DbOption
from strikewatch.errors import StrikewatchError

watch_app = typer.Typer(help="Poll RSS/Atom feeds on a schedule and ingest each new item once.", no_args_is_help=True)
alerts_app = typer.Typer(help="Saved watches that alert on new events (webhook, e-mail, Atom).", no_args_is_help=True)


def _fail(exc: StrikewatchError) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(1)


def _when(value: Any) -> str:
    return value.isoformat(sep=" ", timespec="seconds") if value is not None else "never"


@watch_app.command("add-feed")
def watch_add_feed(
    url: Annotated[str, typer.Argument(help="Address of the RSS or Atom feed (http or https).")],
    every: Annotated[str, typer.Option("--every", help="How often to poll it: 90s, 15m, 1h, 1d.")] = "15m",
    name: Annotated[str | None, typer.Option("--name", help="Name to list and remove it by (default: host).")] = None,
    db: DbOption = None,
) -> None:
    """Watch a feed: `watch run` polls it every --every and ingests each new item once."""
    from strikewatch.monitor.feeds import add_feed, format_interval, parse_interval
    from strikewatch.store import Store

    try:
        seconds = parse_interval(every)
        with Store(db) as store:
            feed = add_feed(store, url, seconds, name)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    typer.echo(f"watching {feed.name}: {feed.url} every {format_interval(feed.every_seconds)}")


@watch_app.command("list")
def watch_list(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per feed.")] = False,
) -> None:
    """List the watched feeds: interval, last poll, next poll, items seen, consecutive failures, last error."""
    from strikewatch.monitor.feeds import format_interval, list_feeds
    from strikewatch.store import Store

    try:
        with Store(db) as store:
            found = list_feeds(store)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    for feed in found:
        if as_json:
            row = {
                "name": feed.name,
                "url": feed.url,
                "every_seconds": feed.every_seconds,
                "polled_at": _when(feed.polled_at),
                "ok_at": _when(feed.ok_at),
                "next_poll_at": _when(feed.next_poll_at),
                "items": feed.items,
                "failures": feed.failures,
                "last_error": feed.last_error,
            }
            typer.echo(json.dumps(row, ensure_ascii=False))
            continue
        typer.echo(f"{feed.name}  {feed.url}  every {format_interval(feed.every_seconds)}  items {feed.items}")
        polled, good, due = _when(feed.polled_at), _when(feed.ok_at), _when(feed.next_poll_at)
        typer.echo(f"    last poll {polled}, last good {good}, next {due}")
        if feed.failures:
            typer.echo(f"    failing ({feed.failures} in a row): {feed.last_error}")
    if not found and not as_json:
        typer.echo("no feeds watched: add one with `strikewatch watch add-feed URL`")


@watch_app.command("remove")
def watch_remove(
    feed: Annotated[str, typer.Argument(help="Name or URL of the feed.")],
    db: DbOption = None,
) -> None:
    """Stop watching a feed (the documents already ingested from it stay in the store)."""
    from strikewatch.monitor.feeds import remove_feed
    from strikewatch.store import Store

    try:
        with Store(db) as store:
            removed = remove_feed(store, feed)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    typer.echo(f"no longer watching {removed.name}: {removed.url}")


@watch_app.command("run")
def watch_run(
    once: Annotated[bool, typer.Option("--once", help="One pass, for cron: poll every feed not backing off.")] = False,
    mode: Annotated[str, typer.Option(help="Extraction mode: fast, accurate (needs the NER model) or auto.")] = "auto",
    db: DbOption = None,
) -> None:
    """Poll feeds when due, ingest new items, check the watches and deliver alerts; until SIGTERM or Ctrl-C."""
    from strikewatch.extract.pipeline import resolve_mode
    from strikewatch.monitor.scheduler import run_pass, run_until_signalled
    from strikewatch.store import Store

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    try:
        concrete = resolve_mode(mode)
        with Store(db) as store:
            if once:
                report = run_pass(store, mode=concrete, all_feeds=True)
                typer.echo(report.summary())
            else:
                run_until_signalled(store, mode=concrete)
    except StrikewatchError as exc:
        raise _fail(exc) from exc


@alerts_app.command("add")
def alerts_add(
    name: Annotated[str, typer.Option("--name", help="Name of the watch (letters, digits, . _ -).")],
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
    surge: Annotated[
        bool, typer.Option("--surge", help="Alert on a significant rise of the daily rate instead of each event.")
    ] = False,
    webhook: Annotated[list[str] | None, typer.Option("--webhook", help="URL to POST alerts to (repeatable).")] = None,
    email: Annotated[list[str] | None, typer.Option("--email", help="Address to mail alerts to (repeatable).")] = None,
    db: DbOption = None,
) -> None:
    """Save a watch over any `strikewatch events` filter; it alerts on events stored from now on."""
    from strikewatch.monitor.alerts import feed_link
    from strikewatch.monitor.watches import add_watch, describe
    from strikewatch.store import Store

    where = filter_from_options(locals())
    try:
        with Store(db) as store:
            watch = add_watch(store, name, where, surge=surge, webhooks=webhook, emails=email)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    typer.echo(f"watch {watch.name} ({watch.rule}): {describe(watch.filter)}")
    typer.echo(f"    to: {', '.join(watch.webhooks + watch.emails) or 'no one'}; feed {feed_link(watch.name)}")


@alerts_app.command("list")
def alerts_list(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per watch.")] = False,
) -> None:
    """List the saved watches: filter, rule, recipients, alerts made, deliveries pending and given up."""
    from strikewatch.monitor.watches import describe, filter_to_json, list_watches
    from strikewatch.store import Store

    try:
        with Store(db) as store:
            found = list_watches(store)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    for watch in found:
        if as_json:
            row = {"name": watch.name, "rule": watch.rule, "filter": filter_to_json(watch.filter)}
            row |= {"webhooks": watch.webhooks, "emails": watch.emails, "alerts": watch.alerts}
            row |= {"pending": watch.pending, "failed": watch.failed, "checked_at": _when(watch.checked_at)}
            typer.echo(json.dumps(row, ensure_ascii=False))
            continue
        typer.echo(f"{watch.name}  ({watch.rule})  {describe(watch.filter)}")
        typer.echo(f"    to: {', '.join(watch.webhooks + watch.emails) or 'Atom feed only'}")
        typer.echo(f"    alerts {watch.alerts}, deliveries pending {watch.pending}, given up {watch.failed}")
    if not found and not as_json:
        typer.echo("no watches: add one with `strikewatch alerts add --name N ...`")


@alerts_app.command("remove")
def alerts_remove(
    name: Annotated[str, typer.Argument(help="Name of the watch.")],
    db: DbOption = None,
) -> None:
    """Delete a watch, its alerts and its undelivered outbox."""
    from strikewatch.monitor.watches import remove_watch
    from strikewatch.store import Store

    try:
        with Store(db) as store:
            alerts = remove_watch(store, name)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    typer.echo(f"removed watch {name} and its {alerts} alerts")


@alerts_app.command("feed")
def alerts_feed(
    name: Annotated[str, typer.Argument(help="Name of the watch.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file (default stdout).")] = None,
    db: DbOption = None,
) -> None:
    """Write the Atom feed of a watch's latest alerts (what `strikewatch serve` serves at /alerts/NAME.atom)."""
    from strikewatch.monitor.atom import atom_feed
    from strikewatch.store import Store

    try:
        with Store(db) as store:
            body = atom_feed(store, name)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    if output is None:
        sys.stdout.buffer.write(body)
    else:
        output.write_bytes(body)


def register(app: typer.Typer) -> None:
    """Add the ``watch`` and ``alerts`` command groups to ``app``."""
    app.add_typer(watch_app, name="watch")
    app.add_typer(alerts_app, name="alerts")
