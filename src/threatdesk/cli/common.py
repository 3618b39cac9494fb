"""Options and output helpers shared by the verbs."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from threatdesk.labels import LABEL_ORDER
from threatdesk.store import QueueFilter, QueueRow, Store

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


def when_option(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    """Parse a --since / --until value like intake parses posted_at."""
    from threatdesk.intake.normalize import RecordError, parse_time

    try:
        return parse_time(value)
    except RecordError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-10-31 or 2026-10-31T18:00:00-05:00") from None


_QUEUE_FILTERS = (
    click.option("--label", multiple=True, type=label_choice(), help="Only this label (repeatable)."),
    click.option("--priority", multiple=True, type=click.Choice(PRIORITIES), help="Only this priority (repeatable)."),
    click.option("--status", multiple=True, type=click.Choice(STATUSES), help="Only items whose case is in this state (repeatable)."),
    click.option("--protectee", metavar="ALIAS", help="Only items that name this protectee alias."),
    click.option("--place", help="Only items from this place name."),
    click.option("--since", callback=when_option, help="Posted at or after this time (ISO 8601)."),
    click.option("--until", callback=when_option, help="Posted before this time (ISO 8601)."),
)


def queue_filters(func: F) -> F:
    """The queue's filter options, handed to the command as one ``flt: QueueFilter``."""

    @functools.wraps(func)
    def wrapper(*args: Any, label: tuple[str, ...], priority: tuple[str, ...], status: tuple[str, ...],
                protectee: str | None, place: str | None, since: datetime | None, until: datetime | None,
                **kwargs: Any) -> Any:
        flt = QueueFilter(label=label, priority=priority, status=status, protectee=protectee, place=place,
                          since=since, until=until)
        return func(*args, flt=flt, **kwargs)

    for option in reversed(_QUEUE_FILTERS):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]
