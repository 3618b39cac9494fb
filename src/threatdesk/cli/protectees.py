"""``threatdesk protectees``: enrol, list and remove protectees, and rotate the fingerprint key."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from threatdesk.cli.common import db_option, open_store

if TYPE_CHECKING:
    from threatdesk.protectees.registry import ImportResult, Registry

_KEY_HELP = (
    "Fingerprint key file [env THREATDESK_KEY_FILE, or the key itself in THREATDESK_KEY; "
    "default ~/.config/threatdesk/protectees.key]."
)


def key_option(func):  # type: ignore[no-untyped-def]
    return click.option("--key-file", metavar="PATH", help=_KEY_HELP)(func)


@click.group(short_help="The protectee registry: aliases and keyed fingerprints only.")
def protectees() -> None:
    """Enrol protected people by alias. Names, addresses, phones, e-mails, plates and family
    names are stored only as keyed fingerprints (HMAC-SHA256); the key stays outside the
    database. See docs/protectees.md.
    """


def _report(path: Path, result: ImportResult, registry: Registry) -> None:
    from threatdesk.protectees.registry import iter_rejections

    for line in iter_rejections(path, result):
        click.echo(f"rejected {line}", err=True)
    if result.key_created:
        click.echo(f"created a new key: {registry.source.describe()} (mode 0600; back it up, it is not in the database)", err=True)
    click.echo(
        f"enrolled {len(result.enrolled)}, updated {len(result.updated)}, rejected {len(result.rejected)}"
    )
    if result.rejected:
        sys.exit(1)


@protectees.command("import", short_help="Enrol or update protectees from a CSV file.")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--surnames", is_flag=True, help="Also match every protectee by surname alone.")
@key_option
@db_option
def import_(file: Path, surnames: bool, key_file: str | None, db: str | None) -> None:
    """Enrol the protectees in FILE (header: alias,role,agency,names,home_addresses,phones,
    emails,plates,family_names; several values in one cell separated by ';').

    An alias already enrolled is updated. A bad row is reported as FILE:LINE: reason and
    skipped; the others are enrolled. Exit status 1 when a row was rejected.
    """
    from threatdesk.protectees.registry import Registry

    with open_store(db) as store:
        registry = Registry(store, key_file=key_file)
        _report(file, registry.import_csv(file, surnames=surnames), registry)


@protectees.command("list", short_help="List enrolled protectees (aliases only).")
@key_option
@db_option
def list_(key_file: str | None, db: str | None) -> None:
    """List aliases, roles, agencies and how many fingerprints of each kind are held."""
    from threatdesk.protectees.registry import Registry

    with open_store(db) as store:
        registry = Registry(store, key_file=key_file)
        rows = registry.list()
        for r in rows:
            counts = ", ".join(f"{k} {n}" for k, n in sorted(r.counts.items()))
            click.echo(f"{r.alias}\t{r.role or ''}\t{r.agency or ''}\t{counts}")
        matches = registry.key_matches()
        state = "no key found" if matches is None else "key matches" if matches else "KEY DOES NOT MATCH"
        click.echo(f"{len(rows)} protectees; {registry.source.describe()}: {state}", err=True)


@protectees.command("remove", short_help="Remove one protectee and all its fingerprints.")
@click.argument("alias")
@db_option
def remove(alias: str, db: str | None) -> None:
    """Remove ALIAS and every fingerprint enrolled for it."""
    from threatdesk.protectees.registry import Registry

    with open_store(db) as store:
        Registry(store).remove(alias)
    click.echo(f"removed {alias}")


@protectees.command("rotate-key", short_help="New key; re-enrol everyone from a fresh CSV.")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--surnames", is_flag=True, help="Also match every protectee by surname alone.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@key_option
@db_option
def rotate_key(file: Path, surnames: bool, yes: bool, key_file: str | None, db: str | None) -> None:
    """Make a new key, remove every protectee and enrol FILE with the new key.

    Use it when the key may have leaked, or when it is lost. The old key file is replaced.
    """
    if not yes:
        click.confirm("This removes every enrolled protectee and replaces the key. Go on?", abort=True)
    from threatdesk.protectees.registry import Registry

    with open_store(db) as store:
        registry = Registry(store, key_file=key_file)
        _report(file, registry.rotate_key(file, surnames=surnames), registry)
