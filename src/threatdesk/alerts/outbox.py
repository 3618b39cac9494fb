"""The alert outbox: P1/P2 events written as rows, one per destination, for the worker to send.

Ingest only ever inserts rows here (fast, local, no network), so a slow or dead receiver
never slows intake. Each row is keyed by ``(event_key, url)`` and inserted with
ON CONFLICT DO NOTHING, so offering the same event twice (a re-submitted item, a sweep
after a crash between storing and enqueueing) queues it once.

Destinations are URLs: ``http(s)://`` for webhooks, ``mailto:ADDRESS`` for e-mail.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, exists, literal, select

from threatdesk.alerts.redaction import assessment_json, item_json
from threatdesk.alerts.settings import AlertSettings
from threatdesk.models import Assessment, Case, Item, now_utc
from threatdesk.store import Store, schema
from threatdesk.store.database import row_to_assessment, row_to_item

#: How far back the worker's sweep looks for urgent items that were stored but never queued.
SWEEP_WINDOW = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class Event:
    key: str
    name: str
    payload: dict[str, Any]


def item_event(item: Item, assessment: Assessment) -> Event:
    key = f"item:{item.id}"
    summary = f"{assessment.priority} item {item.id}: {assessment.label}, risk {assessment.risk}"
    payload = {
        "event": "item.alert",
        "event_key": key,
        "summary": summary,
        "priority": assessment.priority,
        "item": item_json(item, assessment.signals, pii=False),
        "assessment": assessment_json(assessment, pii=False),
        "links": {"api": f"/api/v1/items/{item.id}"},
    }
    return Event(key, "item.alert", payload)


def case_event(case: Case) -> Event:
    key = f"case:{case.id}:{case.priority}"
    payload = {
        "event": "case.alert",
        "event_key": key,
        "summary": f"{case.priority} case {case.id}: {case.title}",
        "priority": case.priority,
        "case": case.to_json(),
        "links": {"api": f"/api/v1/cases/{case.id}"},
    }
    return Event(key, "case.alert", payload)


def destinations(conn: Connection, settings: AlertSettings) -> list[str]:
    urls = list(settings.webhook_urls)
    urls += [u for u in conn.execute(select(schema.webhook_endpoints.c.url).order_by(schema.webhook_endpoints.c.id)).scalars()
             if u not in urls]
    if settings.smtp is not None:
        urls += [f"mailto:{r}" for r in settings.smtp.recipients]
    return urls


def enqueue(store: Store, conn: Connection, events: Sequence[Event], dests: Sequence[str], *,
            at: datetime | None = None) -> int:
    """Queue each event for each destination (once), due at ``at``; returns the rows offered."""
    if not events or not dests:
        return 0
    at = at or now_utc()
    rows = [
        {"event_id": secrets.token_hex(16), "event_key": e.key, "url": url, "event": e.name,
         "payload": dict(e.payload, created_at=at.isoformat().replace("+00:00", "Z")), "status": "pending",
         "attempts": 0, "next_attempt_at": at, "created_at": at}
        for e in events for url in dests
    ]
    conn.execute(store.insert_ignore(schema.webhook_deliveries), rows)
    return len(rows)


def item_events(items: Sequence[Item], assessments: Sequence[Assessment], settings: AlertSettings) -> list[Event]:
    by_id = {i.id: i for i in items}
    return [item_event(by_id[a.item_id], a) for a in assessments if a.item_id in by_id and settings.alerting(a.priority)]


def sweep(store: Store, settings: AlertSettings, *, now: datetime | None = None) -> int:
    """Queue what should have been queued: urgent open cases, and urgent items of the last day.

    Cases change priority inside correlation and case work, which know nothing of alerts;
    the sweep notices a case at P1/P2 (per setting) once per priority it reaches.
    """
    from threatdesk import cases as case_work

    now = now or now_utc()
    wd, a, c = schema.webhook_deliveries, schema.assessments, schema.cases
    with store.transaction() as conn:
        dests = destinations(conn, settings)
        if not dests:
            return 0
        events: list[Event] = []
        queued = exists().where(wd.c.event_key == literal("item:") + a.c.item_id)
        rows = conn.execute(
            select(a).where(and_(a.c.priority.in_(settings.priorities), a.c.assessed_at >= now - SWEEP_WINDOW, ~queued))
            .limit(1000)
        ).mappings().all()
        for row in rows:
            item_row = conn.execute(select(schema.items).where(schema.items.c.id == row["item_id"])).mappings().first()
            if item_row is not None:
                events.append(item_event(row_to_item(item_row), row_to_assessment(row)))
        open_cases = conn.execute(
            select(c.c.id, c.c.priority).where(and_(c.c.priority.in_(settings.priorities), c.c.status != "closed"))
        ).all()
        for case_id, priority in open_cases:
            key = f"case:{case_id}:{priority}"
            if conn.execute(select(wd.c.id).where(wd.c.event_key == key).limit(1)).first() is None:
                events.append(case_event(case_work.get(conn, case_id)))
        return enqueue(store, conn, events, dests, at=now)


class Alerter:
    """The ingest side: ``on_stored(items, assessments)`` queues the urgent ones and wakes the worker.

    Pass it as the scan loop's ``on_stored`` hook, or call it after ``Store.write_batch``.
    """

    def __init__(self, store: Store, settings: AlertSettings, wake: Any = None) -> None:
        self.store = store
        self.settings = settings
        self.wake = wake

    def on_stored(self, items: Sequence[Item], assessments: Sequence[Assessment]) -> int:
        events = item_events(items, assessments, self.settings)
        if not events:
            return 0
        with self.store.transaction() as conn:
            queued = enqueue(self.store, conn, events, destinations(conn, self.settings))
        if queued and self.wake is not None:
            self.wake()
        return queued
