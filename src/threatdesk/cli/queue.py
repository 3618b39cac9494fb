"""``threatdesk queue``: what to look at first."""

from __future__ import annotations

import json

import click

from threatdesk.cli.common import console, db_option, open_store, queue_filters, queue_table
from threatdesk.store import QueueFilter


@click.command(short_help="The ranked queue, filtered and paginated.")
@db_option
@queue_filters
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True, help="Page number.")
@click.option("--per-page", type=click.IntRange(min=1, max=1000), default=25, show_default=True, help="Rows per page.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per row instead of a table.")
def queue(db: str | None, flt: QueueFilter, page: int, per_page: int, as_json: bool) -> None:
    """The ranked queue: priority first (P1 act now .. P4 record), then risk, newest first."""
    with open_store(db) as store:
        rows = store.queue(flt, limit=per_page + 1, offset=(page - 1) * per_page)
    more = len(rows) > per_page
    rows = rows[:per_page]
    if as_json:
        for r in rows:
            click.echo(json.dumps({
                "item_id": r.item_id, "priority": r.priority, "risk": r.risk, "label": r.label, "status": r.status,
                "case_id": r.case_id, "posted_at": r.posted_at.isoformat() if r.posted_at else None,
                "source": r.source, "author": r.author, "place": r.place, "text": r.text,
            }, ensure_ascii=False))
        return
    out = console()
    if not rows:
        out.print("nothing in the queue matches" + (" on this page" if page > 1 else "") + ".")
        return
    out.print(queue_table(rows, title=f"Queue, page {page}"))
    if more:
        out.print(f"more: threatdesk queue --page {page + 1}" + (" (same filters)" if flt != QueueFilter() else ""))
