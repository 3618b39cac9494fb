"""``threatdesk serve``: the analysts' web app and the public tip form, with uvicorn."""

from __future__ import annotations

from pathlib import Path

import click

from threatdesk.cli.common import db_option
from threatdesk.store import Store, resolve_url


def is_demo_db(db: str | None) -> bool:
    from threatdesk.cli.demo import DEMO_DB

    return db is not None and "://" not in db and Path(db).name == DEMO_DB


def run_server(db: str | None, *, host: str, port: int, demo_password: str | None = None) -> None:
    """Open the store, print where to go (and the demo login), then serve until Ctrl-C."""
    import uvicorn

    from threatdesk.web import create_app

    store = Store.open(db)
    app = create_app(resolve_url(db), store=store)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"threatdesk web app: http://{shown}:{port}/   public tip form: http://{shown}:{port}/tip")
    from threatdesk.store import schema

    if store.count(schema.users) == 0:
        click.echo("no accounts yet: create one with  threatdesk users add NAME --role admin", err=True)
    if demo_password:
        click.echo(f"demo login: analyst, supervisor, auditor or admin; password {demo_password} "
                   "(demo database only; a new password each start)")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("warning: listening beyond this machine; put it behind HTTPS", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    finally:
        store.close()


@click.command(short_help="Serve the web app and the public tip form.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@db_option
def serve(host: str, port: int, db: str | None) -> None:
    """Serve the analysts' web app and the public tip form (/tip).

    Accounts come from `threatdesk users add`. On the demo database
    (threatdesk-demo.db) demo accounts are created with a fresh password, printed here.
    """
    password = None
    if is_demo_db(db):
        from threatdesk.web.demo import ensure_demo_users

        with Store.open(db) as store:
            password = ensure_demo_users(store)
    run_server(db, host=host, port=port, demo_password=password)
