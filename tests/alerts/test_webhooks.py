"""Signed webhooks against a real receiver on 127.0.0.1 that fails, times out and recovers."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select

from tests.alerts.servers import BENIGN, URGENT, pipeline_with_pii, receiver
from tests.api.conftest import make_api
from threatdesk.alerts.outbox import Alerter
from threatdesk.alerts.settings import AlertSettings
from threatdesk.alerts.webhooks import sign, verify_signature
from threatdesk.alerts.worker import DeliveryWorker, backoff
from threatdesk.cli import main
from threatdesk.errors import ConfigError
from threatdesk.models import Item, now_utc
from threatdesk.store import Store, schema

SECRET = "test-secret-0123456789abcdef"
BODY = b'{"event":"item.alert"}'


@pytest.mark.parametrize(
    ("header", "body", "secret", "age", "ok"),
    [
        (sign(SECRET, BODY, timestamp=1_800_000_000), BODY, SECRET, 0, True),
        (sign(SECRET, BODY, timestamp=1_800_000_000), BODY, SECRET, 299, True),
        (sign(SECRET, BODY, timestamp=1_800_000_000), BODY, SECRET, 301, False),  # replayed later
        (sign(SECRET, BODY, timestamp=1_800_000_000), BODY, SECRET, -301, False),  # from the future
        (sign(SECRET, BODY, timestamp=1_800_000_000), BODY + b" ", SECRET, 0, False),  # body changed
        (sign("another-secret", BODY, timestamp=1_800_000_000), BODY, SECRET, 0, False),
        ("t=1800000000,v1=" + "0" * 64 + "," + sign(SECRET, BODY, timestamp=1_800_000_000).split(",")[1], BODY, SECRET, 0, True),
        ("v1=" + "0" * 64, BODY, SECRET, 0, False),
        ("t=1800000000", BODY, SECRET, 0, False),
        ("t=soon,v1=abc", BODY, SECRET, 0, False),
        ("t=\u00b2,v1=abc", BODY, SECRET, 0, False),
        ("", BODY, SECRET, 0, False),
        (None, BODY, SECRET, 0, False),
    ],
)
def test_verify_signature(header: str | None, body: bytes, secret: str, age: int, ok: bool) -> None:
    assert verify_signature(secret, header, body, tolerance=300, now=1_800_000_000 + age) is ok


def settings_for(url: str, **kw: object) -> AlertSettings:
    return replace(AlertSettings(webhook_urls=(url,), webhook_secret=SECRET, timeout=0.5, max_attempts=6,
                                 backoff_base=1.0, backoff_cap=8.0), **kw)


def ingest(store: Store, settings: AlertSettings, texts: list[str]) -> list[Item]:
    """What intake does: assess, write the batch, hand the stored items to the alerter."""
    pipeline = pipeline_with_pii()
    items = [Item.from_text(t, source="test") for t in texts]
    assessments = [pipeline.assess(i) for i in items]
    store.write_batch(items, assessments)
    Alerter(store, settings).on_stored(items, assessments)
    return items


def test_delivery_survives_a_receiver_that_fails_times_out_and_recovers(store: Store) -> None:
    with receiver() as rx:
        settings = settings_for(rx.url)
        items = ingest(store, settings, [*URGENT, BENIGN])
        worker = DeliveryWorker(store, settings)
        t = now_utc()
        rx.mode = "fail"
        assert worker.deliver_once(now=t).failed == 2
        rx.mode, rx.slow_seconds = "slow", 1.5
        t += timedelta(seconds=10)
        assert worker.deliver_once(now=t).failed == 2
        assert worker.deliver_once(now=t).failed == 0  # nothing due again before its backoff
        rx.mode = "ok"
        t += timedelta(seconds=20)
        assert worker.deliver_once(now=t).delivered == 2
        t += timedelta(hours=2)
        assert worker.deliver_once(now=t).delivered == 0  # delivered means done: never sent twice

    events = [json.loads(r["body"]) for r in rx.received]
    assert sorted(e["item"]["id"] for e in events) == sorted(i.id for i in items[:2])
    deliveries = [r["headers"]["X-Threatdesk-Delivery"] for r in rx.received]
    assert len(set(deliveries)) == 2
    for r in rx.received:
        assert verify_signature(SECRET, r["headers"]["X-Threatdesk-Signature"], r["body"])
        stamp = int(r["headers"]["X-Threatdesk-Signature"].split(",")[0][2:])
        assert not verify_signature(SECRET, r["headers"]["X-Threatdesk-Signature"], r["body"], now=stamp + 301)
    assert all("312-555-0142" not in r["body"].decode() for r in rx.received)
    assert "[PHONE]" in json.dumps(events)

    wd, wa = schema.webhook_deliveries, schema.webhook_attempts
    with store.engine.connect() as conn:
        rows = conn.execute(select(wd.c.status, wd.c.attempts)).all()
        log = conn.execute(select(wa.c.outcome, wa.c.status_code, wa.c.error).order_by(wa.c.id)).all()
    assert rows and all(r == ("delivered", 3) for r in rows)
    assert [o for o, *_ in log] == ["failed"] * 4 + ["delivered"] * 2
    assert {c for _, c, _ in log[:2]} == {500} and all("timed out" in (e or "") for *_, e in log[2:4])


def test_after_max_attempts_a_delivery_is_dead_until_retried(sqlite_url: str, capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(sqlite_url)
    with receiver() as rx:
        settings = settings_for(rx.url, max_attempts=2)
        ingest(store, settings, URGENT[:1])
        worker = DeliveryWorker(store, settings)
        rx.mode = "fail"
        t = now_utc()
        assert worker.deliver_once(now=t).failed == 1
        assert worker.deliver_once(now=t + timedelta(minutes=5)).dead == 1
        assert worker.deliver_once(now=t + timedelta(days=1)).failed == 0

        main(["webhooks", "dead", "--db", sqlite_url])
        listing = capsys.readouterr().out
        assert "dead" in listing and "HTTP 500" in listing
        delivery_id = int(listing.split()[0])
        main(["webhooks", "retry", str(delivery_id), "--db", sqlite_url])
        capsys.readouterr()
        rx.mode = "ok"
        monkeypatch.setenv("THREATDESK_WEBHOOK_URLS", rx.url)
        monkeypatch.setenv("THREATDESK_WEBHOOK_SECRET", SECRET)
        main(["webhooks", "deliver", "--drain", "--max-seconds", "20", "--db", sqlite_url])
        assert "delivered 1" in capsys.readouterr().out
        with pytest.raises(SystemExit):
            main(["webhooks", "retry", str(delivery_id), "--db", sqlite_url])
    assert len(rx.received) == 1
    store.close()


def test_a_blocked_receiver_never_holds_up_intake(sqlite_url: str) -> None:
    """The API answers while the receiver is still stuck on the first alert (no clock involved)."""
    with receiver() as rx:
        rx.mode = "block"
        gen = make_api(sqlite_url, settings=settings_for(rx.url, timeout=30.0))
        api = next(gen)
        try:
            with api.client("ingest") as c:
                first = c.post("/api/v1/items", json={"items": [{"text": URGENT[0]}]})
                waited = 0
                while rx.attempts == 0 and waited < 500:
                    threading.Event().wait(0.02)
                    waited += 1
                assert rx.attempts == 1 and not rx.release.is_set()  # the worker is inside the slow call
                second = c.post("/api/v1/items", json={"items": [{"text": URGENT[1]}]})
            assert first.status_code == 202 and second.status_code == 202  # answered once stored; alerts follow
            assert second.json()["new"] == 1 and not rx.release.is_set()
        finally:
            rx.release.set()
            gen.close()


def test_two_workers_never_send_one_delivery_twice(store: Store) -> None:
    with receiver() as rx:
        settings = settings_for(rx.url)
        ingest(store, settings, [f"{URGENT[0]} #{i}" for i in range(12)])
        workers = [DeliveryWorker(store, settings) for _ in range(3)]
        threads = [threading.Thread(target=w.deliver_once) for w in workers]
        for th in threads:
            th.start()
        for th in threads:
            th.join(60)
    ids = [r["headers"]["X-Threatdesk-Delivery"] for r in rx.received]
    assert len(ids) == 12 and len(set(ids)) == 12


def test_urgent_cases_are_alerted_once_per_priority(store: Store) -> None:
    from threatdesk import cases

    with receiver() as rx:
        settings = settings_for(rx.url)
        items = ingest(store, settings, URGENT)
        with store.transaction() as conn:
            case_id = cases.create(conn, title="Bounty posts", item_ids=[i.id for i in items], actor="test")
        worker = DeliveryWorker(store, settings)
        worker.deliver_once()
        worker.deliver_once()
    kinds = sorted(json.loads(r["body"])["event"] for r in rx.received)
    assert kinds == ["case.alert", "item.alert", "item.alert"]
    case = next(json.loads(r["body"]) for r in rx.received if r["headers"]["X-Threatdesk-Event"] == "case.alert")
    assert case["case"]["id"] == case_id and case["priority"] == "P2"


def test_an_item_stored_without_its_alert_is_swept_up(sqlite_url: str) -> None:
    """A crash between storing and queueing loses nothing: the worker's sweep queues it."""
    store = Store.open(sqlite_url)
    pipeline = pipeline_with_pii()
    item = Item.from_text(URGENT[1])
    store.write_batch([item], [pipeline.assess(item)])
    with receiver() as rx:
        DeliveryWorker(store, settings_for(rx.url)).deliver_once()
    assert [json.loads(r["body"])["item"]["id"] for r in rx.received] == [item.id]
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.webhook_deliveries)).scalar_one() == 1
    store.close()


def test_min_priority_is_configurable(sqlite_url: str) -> None:
    store = Store.open(sqlite_url)
    with receiver() as rx:
        settings = settings_for(rx.url, min_priority="P1")
        ingest(store, settings, URGENT)
        DeliveryWorker(store, settings).deliver_once()
    assert rx.received == []
    store.close()


def test_webhooks_add_prints_a_secret_that_signs_deliveries(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(sqlite_url)
    with receiver() as rx:
        main(["webhooks", "add", rx.url, "--db", sqlite_url])
        secret = capsys.readouterr().out.strip()
        settings = AlertSettings(timeout=2.0)
        ingest(store, settings, URGENT[:1])
        DeliveryWorker(store, settings).deliver_once()
        main(["webhooks", "list", "--db", sqlite_url])
        listing = capsys.readouterr().out
    assert len(rx.received) == 1 and len(secret) == 64
    r = rx.received[0]
    assert verify_signature(secret, r["headers"]["X-Threatdesk-Signature"], r["body"])
    assert rx.url in listing and "delivered" in listing and secret not in listing
    store.close()


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"THREATDESK_WEBHOOK_URLS": "https://example.com/hook"}, "THREATDESK_WEBHOOK_SECRET is not"),
        ({"THREATDESK_WEBHOOK_URLS": "ftp://example.com", "THREATDESK_WEBHOOK_SECRET": "s"}, "not an http(s) URL"),
        ({"THREATDESK_WEBHOOK_MIN_PRIORITY": "urgent"}, "is not a priority"),
        ({"THREATDESK_WEBHOOK_TIMEOUT": "soon"}, "is not a number"),
        ({"THREATDESK_WEBHOOK_MAX_ATTEMPTS": "0"}, "out of range"),
        ({"THREATDESK_SMTP_HOST": "127.0.0.1"}, "THREATDESK_SMTP_TO"),
        ({"THREATDESK_SMTP_HOST": "127.0.0.1", "THREATDESK_SMTP_TO": "desk@example.com"}, "THREATDESK_SMTP_FROM"),
        ({"THREATDESK_SMTP_HOST": "h", "THREATDESK_SMTP_TO": "a@example.com", "THREATDESK_SMTP_FROM": "b@example.com",
          "THREATDESK_SMTP_USER": "u"}, "go together"),
    ],
)
def test_bad_alert_settings_stop_start_up(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        AlertSettings.from_env(env)


def test_backoff_grows_is_capped_and_jittered() -> None:
    import random

    settings = AlertSettings(backoff_base=2.0, backoff_cap=60.0)
    rng = random.Random(7)
    delays = [backoff(n, settings, rng) for n in range(1, 10)]
    for n, d in zip(range(1, 10), delays, strict=True):
        full = min(60.0, 2.0 * 2 ** (n - 1))
        assert full * 0.5 <= d <= full
    assert max(delays) <= 60.0 and len(set(delays)) == len(delays)


def test_receiver_refuses_unsigned_requests_example() -> None:
    """The check docs/api.md shows a receiver, run on a real request body."""
    body = httpx.Request("POST", "http://127.0.0.1/", json={"event": "item.alert"}).read()
    assert verify_signature(SECRET, sign(SECRET, body), body)
    assert not verify_signature(SECRET, None, body)
