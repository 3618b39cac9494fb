"""Resumable scans: how far each input file got, recorded with every committed batch.

A scan records, per JSON Lines input file, a row in ``scan_runs``: the byte offset and
line count up to which every record is committed (its items and assessments stored, its
``--out`` lines written), in the same transaction as the batch itself. Started again on
the same file, the scan seeks straight to that offset instead of re-reading, re-hashing
and re-checking every line before it.

Which file is "the same": the key is the SHA-256 of the format and the file's first
64 KiB (not its path or size), so a moved or renamed file resumes, and so does a file
that has grown since (new lines appended to a log). Before skipping, the scan checks
cheaply that the file is still at least as long as the recorded offset and that the
64 KiB just before the offset hash to what was recorded. A file that fails the check is
read from the start; that is always correct, because the store skips items whose
content hash it already holds. ``--no-resume`` forces that full re-read.

``--out`` on resume: the file is continued, not rewritten. Each row also records the
``--out`` path and the byte range of that file's lines in it; a scan only skips ahead if
it writes to the same ``--out`` file, which still holds those lines at the same place.
It then cuts the file back to the recorded end (dropping lines of a batch that never
committed) and appends. So a resumed ``--out`` is byte-identical to an uninterrupted
run's. Anything else (a different or missing ``--out`` file) reads the input from the
start and writes ``--out`` whole, from the analysis of new items and the store for known
ones. Standard input and CSV files are always read from the start.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Connection, insert, select, update

from threatdesk.errors import InputFormatError
from threatdesk.intake import Rejection, detect_format
from threatdesk.intake.readers import _read_jsonl
from threatdesk.models import Item, now_utc
from threatdesk.store import Store, schema

HEAD_BYTES = 64 * 1024


@dataclass(slots=True)
class Mark:
    """How far into one input file a scan has got: offsets and counts after a record."""

    offset: int = 0
    lines: int = 0
    items: int = 0
    rejected: int = 0
    added: int = 0


class _Tracked:
    """Wraps a binary file and counts bytes and newlines as intake's reader consumes them."""

    def __init__(self, stream: BinaryIO, mark: Mark) -> None:
        self.stream = stream
        self.offset = mark.offset
        self.lines = mark.lines

    def readline(self, size: int = -1) -> bytes:
        chunk = self.stream.readline(size)
        self.offset += len(chunk)
        if chunk.endswith(b"\n"):
            self.lines += 1
        return chunk


def input_key(path: str, fmt: str) -> str | None:
    """The resume key of a regular JSON Lines file, or None when it cannot be resumed."""
    if path == "-" or fmt != "jsonl" or not Path(path).is_file():
        return None
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    return hashlib.sha256(fmt.encode() + b"\0" + head).hexdigest()


def window_hash(fd: int, offset: int) -> str:
    """SHA-256 of the (up to) 64 KiB just before ``offset``: the cheap same-file check."""
    start = max(0, offset - HEAD_BYTES)
    return hashlib.sha256(os.pread(fd, offset - start, start)).hexdigest()


class Source:
    """One input file of a scan: where to start reading, and the run row to advance."""

    def __init__(self, path: str, fmt: str | None, store: Store, *, resume: bool, out_path: str | None,
                 out_pos: int | None) -> None:
        self.path = path
        self.fmt = fmt or detect_format(path)
        self.store = store
        self.key = input_key(path, self.fmt)
        self.start = Mark()
        self.run_id: int | None = None
        self.done = False
        self.out_path = out_path
        self.out_start = out_pos
        self.out_end = out_pos
        self._fd: int | None = None
        self._tracked: _Tracked | None = None
        if self.key is None:
            return
        self._fd = os.open(path, os.O_RDONLY)
        row = self._latest()
        if row is not None and resume and self._still_valid(row, out_pos):
            self.run_id = row["id"]
            self.start = Mark(row["bytes_done"], row["lines_done"], row["items_done"], row["rejected"], row["items_added"])
            self.done = row["status"] == "done" and row["bytes_done"] == os.fstat(self._fd).st_size
            self.out_start = row["out_start"]
            self.out_end = row["out_bytes"]

    @property
    def resumable(self) -> bool:
        return self.key is not None

    def _latest(self) -> Any:
        runs = schema.scan_runs
        with self.store.engine.connect() as conn:
            query = select(runs).where(runs.c.input_key == self.key).order_by(runs.c.id.desc()).limit(1)
            return conn.execute(query).mappings().first()

    def _still_valid(self, row: Any, out_pos: int | None) -> bool:
        assert self._fd is not None
        offset = row["bytes_done"]
        if offset > os.fstat(self._fd).st_size or window_hash(self._fd, offset) != row["check_sha256"]:
            return False
        if self.out_path is None:
            return True
        return (
            row["out_path"] == self.out_path
            and row["out_start"] == out_pos
            and row["out_bytes"] is not None
            and Path(self.out_path).is_file()
            and Path(self.out_path).stat().st_size >= row["out_bytes"]
        )

    def records(self) -> Iterator[Item | Rejection]:
        """The records after the resume point, with line numbers counted from the file's start."""
        from threatdesk.intake import read_items

        if self.key is None:
            if self.path == "-":
                from threatdesk.scan.stream import STDIN_IDLE, idle_ticks

                yield from idle_ticks(read_items(self.path, self.fmt), STDIN_IDLE)
                return
            yield from read_items(self.path, self.fmt)
            return
        if self.done:
            return
        assert self._fd is not None
        if os.fstat(self._fd).st_size == 0:
            raise InputFormatError(f"{self.path} is empty", hint="nothing to import")
        with open(self.path, "rb") as fh:
            fh.seek(self.start.offset)
            self._tracked = _Tracked(fh, self.start)
            base = self.start.lines
            for record in _read_jsonl(self.path, self._tracked):  # type: ignore[arg-type]
                if isinstance(record, Rejection) and base:
                    record = Rejection(record.path, record.line + base, record.reason)
                yield record

    def position(self) -> tuple[int, int]:
        """(byte offset, lines) just after the last record handed out."""
        if self._tracked is None:
            return self.start.offset, self.start.lines
        return self._tracked.offset, self._tracked.lines

    def commit(self, conn: Connection, mark: Mark, *, out_bytes: int | None, finished: bool = False) -> None:
        """Record ``mark`` in the caller's (the batch's) transaction."""
        if self.key is None:
            return
        assert self._fd is not None
        runs = schema.scan_runs
        values = {
            "path": self.path, "bytes_done": mark.offset, "check_sha256": window_hash(self._fd, mark.offset),
            "lines_done": mark.lines, "items_done": mark.items, "items_added": mark.added, "rejected": mark.rejected,
            "out_path": self.out_path, "out_start": self.out_start if self.out_path else None,
            "out_bytes": out_bytes if self.out_path else None,
            "status": "done" if finished else "running", "updated_at": now_utc(),
            "finished_at": now_utc() if finished else None,
        }
        if self.run_id is None:
            self.run_id = conn.execute(
                insert(runs).values(input_key=self.key, started_at=now_utc(), **values).returning(runs.c.id)
            ).scalar_one()
        else:
            conn.execute(update(runs).where(runs.c.id == self.run_id).values(**values))

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
