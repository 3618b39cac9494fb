"""``threatdesk webhooks``: endpoints, the delivery worker, the dead-letter list."""

from __future__ import annotations

import json
import secrets
import time

import click
from sqlalchemy import delete, insert, select

from threatdesk.alerts.settings import AlertSettings, check_url
from threatdesk.alerts.worker import DeliveryWorker, retry
from threatdesk.cli.common import db_option, open_store
from threatdesk.errors import NotFoundError, UsageError
from threatdesk.models import now_utc
from threatdesk.store import schema


@click.group(short_help="Signed webhooks and e-mail alerts: endpoints, delivery, dead letters.")
def webhooks() -> None:
    """Alerts for items and cases at P1/P2 (THREATDESK_WEBHOOK_MIN_PRIORITY), sent as signed
    JSON POSTs to each endpoint and as e-mail when THREATDESK_SMTP_HOST is set. See docs/api.md."""


@webhooks.command("add")
@db_option
@click.argument("url")
def add(db: str | None, url: str) -> None:
    """Add an endpoint; prints its signing secret once."""
    check_url(url, "URL")
    secret = secrets.token_hex(32)
    ep = schema.webhook_endpoints
    with open_store(db) as store, store.transaction() as conn:
        if conn.execute(select(ep.c.id).where(ep.c.url == url)).first():
            raise UsageError(f"{url} is already an endpoint", hint="threatdesk webhooks remove URL first to change its secret")
        conn.execute(insert(ep).values(url=url, secret=secret, created_at=now_utc()))
    click.echo(secret)
    click.echo("the receiver checks X-Threatdesk-Signature with this secret; it is not shown again", err=True)


@webhooks.command("remove")
@db_option
@click.argument("url")
def remove(db: str | None, url: str) -> None:
    """Stop sending to an endpoint added with `webhooks add`."""
    ep = schema.webhook_endpoints
    with open_store(db) as store, store.transaction() as conn:
        if conn.execute(delete(ep).where(ep.c.url == url)).rowcount != 1:
            raise NotFoundError(f"{url} is not an endpoint", hint="threatdesk webhooks list shows them")
    click.echo(f"removed {url}")


@webhooks.command("list")
@db_option
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
def list_(db: str | None, limit: int) -> None:
    """Endpoints, then the latest deliveries (the delivery log)."""
    settings = AlertSettings.from_env()
    ep, wd = schema.webhook_endpoints, schema.webhook_deliveries
    with open_store(db) as store, store.engine.connect() as conn:
        urls = [(u, "added") for u in conn.execute(select(ep.c.url).order_by(ep.c.id)).scalars()]
        rows = conn.execute(select(wd).order_by(wd.c.id.desc()).limit(limit)).mappings().all()
    urls += [(u, "THREATDESK_WEBHOOK_URLS") for u in settings.webhook_urls]
    if settings.smtp:
        urls += [(f"mailto:{r}", "THREATDESK_SMTP_TO") for r in settings.smtp.recipients]
    click.echo("destinations:" if urls else "no destinations (threatdesk webhooks add URL, or THREATDESK_WEBHOOK_URLS)")
    for url, origin in urls:
        click.echo(f"  {url}  ({origin}; alerts at {settings.min_priority} or above)")
    for r in rows:
        click.echo(_row_line(r))


def _row_line(r: dict) -> str:
    when = r["delivered_at"] or r["next_attempt_at"] or r["created_at"]
    error = f"  {r['last_error']}" if r["last_error"] and r["status"] != "delivered" else ""
    return (f"{r['id']:>6}  {r['status']:<9} {r['attempts']:>2} tries  {r['event']:<10} {r['event_key']:<32} "
            f"{r['url']}  {when:%Y-%m-%d %H:%M:%S}{error}")


@webhooks.command("dead")
@db_option
def dead(db: str | None) -> None:
    """Deliveries that ran out of attempts (retry one with `webhooks retry ID`)."""
    wd = schema.webhook_deliveries
    with open_store(db) as store, store.engine.connect() as conn:
        rows = conn.execute(select(wd).where(wd.c.status == "dead").order_by(wd.c.id)).mappings().all()
    if not rows:
        click.echo("no dead deliveries")
    for r in rows:
        click.echo(_row_line(r))


@webhooks.command("retry")
@db_option
@click.argument("delivery_id", type=int)
def retry_(db: str | None, delivery_id: int) -> None:
    """Queue a dead delivery again, with a fresh set of attempts."""
    with open_store(db) as store:
        retry(store, delivery_id)
    click.echo(f"delivery {delivery_id} queued; threatdesk webhooks deliver sends it")


@webhooks.command("deliver")
@db_option
@click.option("--drain", is_flag=True, help="Keep going (waiting out backoff) until nothing is pending.")
@click.option("--follow", is_flag=True, help="Run as a worker until interrupted.")
@click.option("--max-seconds", type=click.FloatRange(min=0), default=300, show_default=True, help="Limit for --drain.")
def deliver(db: str | None, drain: bool, follow: bool, max_seconds: float) -> None:
    """Send what is due (once by default). Several workers may run at once; none sends a row twice concurrently."""
    settings = AlertSettings.from_env()
    with open_store(db) as store:
        worker = DeliveryWorker(store, settings)
        if follow:
            while True:
                stats = worker.deliver_once()
                if stats.delivered or stats.failed or stats.dead:
                    click.echo(json.dumps(stats.__dict__), err=True)
                time.sleep(1.0)
        stats = worker.drain(max_seconds=max_seconds) if drain else worker.deliver_once()
        pending, soonest = worker.pending()
    click.echo(f"delivered {stats.delivered}, failed {stats.failed} (will retry), dead {stats.dead}; "
               f"pending {pending}" + (f", next due {soonest:%H:%M:%S} UTC" if soonest and pending else ""))
