"""What the API needs per process: the store, one Pipeline, the alert outbox and its worker."""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from threatdesk import audit
from threatdesk.alerts.settings import AlertSettings
from threatdesk.alerts.worker import DeliveryWorker, WorkerThread
from threatdesk.analyzers import AnalyzerContext
from threatdesk.api.errors import ApiError
from threatdesk.api.intake import Accept, Intake
from threatdesk.api.keys import ApiKey
from threatdesk.errors import ThreatdeskError
from threatdesk.intake import record_to_item
from threatdesk.models import Item, now_utc
from threatdesk.pipeline import Pipeline
from threatdesk.store import Store, resolve_url, schema

#: Documented limits of one submission (docs/api.md).
MAX_ITEMS = 500
MAX_BODY_BYTES = 2 * 1024 * 1024
#: How long a key, once checked against the database, is trusted without looking again:
#: a revoked key stops working within this many seconds in every API process.
KEY_CACHE_SECONDS = 1.0

_LIMITED = {name: col.type.length for name, col in schema.items.c.items() if getattr(col.type, "length", None)}
_FIELD_OF_COLUMN = {"source": "source", "external_id": "id", "author": "author", "lang": "lang"}


class RateLimiter:
    """A token bucket per key: ``rate`` requests a second, bursts up to ``burst``; 0 turns it off."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, who: str) -> float:
        """0 when allowed; otherwise the seconds to wait."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(who, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self._buckets[who] = (tokens, now)
                return (1.0 - tokens) / self.rate
            self._buckets[who] = (tokens - 1.0, now)
            return 0.0


def check_text(value: str, what: str) -> str:
    """Refuse strings no database column can hold (NUL, lone surrogates) with a clear reason."""
    if "\x00" in value:
        raise ValueError(f"{what} contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{what} is not valid Unicode (a lone surrogate)") from None
    return value


def _check_item(item: Item) -> None:
    for name, limit in _LIMITED.items():
        value = getattr(item, name, None) if name != "place_name" else (item.place.name if item.place else None)
        if isinstance(value, str) and len(value) > limit:
            raise ValueError(f"{_FIELD_OF_COLUMN.get(name, 'place' if name == 'place_name' else name)} is longer than {limit} characters")
    for name in ("text", "source", "external_id", "author", "lang"):
        value = getattr(item, name)
        if isinstance(value, str):
            check_text(value, _FIELD_OF_COLUMN.get(name, name))
    if item.place and item.place.name:
        check_text(item.place.name, "place")


@dataclass
class Submission:
    results: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    new: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"accepted": len(self.results), "new": self.new, "rejected": self.rejected, "results": self.results}


class ApiState:
    """Per process: the store, the intake (writer thread and assessor), the key cache, the alert worker.

    With no ``pipeline``, items are assessed in worker processes (one per core) that build
    their pipeline from the store's ``AnalyzerContext``; with one, in a thread of this
    process using it (the web app shares its pipeline this way).
    """

    def __init__(self, store: Store, *, pipeline: Pipeline | None = None, settings: AlertSettings | None = None,
                 rate: float = 0.0, burst: int = 200, worker_interval: float = 1.0) -> None:
        self.store = store
        self.pipeline = pipeline
        self.context = AnalyzerContext(db=str(store.engine.url.render_as_string(hide_password=False)))
        self.settings = settings or AlertSettings.from_env()
        self.limiter = RateLimiter(rate, burst)
        self.thread: WorkerThread | None = None
        self.worker_interval = worker_interval
        self.intake = Intake(store, self.settings, pipeline=pipeline, context=self.context, wake=self._wake)
        self._keys: dict[str, tuple[ApiKey, float]] = {}
        self._key_lock = threading.Lock()

    @staticmethod
    def default_pipeline(store: Store) -> Pipeline:
        """The pipeline the assessor processes build, built here (for an app that assesses in a thread)."""
        return Pipeline(context=AnalyzerContext(db=str(store.engine.url.render_as_string(hide_password=False))))

    @classmethod
    def open(cls, store_url: str | None, **kwargs: Any) -> ApiState:
        return cls(Store.open(resolve_url(store_url) if store_url else None), **kwargs)

    def _wake(self) -> None:
        if self.thread is not None:
            self.thread.wake()

    def start_worker(self) -> None:
        """Start the alert delivery worker and the intake (which assesses anything left unassessed)."""
        self.intake.start()
        if self.thread is None:
            self.thread = WorkerThread(DeliveryWorker(self.store, self.settings), interval=self.worker_interval).start()

    def stop_worker(self) -> None:
        """Finish the submissions and assessments under way, then stop the alert worker."""
        self.intake.stop()
        if self.thread is not None:
            self.thread.stop()
            self.thread = None

    def close(self) -> None:
        """Stop the workers and close the store (an app that shares its store calls ``stop_worker`` only)."""
        self.stop_worker()
        self.store.close()

    @contextmanager
    def audited(self, key: ApiKey, verb: str, *, object_type: str | None = None, object_id: str | int | None = None,
                after: Any = None) -> Iterator[tuple[Connection, dict[str, Any]]]:
        """A transaction whose audit event commits with it; a refused call is audited on its own."""
        details: dict[str, Any] = dict(after or {})
        try:
            with self.store.transaction() as conn:
                yield conn, details
                audit.record(conn, actor=key.actor, action=f"api.{verb}", object_type=object_type,
                             object_id=object_id, after=details or None)
        except ThreatdeskError as exc:
            self.audit_refusal(key, verb, exc, object_type=object_type, object_id=object_id)
            raise

    def audit_refusal(self, key: ApiKey, verb: str, exc: ThreatdeskError, *, object_type: str | None = None,
                      object_id: str | int | None = None) -> None:
        with self.store.transaction() as conn:
            audit.record(conn, actor=key.actor, action=f"api.{verb}", object_type=object_type, object_id=object_id,
                         after={"refused": exc.http_status, "reason": exc.message[:200]})

    def validate(self, records: Sequence[Any]) -> tuple[list[tuple[int, Item]], list[dict[str, Any]]]:
        """Check each record like a line of an input file: (index, item) accepted, and the rejections."""
        received = now_utc()
        accepted: list[tuple[int, Item]] = []
        rejected: list[dict[str, Any]] = []
        for index, record in enumerate(records):
            try:
                raw = json.dumps(record, ensure_ascii=False, sort_keys=True)
                item = record_to_item(record, raw=raw, received_at=received)
                _check_item(item)
            except (ValueError, TypeError, OverflowError) as exc:
                rejected.append({"index": index, "error": str(exc)})
                continue
            accepted.append((index, item))
        return accepted, rejected

    def _job(self, key: ApiKey, accepted: list[tuple[int, Item]], rejected: list[dict[str, Any]], wait: bool,
             done: Any) -> Accept:
        unique: dict[str, Item] = {}
        for _, item in accepted:
            unique.setdefault(item.id, item)
        after = {"accepted": len(accepted), "rejected": len(rejected), "item_ids": sorted(unique)}
        return Accept(key, list(unique.values()), after, wait, done)

    async def submit_async(self, key: ApiKey, accepted: list[tuple[int, Item]], rejected: list[dict[str, Any]], *,
                           wait: bool = False) -> Submission:
        """Store (and audit) the accepted items; with ``wait``, also their assessments. The event loop never blocks."""
        loop = asyncio.get_running_loop()
        answered: asyncio.Future[Accept] = loop.create_future()

        def done(job: Accept) -> None:
            loop.call_soon_threadsafe(lambda: answered.done() or answered.set_result(job))

        self.intake.accept(self._job(key, accepted, rejected, wait, done))
        return _submission(await answered, accepted, rejected)

    def submit(self, key: ApiKey, records: Sequence[Any], *, wait: bool = True) -> Submission:
        """The same from a plain thread (validate, store, audit; with ``wait``, assess and queue alerts)."""
        accepted, rejected = self.validate(records)
        answered = threading.Event()
        job = self._job(key, accepted, rejected, wait, lambda _job: answered.set())
        self.intake.accept(job)
        answered.wait()
        return _submission(job, accepted, rejected)

    def authenticate(self, key_text: str | None) -> ApiKey:
        if not key_text:
            raise ApiError(401, "an API key is required: send 'Authorization: Bearer <key>'",
                           headers={"WWW-Authenticate": "Bearer"})
        key = self.cached_key(key_text)
        if key is None:
            from threatdesk.api.keys import lookup

            with self._key_lock:  # when an entry expires under load, one request looks it up, not fifty
                key = self.cached_key(key_text)
                if key is None:
                    with self.store.engine.connect() as conn:
                        key = lookup(conn, key_text)
                    if key is None:
                        raise ApiError(401, "unknown or revoked API key", headers={"WWW-Authenticate": "Bearer"})
                    self._keys[_digest(key_text)] = (key, time.monotonic() + KEY_CACHE_SECONDS)
        self.check_rate(key)
        return key

    def cached_key(self, key_text: str) -> ApiKey | None:
        """The key as checked less than KEY_CACHE_SECONDS ago, or None (then ``authenticate`` asks the database)."""
        hit = self._keys.get(_digest(key_text))
        if hit is None or hit[1] < time.monotonic():
            return None
        return hit[0]

    def check_rate(self, key: ApiKey) -> None:
        wait = self.limiter.allow(key.prefix)
        if wait:
            raise ApiError(429, "too many requests for this key; slow down", headers={"Retry-After": str(max(1, round(wait)))})


def _digest(key_text: str) -> str:
    return hashlib.sha256(key_text.encode()).hexdigest()


def _submission(job: Accept, accepted: list[tuple[int, Item]], rejected: list[dict[str, Any]]) -> Submission:
    if job.error is not None:
        raise job.error
    out = Submission(rejected=rejected, new=len(job.new_ids))
    for index, item in accepted:
        label, risk, priority = job.assessed.get(item.id, (None, None, None))
        out.results.append({
            "index": index, "item_id": item.id, "new": item.id in job.new_ids,
            "status": "pending" if label is None else "assessed", "label": label, "risk": risk, "priority": priority,
        })
    return out


__all__ = ["MAX_BODY_BYTES", "MAX_ITEMS", "ApiState", "check_text"]
