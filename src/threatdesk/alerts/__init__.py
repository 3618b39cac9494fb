"""Alerts out: signed webhooks and e-mail for items and cases that reach P1/P2.

    ingest ──> outbox (webhook_deliveries, same process, no network) ──> worker ──> receiver
                                                                          │  retries with backoff
                                                                          └─> dead-letter after N

- ``settings``: the THREATDESK_WEBHOOK_* and THREATDESK_SMTP_* variables, checked at start.
- ``outbox``: events and their rows; ``Alerter.on_stored`` is the hook ingest calls.
- ``worker``: claims and sends rows; ``WorkerThread`` runs it beside the API or a stream.
- ``webhooks``: HMAC signing and ``verify_signature`` for receivers; ``email``: SMTP.
- ``redaction``: what text may leave (personal data masked).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from threatdesk.alerts.outbox import Alerter
from threatdesk.alerts.settings import AlertSettings
from threatdesk.alerts.webhooks import sign, verify_signature
from threatdesk.alerts.worker import DeliveryWorker, WorkerThread
from threatdesk.store import Store


@contextmanager
def streaming_alerts(store: Store, settings: AlertSettings | None = None) -> Iterator[Alerter]:
    """An ``Alerter`` with a delivery thread beside it, for long-running intake (``scan -``, ``watch``).

    On exit the thread finishes its current attempt and stops; whatever is still queued
    stays in the outbox for ``threatdesk webhooks deliver``.
    """
    settings = settings or AlertSettings.from_env()
    thread = WorkerThread(DeliveryWorker(store, settings), interval=1.0).start()
    try:
        yield Alerter(store, settings, wake=thread.wake)
    finally:
        thread.stop()


__all__ = ["AlertSettings", "Alerter", "DeliveryWorker", "WorkerThread", "sign", "streaming_alerts", "verify_signature"]
