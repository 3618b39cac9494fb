"""``threatdesk demo``: the bundled corpus, scanned into a SQLite file, ranked."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import click

from threatdesk import cases
from threatdesk.analyzers import AnalyzerContext
from threatdesk.cli.cases import cases_table
from threatdesk.cli.common import console, queue_table
from threatdesk.protectees.registry import Registry
from threatdesk.scan import make_engine, scan
from threatdesk.store import Store, resolve_url

DEMO_DB = "threatdesk-demo.db"


def demo_file(name: str) -> Path:
    return Path(str(resources.files("threatdesk.demo").joinpath(name)))


def demo_corpus() -> Path:
    return demo_file("corpus.jsonl")


def demo_key_file(db: str) -> str:
    """The demo's fingerprint key lives beside its database: invented people, so no secret to keep apart."""
    base = "threatdesk-demo" if "://" in db else str(Path(db).with_suffix(""))
    return base + ".key"


@click.command(short_help="Scan the bundled demo corpus and show the queue.")
@click.option("--db", default=DEMO_DB, show_default=True, metavar="PATH|URL", help="Where to put the demo data.")
@click.option("--fresh", is_flag=True, help="Delete the demo SQLite file first.")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, help="Rows of the queue to show.")
@click.option("--no-correlate", is_flag=True, help="Do not group the items into cases.")
@click.option("--serve", "serve_after", is_flag=True, help="Then create demo accounts and serve the web app.")
@click.option("--host", default="127.0.0.1", show_default=True, help="With --serve: address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="With --serve: port.")
def demo(db: str, fresh: bool, top: int, no_correlate: bool, serve_after: bool, host: str, port: int) -> None:
    """Scan the bundled demo corpus (invented messages) and print the ranked queue.

    With --serve, also create one demo account per role (with a fresh password, printed)
    and serve the web app on 127.0.0.1.
    """
    if fresh and "://" not in db:
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
    out = console()
    corpus = demo_corpus()
    key_file = demo_key_file(db)
    os.environ.setdefault("THREATDESK_KEY_FILE", key_file)  # the web app's analyzers (--serve) read it too
    with Store.open(db) as store:
        enrolled = Registry(store, key_file=key_file).import_csv(demo_file("protectees.csv"))
        out.print(f"demo protectees: {len(enrolled.enrolled) + len(enrolled.updated)} enrolled by fingerprint (key {key_file})")
        engine = make_engine("local", context=AnalyzerContext(db=resolve_url(db), key_file=key_file))
        summary = scan([str(corpus)], store, engine=engine)
        out.print(f"demo corpus: {summary.read} messages, {summary.added} new, into {db}")
        out.print(queue_table(store.queue(limit=top), title=f"Top {top} of the queue"))
        if not no_correlate:
            from threatdesk.correlate import correlate  # numpy: loaded only when used

            out.print(str(correlate(store)))
            with store.engine.connect() as conn:
                top_cases = cases.list_cases(conn, status=["new", "triage", "escalated", "referred"], limit=top)
            if top_cases:
                out.print(cases_table(top_cases, f"Top {len(top_cases)} open cases"))
    if not serve_after:
        out.print(f"next: threatdesk queue --db {db} --priority P1   |   threatdesk cases list --db {db}   |   threatdesk explain \"TEXT\"")
        return
    from threatdesk.cli.serve import run_server
    from threatdesk.web.demo import ensure_demo_users

    with Store.open(db) as store:
        password = ensure_demo_users(store)
    run_server(db, host=host, port=port, demo_password=password)
