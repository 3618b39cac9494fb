"""The ``threatdesk`` command.

Each verb lives in its own module of this package and is listed in ``COMMANDS``. Errors
stop at this edge: a ``ThreatdeskError`` or a bad option becomes one line on stderr and
exit status 2, never a traceback.
"""

from __future__ import annotations

import importlib
import sys

import click

from threatdesk import __version__
from threatdesk.errors import ThreatdeskError

#: (module, attribute) of every top-level command, in the order --help lists them.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("threatdesk.cli.scan", "scan"),
    ("threatdesk.cli.queue", "queue"),
    ("threatdesk.cli.explain", "explain"),
    ("threatdesk.cli.explain", "analyzers"),
    ("threatdesk.cli.demo", "demo"),
    ("threatdesk.cli.places", "places"),
    ("threatdesk.cli.protectees", "protectees"),
    ("threatdesk.cli.audit", "audit"),
    ("threatdesk.cli.export", "export"),
    ("threatdesk.cli.export", "verify_bundle"),
    ("threatdesk.cli.retention", "retention"),
    ("threatdesk.cli.cases", "cases_group"),
    ("threatdesk.cli.watch", "watch"),
    ("threatdesk.cli.keys", "keys"),
    ("threatdesk.cli.webhooks", "webhooks"),
    ("threatdesk.cli.eval", "eval_"),
    ("threatdesk.cli.train", "train"),
    ("threatdesk.cli.serve", "serve"),
    ("threatdesk.cli.users", "users"),
)


class _Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="threatdesk")
def cli() -> None:
    """threatdesk: find the messages that threaten a protected person, explain why, rank them.

    \b
    Start here:
      threatdesk demo                 scan the bundled demo corpus and show the queue
      threatdesk scan FILE.jsonl      import, analyse and rank a file of messages
      threatdesk queue --priority P1  what to look at first
      threatdesk explain "TEXT"       why one message gets its label

    The database is ./threatdesk.db unless --db or THREATDESK_DB names another
    (a path for SQLite, or postgresql://user@host/db).
    """


for _module, _attr in COMMANDS:
    cli.add_command(getattr(importlib.import_module(_module), _attr))


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="threatdesk", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "threatdesk"
        click.echo(f"error: {exc.format_message()} (see '{command} --help')", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        click.echo(f"error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except ThreatdeskError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted: every batch written so far is stored whole; run the same command again to finish", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
