"""Options and output helpers shared by the verbs."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from threatdesk.labels import LABEL_ORDER
from threatdesk.store import QueueRow, Store

F = TypeVar("F", bound=Callable[..., Any])

PRIORITIES = ("P1", "P2", "P3", "P4")
STATUSES = ("new", "triage", "escalated", "referred", "closed")


def db_option(func: F) -> F:
    return click.option(
        "--db",
        envvar="THREATDESK_DB",
        metavar="PATH|URL",
        help="SQLite file or PostgreSQL URL [env THREATDESK_DB; default ./threatdesk.db].",
    )(func)


def open_store(db: str | None) -> Store:
    return Store.open(db)


def label_choice() -> click.Choice:
    return click.Choice([str(label) for label in LABEL_ORDER])


def console(stderr: bool = False) -> Console:
    """Rich console; when output is piped, a fixed wide layout instead of 80 columns."""
    stream = sys.stderr if stderr else sys.stdout
    return Console(stderr=stderr, highlight=False, soft_wrap=False, width=None if is_tty(stream) else 160)


def is_tty(stream: Any = None) -> bool:
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)())


_PRIORITY_STYLE = {"P1": "bold white on red", "P2": "bold red", "P3": "yellow", "P4": "dim"}


def queue_table(rows: Sequence[QueueRow], *, title: str | None = None, width: int = 70) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False, pad_edge=False)
    table.add_column("pri", no_wrap=True)
    table.add_column("risk", justify="right")
    table.add_column("label", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("posted (UTC)", no_wrap=True)
    table.add_column("item", no_wrap=True)
    table.add_column("text", overflow="ellipsis", no_wrap=True, max_width=width)
    for r in rows:
        table.add_row(
            f"[{_PRIORITY_STYLE.get(r.priority, '')}]{r.priority}[/]",
            str(r.risk),
            r.label,
            r.status + (f" #{r.case_id}" if r.case_id else ""),
            r.posted_at.strftime("%Y-%m-%d %H:%M") if r.posted_at else "",
            r.item_id,
            escape(" ".join(r.text.split())),
        )
    return table
