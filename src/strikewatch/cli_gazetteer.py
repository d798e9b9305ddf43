"""``strikewatch gazetteer …``: build, import into, download into, inspect the gazetteer database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from strikewatch.errors import StrikewatchError

gazetteer_app = typer.Typer(
    help="The gazetteer database: build it, import gazetteers into it, look names up.",
    no_args_is_help=True,
    add_completion=False,
)

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="Gazetteer database (default: $STRIKEWATCH_GAZETTEER, else gazetteer.sqlite in $STRIKEWATCH_CACHE "
        "or ~/.cache/strikewatch).",
    ),
]


def _fail(exc: StrikewatchError) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(1)


def _db_path(db: Path | None) -> Path:
    from strikewatch.geo.store import default_db_path

    return db if db is not None else default_db_path()


@gazetteer_app.command()
def build(
    db: DbOption = None,
    force: Annotated[bool, typer.Option(help="Rebuild the default places even if they are up to date.")] = False,
) -> None:
    """Build the default gazetteer (GeoNames places 500+, countries, admin units, OCHA units) once."""
    import time

    from strikewatch.geo.gazetteer import build_default_gazetteer

    start = time.perf_counter()
    try:
        gazetteer = build_default_gazetteer(_db_path(db), force=force)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    took = time.perf_counter() - start
    typer.echo(f"{_db_path(db)}: {len(gazetteer.rows):,} places, {len(gazetteer):,} names keys ({took:.1f} s)")


@gazetteer_app.command("import")
def import_(
    file: Annotated[
        Path, typer.Argument(help="GeoNames dump (SY.zip, allCountries.zip, alternateNamesV2.zip, …), CSV or GeoJSON.")
    ],
    format: Annotated[
        str | None, typer.Option("--format", help="geonames, csv or geojson (default: from the file name).")
    ] = None,
    mapping: Annotated[
        str | None,
        typer.Option(
            "--map",
            help="Columns of a CSV/GeoJSON: FIELD=COLUMN,… (fields: name, lat, lon, admin1, "
            "admin2, country, alternates, id, population).",
        ),
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="Country (ISO alpha-2) of CSV/GeoJSON rows that give none.")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Name of this source in `status` (default: file name).")] = None,
    classes: Annotated[
        str, typer.Option(help="GeoNames feature classes to import (P places, A admin units, S spots, H water…).")
    ] = "PA",
    db: DbOption = None,
) -> None:
    """Import a gazetteer file into the database (re-importing the same file changes nothing)."""
    from strikewatch.geo.importers import import_file, parse_mapping

    try:
        report = import_file(
            file,
            format,
            db=_db_path(db),
            mapping=parse_mapping(mapping),
            country=country,
            source=source,
            feature_classes=classes,
        )
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    typer.echo(str(report))


@gazetteer_app.command()
def download(
    countries: Annotated[list[str], typer.Argument(help="ISO alpha-2 country codes, e.g. SY IQ YE.")],
    base_url: Annotated[str | None, typer.Option("--base-url", help="Where the CC.zip dumps are.")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the server.")] = 60.0,
    db: DbOption = None,
) -> None:
    """Download GeoNames country dumps (needs internet) and import them."""
    from strikewatch.geo.download import DEFAULT_BASE_URL, download_countries

    try:
        reports = download_countries(countries, base_url or DEFAULT_BASE_URL, db=_db_path(db), timeout=timeout)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    for report in reports:
        typer.echo(str(report))


@gazetteer_app.command()
def lookup(
    name: Annotated[str, typer.Argument(help="A place name, in any transliteration.")],
    country: Annotated[
        str | None, typer.Option("--country", help="Only candidates in this country (ISO alpha-2).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Print the candidate places a name resolves to (before disambiguation by context)."""
    from strikewatch.geo.gazetteer import lookup_places

    try:
        places = lookup_places(name, country=country, db=_db_path(db))
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    if not places:
        typer.echo(f"no place named {name!r}" + (f" in {country.upper()}" if country else ""))
        raise typer.Exit(1)
    for p in places:
        where = ", ".join(x for x in (p["admin2"], p["admin1"], p["country"]) if x)
        lat = "-" if p["lat"] is None else f"{p['lat']:.5f}"
        lon = "-" if p["lon"] is None else f"{p['lon']:.5f}"
        alt = " (alternate name)" if p["alt"] else ""
        typer.echo(
            f"{p['name']}\t{p['feature']}\t{where}\t{lat},{lon}\tpop {p['population']:,}\t{p['source_name']}{alt}"
        )


@gazetteer_app.command()
def status(db: DbOption = None) -> None:
    """Print the database's sources (what was imported, when) and its counts."""
    from strikewatch.geo.gazetteer import gazetteer_status

    try:
        info = gazetteer_status(_db_path(db))
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    typer.echo(f"database: {info['path']}")
    if not info["exists"]:
        typer.echo("not built yet: run `strikewatch gazetteer build`")
        return
    counts = info["counts"]
    typer.echo(f"{counts['places']:,} places, {counts['names']:,} names, {counts['keys']:,} matching keys")
    for s in info["sources"]:
        typer.echo(
            f"  {s['name']}\t{s['kind']}\t{s['imported_at'] or '-'}\t{s['places']:,} places\t{s['names']:,} names"
        )
