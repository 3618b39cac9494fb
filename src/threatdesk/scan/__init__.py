"""Bulk scan: stream files through intake, an engine and the store, in batches.

Memory is bounded by the batch size, not the file: items are read lazily, analysed a
batch at a time, written in one transaction per batch and then dropped. Items already in
the store (same content hash) are not analysed again, which is what makes a killed scan
resumable by simply running it again.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from sqlalchemy import select

from threatdesk.intake import Rejection, read_items
from threatdesk.models import Assessment, Item
from threatdesk.scan.engines import Engine, LocalEngine, make_engine
from threatdesk.scan.stream import FLUSH, STDIN_IDLE, idle_ticks
from threatdesk.store import Store, schema
from threatdesk.store.database import row_to_assessment

DEFAULT_BATCH = 500


@dataclass
class ScanSummary:
    read: int = 0
    rejected: int = 0
    added: int = 0
    already_known: int = 0
    per_label: Counter[str] = field(default_factory=Counter)
    per_priority: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def items_per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "rejected": self.rejected,
            "added": self.added,
            "already_known": self.already_known,
            "per_label": dict(sorted(self.per_label.items())),
            "per_priority": dict(sorted(self.per_priority.items())),
            "seconds": round(self.seconds, 3),
            "items_per_second": round(self.items_per_second, 1),
        }


def _batches(
    records: Iterable[Item | Rejection], size: int, on_reject: Callable[[Rejection], None], summary: ScanSummary
) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for record in records:
        if record is FLUSH:
            if batch:
                yield batch
                batch = []
            continue
        if isinstance(record, Rejection):
            summary.rejected += 1
            on_reject(record)
            continue
        summary.read += 1
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def scan(
    paths: Iterable[str],
    store: Store,
    *,
    engine: Engine | None = None,
    batch_size: int = DEFAULT_BATCH,
    fmt: str | None = None,
    out: IO[str] | None = None,
    on_reject: Callable[[Rejection], None] = lambda r: None,
    on_batch: Callable[[int], None] = lambda n: None,
    on_stored: Callable[[list[Item], list[Assessment]], object] | None = None,
) -> ScanSummary:
    """Import, analyse, assess and store every record of ``paths``; return the tally.

    ``on_stored(items, assessments)`` is called after each batch commits with the items it
    newly stored and their assessments (alerting hangs here). Standard input (``-``) is
    stored as it arrives: a part-filled batch is flushed after ``STDIN_IDLE`` s of silence.
    """
    engine = engine or LocalEngine()
    summary = ScanSummary()
    started = time.perf_counter()
    for path in paths:
        records = read_items(path, fmt)
        if path == "-":
            records = idle_ticks(records, STDIN_IDLE)
        for batch, fresh, assessments in _assess_new(store, engine, _batches(records, batch_size, on_reject, summary)):
            added = store.write_batch(fresh, assessments)
            if on_stored is not None and fresh:
                on_stored(fresh, assessments)
            summary.added += added
            summary.already_known += len(batch) - added
            for a in assessments:
                summary.per_label[str(a.label)] += 1
                summary.per_priority[a.priority] += 1
            if out is not None:
                _write_out(out, store, batch, assessments)
            on_batch(len(batch))
    summary.seconds = time.perf_counter() - started
    return summary


def _assess_new(
    store: Store, engine: Engine, batches: Iterator[list[Item]]
) -> Iterator[tuple[list[Item], list[Item], list[Assessment]]]:
    """Pair each batch with its not-yet-stored items and their assessments, in order."""
    pending: list[tuple[list[Item], list[Item]]] = []

    def fresh_batches() -> Iterator[list[Item]]:
        for batch in batches:
            with store.engine.connect() as conn:
                known = store.known_hashes(conn, (i.content_sha256 for i in batch))
            seen: set[str] = set()
            fresh = []
            for item in batch:
                if item.content_sha256 not in known and item.id not in seen:
                    seen.add(item.id)
                    fresh.append(item)
            pending.append((batch, fresh))
            yield fresh

    for assessments in engine.map(fresh_batches()):
        batch, fresh = pending.pop(0)
        yield batch, fresh, assessments


def _write_out(out: IO[str], store: Store, batch: list[Item], fresh: list[Assessment]) -> None:
    """One assessment per item read, new or already stored, in input order."""
    by_id = {a.item_id: a for a in fresh}
    missing = [i.id for i in batch if i.id not in by_id]
    if missing:
        a = schema.assessments
        with store.engine.connect() as conn:
            for row in conn.execute(select(a).where(a.c.item_id.in_(missing))).mappings():
                by_id[row["item_id"]] = row_to_assessment(row)
    written: set[str] = set()
    for item in batch:
        if item.id in by_id and item.id not in written:
            written.add(item.id)
            out.write(json.dumps(by_id[item.id].to_json(), ensure_ascii=False, sort_keys=True) + "\n")


__all__ = ["DEFAULT_BATCH", "ScanSummary", "make_engine", "scan"]
