"""``threatdesk demo``: the bundled corpus, scanned into a SQLite file, ranked."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from threatdesk import cases
from threatdesk.cli.cases import cases_table
from threatdesk.cli.common import console, queue_table
from threatdesk.scan import scan
from threatdesk.store import Store

DEMO_DB = "threatdesk-demo.db"


def demo_corpus() -> Path:
    return Path(str(resources.files("threatdesk.demo").joinpath("corpus.jsonl")))


@click.command(short_help="Scan the bundled demo corpus and show the queue.")
@click.option("--db", default=DEMO_DB, show_default=True, metavar="PATH|URL", help="Where to put the demo data.")
@click.option("--fresh", is_flag=True, help="Delete the demo SQLite file first.")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, help="Rows of the queue to show.")
@click.option("--no-correlate", is_flag=True, help="Do not group the items into cases.")
def demo(db: str, fresh: bool, top: int, no_correlate: bool) -> None:
    """Scan the bundled demo corpus (invented messages) and print the ranked queue."""
    if fresh and "://" not in db:
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
    out = console()
    corpus = demo_corpus()
    with Store.open(db) as store:
        summary = scan([str(corpus)], store)
        out.print(f"demo corpus: {summary.read} messages, {summary.added} new, into {db}")
        out.print(queue_table(store.queue(limit=top), title=f"Top {top} of the queue"))
        if not no_correlate:
            from threatdesk.correlate import correlate  # numpy: loaded only when used

            out.print(str(correlate(store)))
            with store.engine.connect() as conn:
                top_cases = cases.list_cases(conn, status=["new", "triage", "escalated", "referred"], limit=top)
            if top_cases:
                out.print(cases_table(top_cases, f"Top {len(top_cases)} open cases"))
    out.print(f"next: threatdesk queue --db {db} --priority P1   |   threatdesk cases list --db {db}   |   threatdesk explain \"TEXT\"")
