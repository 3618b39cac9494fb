"""``threatdesk users``: add, remove, reset and list the web app's accounts."""

from __future__ import annotations

import getpass
import sys

import click

from threatdesk.cases import ROLES
from threatdesk.cli.common import db_option, open_store
from threatdesk.errors import UsageError


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise UsageError("no password on standard input")
        return password
    return click.prompt("password", hide_input=True, confirmation_prompt=True)


@click.group(short_help="Add, remove, reset and list web accounts.")
def users() -> None:
    """Accounts of the web app: analyst, supervisor, auditor, admin."""


@users.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@db_option
def add(username: str, role: str, password_stdin: bool, db: str | None) -> None:
    """Create an account (prompts for its password, 12 characters or more)."""
    from threatdesk.web.auth import create_user

    password = _password(password_stdin)
    with open_store(db) as store, store.transaction() as conn:
        create_user(conn, username, password, role=role, actor=_actor())
    click.echo(f"added {username} ({role})")


@users.command("remove")
@click.argument("username")
@db_option
def remove(username: str, db: str | None) -> None:
    """Delete an account and end its sessions (its audit history stays)."""
    from threatdesk.web.auth import remove_user

    with open_store(db) as store, store.transaction() as conn:
        remove_user(conn, username, actor=_actor())
    click.echo(f"removed {username}")


@users.command("reset")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@db_option
def reset(username: str, password_stdin: bool, db: str | None) -> None:
    """Set a new password, lift a lockout and end the account's sessions."""
    from threatdesk.web.auth import reset_password

    password = _password(password_stdin)
    with open_store(db) as store, store.transaction() as conn:
        reset_password(conn, username, password, actor=_actor())
    click.echo(f"reset {username}: new password set, lockout lifted, sessions ended")


@users.command("list")
@db_option
def list_(db: str | None) -> None:
    """Show accounts, roles and lockouts."""
    from threatdesk.web.auth import list_users

    with open_store(db) as store, store.engine.connect() as conn:
        rows = list_users(conn)
    for r in rows:
        locked = f"  locked until {r['locked_until']:%Y-%m-%d %H:%M} UTC" if r["locked_until"] else ""
        click.echo(f"{r['username']:<24} {r['role']:<11} failed logins {r['failed_logins']}{locked}")
