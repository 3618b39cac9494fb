"""``threatdesk retention``: purge what the desk has no reason to keep, with tombstones."""

from __future__ import annotations

import json

import click

from threatdesk import retention as rules
from threatdesk.cli.common import db_option, open_store
from threatdesk.cli.export import actor_option


@click.group(short_help="Purge old unfounded and non-actionable items (tombstoned in the audit trail).")
def retention() -> None:
    """Retention rules (docs/audit.md): items in cases closed as unfounded, and
    non-actionable items in no case, are purged once older than the retention period."""


@retention.command(short_help="Purge what the rules select (or count it with --dry-run).")
@db_option
@click.option("--days", type=click.IntRange(min=1), metavar="N",
              help=f"Keep items received in the last N days [env {rules.ENV}; default {rules.DEFAULT_DAYS}].")
@click.option("--dry-run", is_flag=True, help="Count what would be purged; change nothing.")
@actor_option
@click.option("--json", "as_json", is_flag=True, help="The report as JSON.")
def apply(db: str | None, days: int | None, dry_run: bool, actor: str, as_json: bool) -> None:
    """Purge items past the retention period; each purge leaves a tombstone (item id, content
    hash, rule, time; never the content) in the audit trail."""
    with open_store(db) as store:
        report = rules.apply(store, days=days, dry_run=dry_run, actor=actor)
    if as_json:
        click.echo(json.dumps(report.to_json(), sort_keys=True))
        return
    data = report.to_json()
    verb = "would purge" if dry_run else "purged"
    click.echo(f"retention {report.days} days (received before {data['cutoff']}): {verb} {data['total']} items")
    for rule in rules.RULES:
        click.echo(f"  {rule:<15} {data['purged'][rule]}")
    if dry_run and data["total"]:
        click.echo("run again without --dry-run to purge them")
