"""The delivery worker: takes due rows from the outbox, sends them, retries with backoff.

Any number of workers (threads, processes, machines) may run at once: a worker claims a
row with one conditional UPDATE that pushes its ``next_attempt_at`` past the attempt's
timeout, so two workers never send the same row at the same time, and a worker that dies
mid-attempt releases the row when that lease runs out.

A failed attempt is retried after ``base * 2**(n-1)`` seconds (capped, times a random
factor in [0.5, 1] so that many failing rows do not retry in lockstep). After
``max_attempts`` the row is dead-lettered (status ``dead``) until ``webhooks retry``.
Every attempt is logged in ``webhook_attempts``.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, insert, select, update

from threatdesk.alerts import email, webhooks
from threatdesk.alerts.outbox import sweep
from threatdesk.alerts.settings import AlertSettings
from threatdesk.alerts.webhooks import Outcome
from threatdesk.errors import NotFoundError
from threatdesk.models import now_utc
from threatdesk.store import Store, as_utc, schema

LEASE_MARGIN = timedelta(seconds=30)
log = logging.getLogger("threatdesk.alerts")


@dataclass
class Stats:
    delivered: int = 0
    failed: int = 0
    dead: int = 0

    def __add__(self, other: Stats) -> Stats:
        return Stats(self.delivered + other.delivered, self.failed + other.failed, self.dead + other.dead)


def backoff(attempts: int, settings: AlertSettings, rng: random.Random | None = None) -> float:
    """Seconds to wait after the ``attempts``-th failure: exponential, capped, with jitter."""
    delay = min(settings.backoff_cap, settings.backoff_base * 2 ** max(attempts - 1, 0))
    return delay * (rng or random).uniform(0.5, 1.0)


def body_bytes(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


class DeliveryWorker:
    def __init__(self, store: Store, settings: AlertSettings, *, tls_context: Any = None) -> None:
        self.store = store
        self.settings = settings
        self.tls_context = tls_context

    def _secret(self, url: str) -> str | None:
        ep = schema.webhook_endpoints
        with self.store.engine.connect() as conn:
            secret = conn.execute(select(ep.c.secret).where(ep.c.url == url)).scalar()
        return secret or self.settings.webhook_secret

    def _claim(self, row_id: int, now: datetime) -> bool:
        wd = schema.webhook_deliveries
        lease = now + timedelta(seconds=self.settings.timeout) + LEASE_MARGIN
        with self.store.transaction() as conn:
            result = conn.execute(
                update(wd).where(and_(wd.c.id == row_id, wd.c.status == "pending", wd.c.next_attempt_at <= now))
                .values(attempts=wd.c.attempts + 1, next_attempt_at=lease)
            )
            return result.rowcount == 1

    def _send(self, row: dict[str, Any]) -> Outcome:
        url: str = row["url"]
        if url.startswith("mailto:"):
            smtp = self.settings.smtp
            if smtp is None:
                return Outcome(False, None, "THREATDESK_SMTP_HOST is not set")
            msg = email.compose(row["payload"], sender=smtp.sender, to=url.removeprefix("mailto:"), delivery_id=row["event_id"])
            return email.send(smtp, msg, timeout=self.settings.timeout, tls_context=self.tls_context)
        secret = self._secret(url)
        if not secret:
            return Outcome(False, None, "no secret for this URL (set THREATDESK_WEBHOOK_SECRET or `webhooks add` it)")
        return webhooks.post(url, body_bytes(row["payload"]), secret=secret, delivery_id=row["event_id"],
                             event=row["event"], timeout=self.settings.timeout)

    def deliver_once(self, *, now: datetime | None = None, limit: int = 100) -> Stats:
        """Sweep, then one pass over the rows due at ``now``; returns what happened."""
        now = now or now_utc()
        sweep(self.store, self.settings, now=now)
        wd = schema.webhook_deliveries
        with self.store.engine.connect() as conn:
            due = conn.execute(
                select(wd).where(and_(wd.c.status == "pending", wd.c.next_attempt_at <= now))
                .order_by(wd.c.next_attempt_at, wd.c.id).limit(limit)
            ).mappings().all()
        stats = Stats()
        for row in due:
            if not self._claim(row["id"], now):
                continue
            started = time.perf_counter()
            outcome = self._send(dict(row))
            took = int((time.perf_counter() - started) * 1000)
            stats += self._record(row, outcome, took, now)
        return stats

    def _record(self, row: Any, outcome: Outcome, took_ms: int, now: datetime) -> Stats:
        wd, wa = schema.webhook_deliveries, schema.webhook_attempts
        attempt = row["attempts"] + 1
        finished = now_utc() if now is None else max(now, now_utc())
        values: dict[str, Any]
        if outcome.ok:
            values = {"status": "delivered", "delivered_at": finished, "last_error": None, "next_attempt_at": None}
            stats = Stats(delivered=1)
        elif attempt >= self.settings.max_attempts:
            values = {"status": "dead", "last_error": outcome.error, "next_attempt_at": None}
            stats = Stats(dead=1)
        else:
            values = {"last_error": outcome.error,
                      "next_attempt_at": now + timedelta(seconds=backoff(attempt, self.settings))}
            stats = Stats(failed=1)
        with self.store.transaction() as conn:
            conn.execute(update(wd).where(wd.c.id == row["id"]).values(**values))
            conn.execute(insert(wa).values(
                delivery_id=row["id"], attempt=attempt, at=finished, outcome="delivered" if outcome.ok else "failed",
                status_code=outcome.status_code, error=outcome.error, duration_ms=took_ms,
            ))
        return stats

    def pending(self) -> tuple[int, datetime | None]:
        """How many rows still wait, and when the next one is due."""
        wd = schema.webhook_deliveries
        with self.store.engine.connect() as conn:
            n, soonest = conn.execute(
                select(func.count(), func.min(wd.c.next_attempt_at)).where(wd.c.status == "pending")
            ).one()
        return int(n), as_utc(soonest)

    def drain(self, *, max_seconds: float = 60.0) -> Stats:
        """Deliver until nothing is pending (waiting out backoff), or ``max_seconds`` pass."""
        deadline = time.monotonic() + max_seconds
        stats = Stats()
        while True:
            stats += self.deliver_once()
            n, soonest = self.pending()
            left = deadline - time.monotonic()
            if n == 0 or left <= 0:
                return stats
            wait = (soonest - now_utc()).total_seconds() if soonest else 0.0
            time.sleep(min(max(wait, 0.05), left))


def retry(store: Store, delivery_id: int) -> None:
    """Put a dead (or failing) delivery back at the head of the queue with a fresh set of attempts."""
    wd = schema.webhook_deliveries
    with store.transaction() as conn:
        result = conn.execute(
            update(wd).where(and_(wd.c.id == delivery_id, wd.c.status != "delivered"))
            .values(status="pending", attempts=0, next_attempt_at=now_utc())
        )
        if result.rowcount != 1:
            raise NotFoundError(f"no undelivered delivery {delivery_id}", hint="threatdesk webhooks dead lists them")


class WorkerThread:
    """A background thread running ``deliver_once`` every ``interval`` seconds, or sooner when woken."""

    def __init__(self, worker: DeliveryWorker, *, interval: float = 1.0) -> None:
        self.worker = worker
        self.interval = interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="threatdesk-alerts", daemon=True)
        self.errors = 0

    def start(self) -> WorkerThread:
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.worker.deliver_once()
            except Exception:  # noqa: BLE001 - a database hiccup must not end alerting; the row stays queued
                self.errors += 1
                log.exception("alert delivery pass failed; retrying in %.1fs", self.interval)
            self._wake.wait(self.interval)
            self._wake.clear()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)
