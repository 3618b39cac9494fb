"""``threatdesk keys``: API keys for other systems (created once, stored hashed, revocable)."""

from __future__ import annotations

import click

from threatdesk.api import keys as api_keys
from threatdesk.cli.common import db_option, open_store


@click.group(short_help="Create, list and revoke API keys.")
def keys() -> None:
    """API keys for /api/v1. A key is printed once, when created; only its hash is stored."""


@keys.command("create")
@db_option
@click.option("--scope", "scope", required=True, metavar="SCOPES",
              help=f"Comma-separated: {','.join(api_keys.SCOPES)} (pii lets a reader see unredacted text).")
@click.option("--label", help="What the key is for (shown in `keys list`).")
def create(db: str | None, scope: str, label: str | None) -> None:
    """Create a key and print it (the only time it is shown)."""
    scopes = api_keys.parse_scopes(scope)
    with open_store(db) as store:
        key = api_keys.create(store, scopes=scopes, label=label)
    click.echo(key)
    click.echo(f"scopes {','.join(sorted(scopes))}; store it now: it cannot be shown again "
               f"(revoke with: threatdesk keys revoke {key.split('_')[1]})", err=True)


@keys.command("list")
@db_option
def list_(db: str | None) -> None:
    """Every key: prefix, scopes, label, created, revoked."""
    with open_store(db) as store:
        found = api_keys.list_keys(store)
    if not found:
        click.echo("no API keys (threatdesk keys create --scope ingest,read)")
        return
    for k in found:
        state = f"revoked {k.revoked_at:%Y-%m-%d %H:%M}" if k.revoked_at else "live"
        created = f"{k.created_at:%Y-%m-%d %H:%M}" if k.created_at else ""
        click.echo(f"{k.prefix}  {','.join(sorted(k.scopes)):<28} {state:<24} {created}  {k.label or ''}".rstrip())


@keys.command("revoke")
@db_option
@click.argument("prefix")
def revoke(db: str | None, prefix: str) -> None:
    """Revoke the key whose prefix is PREFIX (from `keys list`); it stops working at once."""
    with open_store(db) as store:
        api_keys.revoke(store, prefix)
    click.echo(f"revoked {prefix}")
