"""``threatdesk queue``: what to look at first."""

from __future__ import annotations

import json
from datetime import datetime

import click

from threatdesk.cli.common import (
    PRIORITIES,
    STATUSES,
    console,
    db_option,
    label_choice,
    open_store,
    queue_table,
)
from threatdesk.intake.normalize import RecordError, parse_time
from threatdesk.store import QueueFilter


def _when(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    try:
        return parse_time(value)
    except RecordError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-10-31 or 2026-10-31T18:00:00-05:00") from None


@click.command(short_help="The ranked queue, filtered and paginated.")
@db_option
@click.option("--label", multiple=True, type=label_choice(), help="Only this label (repeatable).")
@click.option("--priority", multiple=True, type=click.Choice(PRIORITIES), help="Only this priority (repeatable).")
@click.option("--status", multiple=True, type=click.Choice(STATUSES), help="Only items whose case is in this state (repeatable).")
@click.option("--protectee", metavar="ALIAS", help="Only items that name this protectee alias.")
@click.option("--place", help="Only items from this place name.")
@click.option("--since", callback=_when, help="Posted at or after this time (ISO 8601).")
@click.option("--until", callback=_when, help="Posted before this time (ISO 8601).")
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True, help="Page number.")
@click.option("--per-page", type=click.IntRange(min=1, max=1000), default=25, show_default=True, help="Rows per page.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per row instead of a table.")
def queue(
    db: str | None, label: tuple[str, ...], priority: tuple[str, ...], status: tuple[str, ...], protectee: str | None,
    place: str | None, since: datetime | None, until: datetime | None, page: int, per_page: int, as_json: bool,
) -> None:
    """The ranked queue: priority first (P1 act now .. P4 record), then risk, newest first."""
    flt = QueueFilter(label=label, priority=priority, status=status, protectee=protectee, place=place, since=since, until=until)
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
        out.print(f"more: threatdesk queue --page {page + 1}" + (" (same filters)" if any((label, priority, status, protectee, place, since, until)) else ""))
