"""Bulk scan: stream files through intake, an engine and the store, in batches.

Memory is bounded by the batch size, not the file: items are read lazily, analysed a
batch at a time, written in one transaction per batch and then dropped. Items already in
the store (same content hash) are not analysed again, which is what makes a killed scan
resumable by simply running it again.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from sqlalchemy import Connection, select

from threatdesk.intake import Rejection
from threatdesk.models import Assessment, Item
from threatdesk.scan.engines import ENGINES, Engine, LocalEngine, default_engine, make_engine
from threatdesk.scan.resume import Mark, Source
from threatdesk.scan.stream import FLUSH
from threatdesk.scan.work import Row, out_line, stored_out_line
from threatdesk.store import Store, schema
from threatdesk.store.records import decode_assessment

DEFAULT_BATCH = 500


@dataclass
class ScanSummary:
    read: int = 0
    rejected: int = 0
    added: int = 0
    already_known: int = 0
    resumed: int = 0
    per_label: Counter[str] = field(default_factory=Counter)
    per_priority: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def items_per_second(self) -> float:
        """Items this run read and checked (not those skipped by resuming) per second."""
        done = self.read - self.resumed
        return done / self.seconds if self.seconds else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "rejected": self.rejected,
            "added": self.added,
            "already_known": self.already_known,
            "resumed": self.resumed,
            "per_label": dict(sorted(self.per_label.items())),
            "per_priority": dict(sorted(self.per_priority.items())),
            "seconds": round(self.seconds, 3),
            "items_per_second": round(self.items_per_second, 1),
        }


def _batches(
    source: Source, size: int, on_reject: Callable[[Rejection], None], summary: ScanSummary, tally: Mark
) -> Iterator[tuple[list[Item], Mark]]:
    """Batches of items, each with the file position just after its last record.

    ``tally`` counts the file's items and rejections so far, resumed ones included.
    """
    batch: list[Item] = []
    for record in source.records():
        if record is FLUSH:
            if batch:
                yield batch, Mark(*source.position(), tally.items, tally.rejected)
                batch = []
            continue
        if isinstance(record, Rejection):
            summary.rejected += 1
            tally.rejected += 1
            on_reject(record)
            continue
        summary.read += 1
        tally.items += 1
        batch.append(record)
        if len(batch) >= size:
            yield batch, Mark(*source.position(), tally.items, tally.rejected)
            batch = []
    if batch:
        yield batch, Mark(*source.position(), tally.items, tally.rejected)


def scan(
    paths: Iterable[str],
    store: Store,
    *,
    engine: Engine | None = None,
    batch_size: int = DEFAULT_BATCH,
    fmt: str | None = None,
    out: str | None = None,
    resume: bool = True,
    on_reject: Callable[[Rejection], None] = lambda r: None,
    on_batch: Callable[[int], None] = lambda n: None,
    on_stored: OnStored | None = None,
) -> ScanSummary:
    """Import, analyse, assess and store every record of ``paths``; return the tally.

    ``on_stored(items, assessments)`` is called after each batch commits with the items it
    newly stored that need attention (priority P1-P3) and their assessments: alerting
    hangs here. Standard input (``-``) is stored as it arrives: a part-filled batch is
    flushed after ``scan.stream.STDIN_IDLE`` seconds of silence.

    ``out`` is a file to write one assessment per item read to, in input order (see
    ``scan/resume.py`` for what it holds after an interrupted scan is resumed).
    """
    engine = engine or LocalEngine()
    summary = ScanSummary()
    started = time.perf_counter()
    out_path = os.path.abspath(out) if out else None
    out_fh: IO[bytes] | None = None
    pos = 0
    try:
        if out_path:
            out_fh = open(out_path, "r+b" if os.path.isfile(out_path) else "wb")  # noqa: SIM115
        for path in paths:
            source = Source(path, fmt, store, resume=resume, out_path=out_path, out_pos=pos)
            try:
                pos = _scan_source(source, store, engine, summary, batch_size, out_fh, pos, on_reject, on_batch, on_stored)
            finally:
                source.close()
        if out_fh is not None:
            out_fh.truncate(pos)
    finally:
        if out_fh is not None:
            out_fh.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _scan_source(
    source: Source, store: Store, engine: Engine, summary: ScanSummary, batch_size: int,
    out_fh: IO[bytes] | None, pos: int, on_reject: Callable[[Rejection], None], on_batch: Callable[[int], None],
    on_stored: OnStored | None = None,
) -> int:
    """Scan one input from its resume point; return the ``--out`` position after it."""
    skipped = source.start
    summary.read += skipped.items
    summary.already_known += skipped.items
    summary.resumed += skipped.items
    summary.rejected += skipped.rejected
    if skipped.items:
        on_batch(skipped.items)
    if out_fh is not None:
        pos = source.out_end if source.out_end is not None else pos
        out_fh.seek(pos)
        out_fh.truncate()
    if source.done:
        return pos
    added_total = skipped.added
    tally = Mark(items=skipped.items, rejected=skipped.rejected)
    for batch, fresh, rows, mark in _assess_new(store, engine, _batches(source, batch_size, on_reject, summary, tally)):
        with store.transaction() as conn:
            added = set(store.write_rows(conn, fresh, rows))
            if out_fh is not None:
                out_fh.write(_out_lines(conn, batch, rows).encode("utf-8"))
                out_fh.flush()
                pos = out_fh.tell()
            added_total += len(added)
            mark.added = added_total
            source.commit(conn, mark, out_bytes=pos)
        summary.added += len(added)
        summary.already_known += len(batch) - len(added)
        for row in rows:
            if row.item_id in added:
                summary.per_label[row.label] += 1
                summary.per_priority[row.priority] += 1
        if on_stored is not None:
            _notify(on_stored, fresh, rows, added)
        on_batch(len(batch))
    # Trailing rejected lines or blank lines count as read too: record the end of the file.
    final = Mark(*source.position(), tally.items, tally.rejected, added_total)
    with store.transaction() as conn:
        source.commit(conn, final, out_bytes=pos, finished=True)
    return pos


OnStored = Callable[[list[Item], list[Assessment]], object]


def _notify(on_stored: OnStored, fresh: list[Item], rows: list[Row], added: set[str]) -> None:
    """Hand the new items that need attention to ``on_stored``; P4 (record only) never alerts."""
    urgent = {r.item_id: r for r in rows if r.item_id in added and r.priority != "P4"}
    if urgent:
        items = [i for i in fresh if i.id in urgent]
        on_stored(items, [decode_assessment(urgent[i.id]) for i in items])


def _assess_new(
    store: Store, engine: Engine, batches: Iterator[tuple[list[Item], Mark]]
) -> Iterator[tuple[list[Item], list[Item], list[Row], Mark]]:
    """Pair each batch with its not-yet-stored items and their assessment rows, in order."""
    pending: list[tuple[list[Item], list[Item], Mark]] = []

    def fresh_batches() -> Iterator[list[Item]]:
        for batch, mark in batches:
            with store.engine.connect() as conn:
                known = store.known_hashes(conn, (i.content_sha256 for i in batch))
            seen: set[str] = set()
            fresh = []
            for item in batch:
                if item.content_sha256 not in known and item.id not in seen:
                    seen.add(item.id)
                    fresh.append(item)
            pending.append((batch, fresh, mark))
            yield fresh

    for rows in engine.map(fresh_batches()):
        batch, fresh, mark = pending.pop(0)
        yield batch, fresh, rows, mark


def _out_lines(conn: Connection, batch: list[Item], fresh: list[Row]) -> str:
    """One assessment per item read, new or already stored, in input order."""
    by_id: dict[str, str] = {row.item_id: out_line(row) for row in fresh}
    missing = [i.id for i in batch if i.id not in by_id]
    if missing:
        a = schema.assessments
        for row in conn.execute(select(a).where(a.c.item_id.in_(missing))).mappings():
            by_id[row["item_id"]] = stored_out_line(row)
    lines: list[str] = []
    written: set[str] = set()
    for item in batch:
        if item.id in by_id and item.id not in written:
            written.add(item.id)
            lines.append(by_id[item.id])
    return "".join(lines)


__all__ = ["DEFAULT_BATCH", "ENGINES", "ScanSummary", "default_engine", "make_engine", "scan"]
