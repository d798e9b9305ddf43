"""The desk's commands: ``serve`` (the web application and API) and ``tokens create|list|revoke``."""

from __future__ import annotations

from typing import Annotated

import typer

from strikewatch.cli_store import DbOption
from strikewatch.errors import StrikewatchError

tokens_app = typer.Typer(help="Make, list and revoke the desk's API tokens.", no_args_is_help=True)


def _fail(exc: StrikewatchError) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(1)


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    public: Annotated[
        bool, typer.Option("--public", help="Anyone may read without a token (writing still needs one).")
    ] = False,
    secure_cookies: Annotated[
        bool, typer.Option(help="Send the session cookie over HTTPS only (behind a TLS proxy).")
    ] = False,
) -> None:
    """Run the analyst's desk: the web UI, the REST API under /api/v1 and OGC API – Features."""
    from strikewatch.extras import require

    try:
        require("serve", "strikewatch serve")
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    import uvicorn

    from strikewatch.serve import ServeSettings, create_app

    try:
        app = create_app(ServeSettings(db=db, public=public, secure_cookies=secure_cookies))
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    typer.echo(f"desk at http://{host}:{port}/ (API /api/v1, OpenAPI /openapi.json)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@tokens_app.command("create")
def tokens_create(
    role: Annotated[str, typer.Option(help="viewer (reads), analyst (also edits and reviews) or admin.")],
    name: Annotated[str | None, typer.Option(help="Who or what the token is for.")] = None,
    db: DbOption = None,
) -> None:
    """Make a token and print it once (only its hash is stored)."""
    from strikewatch.store import Store
    from strikewatch.store.tokens import create_token

    try:
        with Store(db) as store:
            token, info = create_token(store.engine, role, name)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    typer.echo(token)
    typer.echo(f"token {info.id} ({info.role}, {info.name}): copy it now, it is not shown again", err=True)


@tokens_app.command("list")
def tokens_list(db: DbOption = None) -> None:
    """List the tokens: id, role, name, when made and when revoked (never the token itself)."""
    from strikewatch.store import Store
    from strikewatch.store.tokens import list_tokens

    try:
        with Store(db) as store:
            infos = list_tokens(store.engine)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    for info in infos:
        data = info.to_dict()
        typer.echo(
            f"{data['id']}\t{data['role']}\t{data['name']}\t{data['created_at']}\t{data['revoked_at'] or 'active'}"
        )


@tokens_app.command("revoke")
def tokens_revoke(
    token_id: Annotated[str, typer.Argument(help="The token's id (from `strikewatch tokens list`).")],
    db: DbOption = None,
) -> None:
    """Revoke a token: requests and browser sessions using it stop working at once."""
    from strikewatch.store import Store
    from strikewatch.store.tokens import revoke_token

    try:
        with Store(db) as store:
            info = revoke_token(store.engine, token_id)
    except StrikewatchError as exc:
        raise _fail(exc) from exc
    typer.echo(f"revoked {info.id} ({info.role}, {info.name})")


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``tokens`` to ``app``."""
    app.command()(serve)
    app.add_typer(tokens_app, name="tokens")
