"""``threatdesk export`` and ``threatdesk verify-bundle``: what leaves the desk, and checking it.

Every export is redacted unless ``--unredacted`` is given by an admin (``--actor``, checked
against the users table), and every export writes an audit event naming the file.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

import click

from threatdesk.cli.common import (
    PRIORITIES,
    STATUSES,
    db_option,
    label_choice,
    open_store,
    queue_filters,
)
from threatdesk.cli.common import when_option as _when
from threatdesk.errors import UsageError
from threatdesk.store import QueueFilter, Store

F = TypeVar("F", bound=Callable[..., Any])

#: The choices of ``--tlp`` (threatdesk.export.stix.TLP_CHOICES; a test keeps them equal).
#: The export modules are imported inside each command: stix2 is slow to import and
#: every other verb would pay for it.
TLP_LEVELS = ("clear", "white", "green", "amber", "red")


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def actor_option(func: F) -> F:
    return click.option(
        "--actor", envvar="THREATDESK_ACTOR", default=_default_actor, metavar="NAME", show_default="your login name",
        help="Who is doing this, for the audit trail [env THREATDESK_ACTOR].",
    )(func)


def unredacted_option(func: F) -> F:
    return click.option(
        "--unredacted", is_flag=True,
        help="Include personal data unmasked. Only for an admin --actor; audited as pii.unmask.",
    )(func)


@click.group(short_help="Evidence bundles, STIX 2.1, SAR files and CSV tables.")
def export() -> None:
    """Export a case (evidence bundle, STIX 2.1), suspicious-activity records, or the queue
    and case list as CSV. Personal data is redacted unless an admin asks (--unredacted)."""


@export.command("case", short_help="One case as an evidence bundle (.zip) and/or STIX 2.1 (.json).")
@db_option
@click.argument("case_id", type=int)
@click.option("--bundle", "bundle_path", metavar="FILE.zip", help="Write an evidence bundle with a hashed manifest.")
@click.option("--stix", "stix_path", metavar="FILE.json", help="Write a STIX 2.1 bundle.")
@click.option("--tlp", type=click.Choice(TLP_LEVELS), default="amber",
              show_default=True, help="TLP marking on every STIX object.")
@unredacted_option
@actor_option
def case(db: str | None, case_id: int, bundle_path: str | None, stix_path: str | None, tlp: str,
         unredacted: bool, actor: str) -> None:
    """Export case CASE_ID. The bundle holds the raw items as received, their SHA-256, the
    assessments, notes, the case's audit events and a manifest; check it with
    'threatdesk verify-bundle FILE.zip'."""
    if not bundle_path and not stix_path:
        raise UsageError("say what to write: --bundle FILE.zip and/or --stix FILE.json")
    from threatdesk.export import bundle as bundles
    from threatdesk.export import stix as stix_export

    with open_store(db) as store:
        if bundle_path:
            result = bundles.write_bundle(store, case_id, bundle_path, actor=actor, redacted=not unredacted)
            click.echo(f"wrote {result.path} ({result.files} files{', redacted' if result.redacted else ', UNREDACTED'}); "
                       f"manifest SHA-256 {result.manifest_sha256}")
        if stix_path:
            n = stix_export.write_stix(store, case_id, stix_path, actor=actor, redacted=not unredacted, tlp=tlp)
            click.echo(f"wrote {stix_path} (STIX 2.1, {n} objects, TLP:{tlp.upper()}{'' if not unredacted else ', UNREDACTED'})")


@export.command(short_help="Suspicious-activity records in the 16 ISE-SAR categories (.json or .csv).")
@db_option
@click.option("--out", required=True, metavar="FILE.json|FILE.csv", help="Where to write; the extension picks the format.")
@click.option("--since", callback=_when, help="Posted (else received) at or after this time (ISO 8601).")
@click.option("--until", callback=_when, help="Posted (else received) before this time (ISO 8601).")
@click.option("--label", multiple=True, type=label_choice(), help="Only this label (repeatable).")
@unredacted_option
@actor_option
def sar(db: str | None, out: str, since: datetime | None, until: datetime | None, label: tuple[str, ...],
        unredacted: bool, actor: str) -> None:
    """Actionable items mapped to the ISE-SAR behaviour categories (docs/exports.md has the
    mapping). Behaviour only: no field about anyone's identity."""
    from threatdesk.export import sar as sar_export

    with open_store(db) as store:
        n = sar_export.write_sar(store, out, actor=actor, since=since, until=until, labels=label, redacted=not unredacted)
    click.echo(f"wrote {out}: {n} suspicious-activity records")


@export.command("queue", short_help="The queue as CSV, with the filters of 'threatdesk queue'.")
@db_option
@click.option("--out", required=True, metavar="FILE.csv", help="Where to write.")
@queue_filters
@unredacted_option
@actor_option
def queue_csv(db: str | None, out: str, flt: QueueFilter, unredacted: bool, actor: str) -> None:
    """Every queue row matching the filters (all pages), in queue order."""
    from threatdesk.export import tables

    with open_store(db) as store:
        n = tables.write_queue_csv(store, out, flt, actor=actor, redacted=not unredacted)
    click.echo(f"wrote {out}: {n} rows")


@export.command("cases", short_help="The case list as CSV.")
@db_option
@click.option("--out", required=True, metavar="FILE.csv", help="Where to write.")
@click.option("--status", multiple=True, type=click.Choice(STATUSES), help="Only cases in this state (repeatable).")
@click.option("--priority", multiple=True, type=click.Choice(PRIORITIES), help="Only this priority (repeatable).")
@click.option("--assignee", help="Only cases assigned to this user.")
@unredacted_option
@actor_option
def cases_csv(db: str | None, out: str, status: tuple[str, ...], priority: tuple[str, ...], assignee: str | None,
              unredacted: bool, actor: str) -> None:
    """Cases, most urgent first, with their item counts."""
    from threatdesk.export import tables

    with open_store(db) as store:
        n = tables.write_cases_csv(store, out, actor=actor, status=status, priority=priority, assignee=assignee,
                                   redacted=not unredacted)
    click.echo(f"wrote {out}: {n} cases")


@click.command("verify-bundle", short_help="Recompute every hash of an evidence bundle.")
@click.argument("path", metavar="FILE.zip")
@click.option("--db", envvar="THREATDESK_DB", metavar="PATH|URL",
              help="Also find the bundle's export event and check the audit trail still holds its head.")
def verify_bundle(path: str, db: str | None) -> None:
    """Check FILE.zip against its manifest: every file's SHA-256, nothing missing or added,
    raw records against their recorded hashes. Exit 1 on any mismatch."""
    from threatdesk.export import bundle as bundles

    store: Store | None = open_store(db) if db or os.environ.get("THREATDESK_DB") else None
    try:
        report = bundles.verify_bundle(path, store=store)
    finally:
        if store is not None:
            store.close()
    for problem in report.problems:
        click.echo(f"MISMATCH: {problem}", err=True)
    if report.problems:
        click.echo(f"{path}: {len(report.problems)} problem(s); manifest SHA-256 {report.manifest_sha256}", err=True)
        sys.exit(1)
    custody = " and its export event is in the audit trail" if store is not None else ""
    click.echo(f"{path}: case {report.case_id}, {report.files_checked} files verify{custody}; "
               f"manifest SHA-256 {report.manifest_sha256}")
