"""What the API needs per process: the store, one Pipeline, the alert outbox and its worker."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from threatdesk import audit
from threatdesk.alerts.outbox import Alerter, destinations, enqueue, item_events
from threatdesk.alerts.settings import AlertSettings
from threatdesk.alerts.worker import DeliveryWorker, WorkerThread
from threatdesk.analyzers import AnalyzerContext
from threatdesk.api.errors import ApiError
from threatdesk.api.keys import ApiKey
from threatdesk.errors import ThreatdeskError
from threatdesk.intake import record_to_item
from threatdesk.models import Assessment, Item, now_utc
from threatdesk.pipeline import Pipeline
from threatdesk.store import Store, resolve_url, schema
from threatdesk.store.database import row_to_assessment

#: Documented limits of one submission (docs/api.md).
MAX_ITEMS = 500
MAX_BODY_BYTES = 2 * 1024 * 1024

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


@dataclass
class _Job:
    key: ApiKey
    items: list[Item]
    assessments: list[Assessment]
    after: dict[str, Any]
    done: bool = False
    error: BaseException | None = None


class GroupCommit:
    """Concurrent submissions share transactions instead of queueing on the database's write lock.

    The first request to arrive writes everything pending (one ``Store.write_batch``, then
    one transaction for every request's audit event and alert rows); requests arriving
    meanwhile wait and are written together by the next writer. Under load this turns
    N lock waits (SQLite's busy handler sleeps, which makes long tails) into a few
    transactions; alone, a request writes at once.
    """

    def __init__(self, state: ApiState) -> None:
        self.state = state
        self._cv = threading.Condition()
        self._pending: list[_Job] = []
        self._writing = False

    def run(self, job: _Job) -> None:
        with self._cv:
            self._pending.append(job)
            while not job.done:
                if self._writing:
                    self._cv.wait()
                    continue
                self._writing = True
                batch, self._pending = self._pending, []
                self._cv.release()
                try:
                    self._write(batch)
                except BaseException as exc:  # noqa: BLE001 - each waiting request re-raises it
                    for j in batch:
                        j.error = exc
                finally:
                    self._cv.acquire()
                    self._writing = False
                    for j in batch:
                        j.done = True
                    self._cv.notify_all()
        if job.error is not None:
            raise job.error

    def _write(self, batch: list[_Job]) -> None:
        state = self.state
        with state.store.engine.connect() as conn:  # stored by an earlier group since each request looked
            known = state.store.known_hashes(conn, [i.content_sha256 for j in batch for i in j.items])
        seen = {i.id for j in batch for i in j.items if i.content_sha256 in known}
        for j in batch:  # the same new item in two concurrent requests is new for the first only
            kept = {i.id for i in j.items} - seen
            seen |= kept
            j.items = [i for i in j.items if i.id in kept]
            j.assessments = [a for a in j.assessments if a.item_id in kept]
        items = [i for j in batch for i in j.items]
        assessments = [a for j in batch for a in j.assessments]
        state.store.write_batch(items, assessments)
        with state.store.transaction() as conn:
            events = item_events(items, assessments, state.settings)
            queued = enqueue(state.store, conn, events, destinations(conn, state.settings)) if events else 0
            for j in batch:
                audit.record(conn, actor=j.key.actor, action="api.submit", object_type="items",
                             after=dict(j.after, new=len(j.items)))
        if queued:
            state._wake()


class ApiState:
    def __init__(self, store: Store, *, pipeline: Pipeline | None = None, settings: AlertSettings | None = None,
                 rate: float = 0.0, burst: int = 200, worker_interval: float = 1.0) -> None:
        self.store = store
        self.pipeline = pipeline or Pipeline(context=AnalyzerContext(db=str(store.engine.url.render_as_string(hide_password=False))))
        self.settings = settings or AlertSettings.from_env()
        self.limiter = RateLimiter(rate, burst)
        self.thread: WorkerThread | None = None
        self.worker_interval = worker_interval
        self.alerter = Alerter(store, self.settings, wake=self._wake)
        self.commits = GroupCommit(self)

    @classmethod
    def open(cls, store_url: str | None, **kwargs: Any) -> ApiState:
        return cls(Store.open(resolve_url(store_url) if store_url else None), **kwargs)

    def _wake(self) -> None:
        if self.thread is not None:
            self.thread.wake()

    def start_worker(self) -> None:
        if self.thread is None:
            self.thread = WorkerThread(DeliveryWorker(self.store, self.settings), interval=self.worker_interval).start()

    def stop_worker(self) -> None:
        if self.thread is not None:
            self.thread.stop()
            self.thread = None

    def close(self) -> None:
        """Stop the worker and close the store (an app that shares its store calls ``stop_worker`` only)."""
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

    def submit(self, key: ApiKey, records: Sequence[Any]) -> Submission:
        """Validate each record like file intake, assess, store the new ones, queue alerts, audit."""
        received = now_utc()
        out = Submission()
        accepted: list[tuple[int, Item]] = []
        for index, record in enumerate(records):
            try:
                raw = json.dumps(record, ensure_ascii=False, sort_keys=True)
                item = record_to_item(record, raw=raw, received_at=received)
                _check_item(item)
            except (ValueError, TypeError, OverflowError) as exc:
                out.rejected.append({"index": index, "error": str(exc)})
                continue
            accepted.append((index, item))
        unique: dict[str, Item] = {}
        for _, item in accepted:
            unique.setdefault(item.id, item)
        # Assessing is cheaper than asking the store first; the writer keeps only what is new.
        assessments = {i.id: self.pipeline.assess(i) for i in unique.values()}
        job = _Job(key, list(unique.values()), list(assessments.values()),
                   {"accepted": len(accepted), "rejected": len(out.rejected), "item_ids": sorted(unique)})
        self.commits.run(job)
        out.new = len(job.items)
        new_ids = {i.id for i in job.items}
        stored = [i for i in unique if i not in new_ids]
        if stored:  # already known: answer with the assessment on record, not today's
            a = schema.assessments
            with self.store.engine.connect() as conn:
                for row in conn.execute(select(a).where(a.c.item_id.in_(stored))).mappings():
                    assessments[row["item_id"]] = row_to_assessment(row)
        for index, item in accepted:
            a_ = assessments.get(item.id)
            out.results.append({
                "index": index, "item_id": item.id, "new": item.id in new_ids,
                "label": str(a_.label) if a_ else None, "risk": a_.risk if a_ else None,
                "priority": a_.priority if a_ else None,
            })
        return out

    def authenticate(self, key_text: str | None) -> ApiKey:
        from threatdesk.api.keys import lookup

        if not key_text:
            raise ApiError(401, "an API key is required: send 'Authorization: Bearer <key>'",
                           headers={"WWW-Authenticate": "Bearer"})
        with self.store.engine.connect() as conn:
            key = lookup(conn, key_text)
        if key is None:
            raise ApiError(401, "unknown or revoked API key", headers={"WWW-Authenticate": "Bearer"})
        wait = self.limiter.allow(key.prefix)
        if wait:
            raise ApiError(429, "too many requests for this key; slow down", headers={"Retry-After": str(max(1, round(wait)))})
        return key


__all__ = ["MAX_BODY_BYTES", "MAX_ITEMS", "ApiState", "check_text"]
