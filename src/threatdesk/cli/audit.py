"""``threatdesk audit``: verify the trail and read it."""

from __future__ import annotations

import json
import re
import sys

import click

from threatdesk import audit as trail
from threatdesk.cli.common import console, db_option, open_store
from threatdesk.errors import UsageError


@click.group(short_help="Verify and read the tamper-evident audit trail.")
def audit() -> None:
    """The audit trail: every view, change, export, unmasking and login, hash-chained."""


def _hash(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"[0-9a-f]{64}", value.strip().lower()):
        raise click.BadParameter(f"{value!r} is not a SHA-256 hash (64 hex digits, as 'threatdesk audit verify' prints)")
    return value.strip().lower() if value else None


@audit.command(short_help="Walk the hash chain; name the first broken link.")
@db_option
@click.option("--expect-head", metavar="HASH", callback=_hash,
              help="A head hash noted earlier (a bundle manifest, a past verify): fail unless the chain still holds it.")
def verify(db: str | None, expect_head: str | None) -> None:
    """Walk the chain from the first event; exit 1 at the first broken link.

    Prints the head hash: keep it somewhere outside the database and pass it back with
    --expect-head later, which also catches a chain cut short or rewritten as a whole.
    """
    with open_store(db) as store, store.engine.connect() as conn:
        broken = trail.verify(conn, expect_head=expect_head)
        head = trail.head(conn)
    if broken:
        click.echo(f"BROKEN: {broken}", err=True)
        sys.exit(1)
    if head is None:
        click.echo("audit trail is empty: nothing to verify")
        return
    click.echo(f"audit trail verifies: {head.count} events, head {head.hash} (event {head.seq})")


def _object(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    kind, sep, oid = value.partition(":")
    if not sep or not kind or not oid:
        raise click.BadParameter(f"{value!r} is not TYPE:ID, e.g. case:12 or item:itm_0123")
    return kind, oid


@audit.command(short_help="The trail, newest first, filtered and paginated.")
@db_option
@click.option("--object", "obj", callback=_object, metavar="TYPE:ID", help="Only events on this object, e.g. case:12.")
@click.option("--actor", help="Only events by this actor.")
@click.option("--action", help="Only this action (e.g. case.view), or a family ending in a dot (export.).")
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True, help="Page number.")
@click.option("--per-page", type=click.IntRange(min=1, max=1000), default=50, show_default=True, help="Rows per page.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per event instead of a table.")
def log(db: str | None, obj: tuple[str, str] | None, actor: str | None, action: str | None, page: int,
        per_page: int, as_json: bool) -> None:
    """Who did what, when, to which object: newest first."""
    with open_store(db) as store, store.engine.connect() as conn:
        rows = list(trail.events(conn, objects=[obj] if obj else None, actor=actor, action=action,
                                 limit=per_page + 1, offset=(page - 1) * per_page, newest_first=True))
    more = len(rows) > per_page
    rows = rows[:per_page]
    if as_json:
        for e in rows:
            click.echo(json.dumps(e.to_json(), ensure_ascii=False, sort_keys=True))
        return
    if not rows:
        if page > 1:
            raise UsageError(f"page {page} is past the end of the trail")
        click.echo("no audit events match.")
        return
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"Audit trail, page {page}", title_justify="left", pad_edge=False)
    for name in ("seq", "at (UTC)", "actor", "action", "object", "detail"):
        table.add_column(name, no_wrap=name != "detail", overflow="ellipsis", max_width=80 if name == "detail" else None)
    for e in rows:
        detail = {k: v for k, v in (("before", e.before), ("after", e.after)) if v is not None}
        table.add_row(str(e.seq), e.at.strftime("%Y-%m-%d %H:%M:%S"), escape(e.actor), e.action,
                      (f"{e.object_type}:{e.object_id}" if e.object_id is not None else e.object_type or ""),
                      escape(json.dumps(detail, ensure_ascii=False, sort_keys=True)) if detail else "")
    console().print(table)
    if more:
        console().print(f"more: threatdesk audit log --page {page + 1}")
