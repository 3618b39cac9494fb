"""``threatdesk cases``: list, show and work cases from the command line.

Every verb takes ``--actor`` (default: $USER, else "cli") and ``--role`` (default
supervisor: whoever runs the CLI holds the database file, so the CLI acts with the
widest case role; pass ``--role analyst`` to act under an analyst's limits). Every
change and every ``show`` goes to the case timeline and the audit trail.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import click
from rich.markup import escape
from rich.table import Table
from sqlalchemy import select

from threatdesk import audit, cases
from threatdesk.cli.common import PRIORITIES, STATUSES, console, db_option, open_store
from threatdesk.errors import UsageError
from threatdesk.models import Case
from threatdesk.store import schema

F = TypeVar("F", bound=Callable[..., Any])


def _actor_options(func: F) -> F:
    func = click.option("--role", type=click.Choice(cases.ROLES), default="supervisor", show_default=True,
                        help="Case role to act with (analysts may only triage and close new cases).")(func)
    return click.option("--actor", default=lambda: os.environ.get("USER") or "cli", show_default="$USER or cli",
                        help="Who is acting, for the timeline and the audit trail.")(func)  # type: ignore[return-value]


@click.group(short_help="List, show and work cases.")
def cases_group() -> None:
    """Cases: groups of items about one target or campaign, worked new -> triage -> escalated -> referred -> closed."""


cases_group.name = "cases"


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def cases_table(rows: list[Case], title: str) -> Table:
    table = Table(title=title, title_justify="left", pad_edge=False)
    for name in ("id", "pri", "risk", "status", "items", "assignee", "due (UTC)", "title"):
        table.add_column(name, no_wrap=name != "title", justify="right" if name in ("id", "risk", "items") else "left")
    for c in rows:
        status = c.status + (f" ({c.close_reason})" if c.close_reason else "")
        table.add_row(str(c.id), c.priority, str(c.risk), status, str(len(c.item_ids)), c.assignee or "",
                      _when(c.due_at), escape(c.title))
    return table


@cases_group.command("list")
@db_option
@click.option("--status", multiple=True, type=click.Choice(STATUSES), help="Only this state (repeatable).")
@click.option("--priority", multiple=True, type=click.Choice(PRIORITIES), help="Only this priority (repeatable).")
@click.option("--assignee", help="Only cases assigned to this user.")
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--per-page", type=click.IntRange(min=1, max=1000), default=25, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per case instead of a table.")
def list_cmd(db: str | None, status: tuple[str, ...], priority: tuple[str, ...], assignee: str | None,
             page: int, per_page: int, as_json: bool) -> None:
    """Open work first: by priority (P1 act now .. P4 record), then risk."""
    with open_store(db) as store, store.engine.connect() as conn:
        rows = cases.list_cases(conn, status=list(status), priority=list(priority), assignee=assignee,
                                limit=per_page + 1, offset=(page - 1) * per_page)
    more, rows = len(rows) > per_page, rows[:per_page]
    if as_json:
        for c in rows:
            click.echo(json.dumps(c.to_json(), ensure_ascii=False))
        return
    out = console()
    if not rows:
        out.print("no cases match" + (" on this page" if page > 1 else "") + ".")
        return
    out.print(cases_table(rows, f"Cases, page {page}"))
    if more:
        out.print(f"more: threatdesk cases list --page {page + 1}")


def _related(conn: Any, case: Case) -> list[tuple[int, str]]:
    """Other cases that share an author, a protectee or a story with this one."""
    i, ip, st, ci = schema.items, schema.item_protectees, schema.item_stories, schema.case_items
    ids = case.item_ids
    if not ids:
        return []
    authors = select(i.c.author).where(i.c.id.in_(ids), i.c.author.is_not(None))
    aliases = select(ip.c.alias).where(ip.c.item_id.in_(ids))
    stories = select(st.c.story_id).where(st.c.item_id.in_(ids))
    others: dict[int, set[str]] = {}
    for why, query in (
        ("author", select(ci.c.case_id).join(i, i.c.id == ci.c.item_id).where(i.c.author.in_(authors))),
        ("protectee", select(ci.c.case_id).join(ip, ip.c.item_id == ci.c.item_id).where(ip.c.alias.in_(aliases))),
        ("story", select(ci.c.case_id).join(st, st.c.item_id == ci.c.item_id).where(st.c.story_id.in_(stories))),
    ):
        for other in conn.execute(query.distinct()).scalars():
            if other != case.id:
                others.setdefault(other, set()).add(why)
    return [(k, ", ".join(sorted(v))) for k, v in sorted(others.items())]


@cases_group.command("show")
@click.argument("case_id", type=int)
@db_option
@_actor_options
def show(case_id: int, db: str | None, actor: str, role: str) -> None:
    """Everything about one case: items with label, risk and reasons; case signals; notes; timeline; related cases."""
    with open_store(db) as store, store.transaction() as conn:
        page = cases.view(conn, case_id)
        cs = schema.case_signals
        signals = conn.execute(select(cs.c.kind, cs.c.reason, cs.c.weight).where(cs.c.case_id == case_id).order_by(cs.c.id)).all()
        related = _related(conn, page.case)
        audit.record(conn, actor=actor, action="case.view", object_type="case", object_id=case_id,
                     after={"role": role, "via": "cli"})
    c = page.case
    out = console()
    out.print(f"[bold]Case {c.id}: {escape(c.title)}[/]")
    out.print(f"{c.status}{f' ({c.close_reason})' if c.close_reason else ''} · {c.priority} · risk {c.risk} · "
              f"assignee {c.assignee or '-'} · due {_when(c.due_at) or '-'} · protectees {', '.join(c.protectees) or '-'}")
    moves = cases.allowed_moves(c.status, role)
    out.print(f"next states for a {role}: {', '.join(moves) or 'none'}")
    if signals:
        out.print("[bold]Case signals[/]")
        for kind, reason, weight in signals:
            out.print(f"  {kind}: {escape(reason)}" + (f" ({weight:+d})" if weight else ""))
    table = Table(title=f"Items ({len(page.items)})", title_justify="left", pad_edge=False)
    for name in ("posted (UTC)", "item", "label", "risk", "author", "text / reasons"):
        table.add_column(name, no_wrap=name != "text / reasons")
    for it in page.items:
        reasons = "; ".join(f"{r['text']} ({r['weight']:+d})" if r.get("weight") else r["text"] for r in it.reasons)
        text = " ".join(it.text.split())
        table.add_row(_when(it.posted_at), it.item_id, it.label or "", str(it.risk if it.risk is not None else ""),
                      escape(it.author or ""), escape(text[:160] + ("..." if len(text) > 160 else "")) + f"\n[dim]{escape(reasons)}[/]")
    out.print(table)
    if page.notes:
        out.print("[bold]Notes[/]")
        for n in page.notes:
            out.print(f"  {_when(n['created_at'])} {escape(n['author'])}: {escape(n['text'])}")
    out.print("[bold]Timeline[/]")
    for ch in page.changes:
        detail = json.dumps(ch["detail"], ensure_ascii=False, default=str) if ch["detail"] else ""
        out.print(f"  {_when(ch['at'])} {escape(ch['actor'])} {ch['action']} {escape(detail[:200])}")
    if related:
        out.print("[bold]Related cases[/] " + "; ".join(f"#{k} ({why})" for k, why in related))


def _done(message: str) -> None:
    click.echo(message)


@cases_group.command("assign")
@click.argument("case_id", type=int)
@click.argument("user")
@db_option
@_actor_options
def assign(case_id: int, user: str, db: str | None, actor: str, role: str) -> None:
    """Assign a case to USER ("-" to unassign)."""
    with open_store(db) as store, store.transaction() as conn:
        case = cases.assign(conn, case_id, None if user == "-" else user, actor=actor)
    _done(f"case {case.id} assigned to {case.assignee or 'nobody'}")


@cases_group.command("note")
@click.argument("case_id", type=int)
@click.argument("text")
@db_option
@_actor_options
def note(case_id: int, text: str, db: str | None, actor: str, role: str) -> None:
    """Add a note to a case."""
    with open_store(db) as store, store.transaction() as conn:
        note_id = cases.add_note(conn, case_id, text, actor=actor)
    _done(f"note {note_id} added to case {case_id}")


@cases_group.command("move")
@click.argument("items", nargs=-1, required=True, metavar="ITEM...")
@click.option("--to", "to_case", type=int, required=True, help="The case to move the items into.")
@db_option
@_actor_options
def move(items: tuple[str, ...], to_case: int, db: str | None, actor: str, role: str) -> None:
    """Move ITEM... (item ids) into case --to, from whichever case holds them."""
    with open_store(db) as store, store.transaction() as conn:
        case = cases.move_items(conn, list(items), to_case, actor=actor)
    _done(f"moved {len(items)} item{'s' if len(items) != 1 else ''} into case {case.id} ({len(case.item_ids)} items)")


@cases_group.command("merge")
@click.argument("target", type=int)
@click.argument("sources", nargs=-1, required=True, type=int, metavar="SOURCE...")
@db_option
@_actor_options
def merge(target: int, sources: tuple[int, ...], db: str | None, actor: str, role: str) -> None:
    """Fold case(s) SOURCE... into TARGET; the sources are closed as merged away."""
    with open_store(db) as store, store.transaction() as conn:
        case = cases.merge(conn, target, list(sources), actor=actor)
    _done(f"merged {', '.join(map(str, sources))} into case {case.id} ({len(case.item_ids)} items)")


@cases_group.command("split")
@click.argument("case_id", type=int)
@click.option("--item", "items", multiple=True, required=True, help="An item to split off (repeatable).")
@click.option("--title", help="Title of the new case.")
@db_option
@_actor_options
def split(case_id: int, items: tuple[str, ...], title: str | None, db: str | None, actor: str, role: str) -> None:
    """Take --item ... out of CASE_ID into a new case."""
    with open_store(db) as store, store.transaction() as conn:
        new_id = cases.split(conn, case_id, list(items), actor=actor, title=title)
    _done(f"split {len(items)} item{'s' if len(items) != 1 else ''} from case {case_id} into case {new_id}")


@cases_group.command("transition")
@click.argument("case_id", type=int)
@click.argument("state", type=click.Choice(STATUSES))
@click.option("--reason", type=click.Choice(("actioned", "unfounded")), help="Why a case is closed (closing only).")
@db_option
@_actor_options
def transition(case_id: int, state: str, reason: str | None, db: str | None, actor: str, role: str) -> None:
    """Move a case to STATE (new -> triage -> escalated -> referred -> closed; closed -> triage reopens)."""
    with open_store(db) as store, store.transaction() as conn:
        case = cases.transition(conn, case_id, state, actor=actor, role=role, close_reason=reason)
    _done(f"case {case.id} is now {case.status}" + (f" ({case.close_reason})" if case.close_reason else ""))


@cases_group.command("correlate")
@click.option("--since", type=click.DateTime(formats=("%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")),
              help="Only items posted at or after this time (UTC), e.g. 2026-11-01.")
@db_option
@_actor_options
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
def correlate_cmd(since: datetime | None, db: str | None, actor: str, role: str, as_json: bool) -> None:
    """Group the items not yet in a story or case into stories and cases, now.

    ``threatdesk scan`` does this after every import (unless --no-correlate); run it after
    a scan with --no-correlate, or to pick up reports that a later case now matches. It
    is idempotent: items already correlated are never moved (an analyst's moves, merges
    and splits stand), so a second run changes nothing. The run, and every case it opens
    or extends, is recorded in the audit trail under --actor.
    """
    from threatdesk.correlate import correlate  # numpy: loaded only when used

    if role == "auditor":
        raise UsageError("an auditor cannot change cases", hint="run as an analyst or supervisor")
    with open_store(db) as store:
        summary = correlate(store, since=since.replace(tzinfo=UTC) if since else None, actor=actor, record_run=True)
    if as_json:
        click.echo(json.dumps(summary.to_json()))
        return
    _done(str(summary) + ("" if summary.items else " (nothing new to correlate)"))
