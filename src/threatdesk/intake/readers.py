"""Streaming readers for JSON Lines and CSV.

Files are read in binary, one line at a time, and each line is decoded on its own: an
invalid UTF-8 byte sequence costs that one line, not the file, and memory stays flat
whatever the file's size.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from threatdesk.errors import InputFormatError, UsageError
from threatdesk.intake.normalize import (
    KNOWN_FIELDS,
    MAX_LINE_BYTES,
    RecordError,
    Rejection,
    record_to_item,
)
from threatdesk.models import Item

FORMATS = ("jsonl", "csv")


def detect_format(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".csv",):
        return "csv"
    if path == "-":
        return "jsonl"
    raise UsageError(
        f"cannot tell the format of {path}",
        hint="name it .jsonl or .csv, or pass --format jsonl|csv",
    )


def _open(path: str) -> BinaryIO:
    if path == "-":
        return sys.stdin.buffer
    p = Path(path)
    if not p.exists():
        raise UsageError(f"{path}: no such file", hint="check the path")
    if p.is_dir():
        raise UsageError(f"{path} is a directory", hint="pass the files inside it")
    try:
        return p.open("rb")
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror})") from None


def _lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) with over-long lines replaced by None, read without holding them."""
    number = 0
    while True:
        chunk = stream.readline(MAX_LINE_BYTES + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) > MAX_LINE_BYTES and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):
                chunk = stream.readline(MAX_LINE_BYTES + 1)
            yield number, None
            continue
        yield number, chunk


def read_items(path: str, fmt: str | None = None) -> Iterator[Item | Rejection]:
    """Yield an Item or a Rejection per record of ``path``, in file order."""
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}", hint="use jsonl or csv")
    stream = _open(path)
    try:
        if path != "-" and Path(path).stat().st_size == 0:
            raise InputFormatError(f"{path} is empty", hint="nothing to import")
        yield from (_read_jsonl if fmt == "jsonl" else _read_csv)(path, stream)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _read_jsonl(path: str, stream: BinaryIO) -> Iterator[Item | Rejection]:
    for number, chunk in _lines(stream):
        if chunk is None:
            yield Rejection(path, number, f"line is longer than {MAX_LINE_BYTES:,} bytes")
            continue
        try:
            line = chunk.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Rejection(path, number, f"invalid UTF-8 at byte {exc.start}")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(path, number, f"bad JSON: {exc.msg} at column {exc.colno}")
            continue
        try:
            yield record_to_item(record, raw=line.rstrip("\r\n"), received_at=datetime.now(UTC))
        except RecordError as exc:
            yield Rejection(path, number, str(exc))


def _read_csv(path: str, stream: BinaryIO) -> Iterator[Item | Rejection]:
    bad_lines: dict[int, str] = {}
    line_of_record: list[int] = [0]
    raw_of_record: list[str] = []

    def decoded() -> Iterator[str]:
        for number, chunk in _lines(stream):
            if chunk is None:
                bad_lines[number] = f"line is longer than {MAX_LINE_BYTES:,} bytes"
                continue
            try:
                text = chunk.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                bad_lines[number] = f"invalid UTF-8 at byte {exc.start}"
                continue
            line_of_record[0] = number
            raw_of_record.append(text)
            yield text

    reader = csv.reader(decoded(), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise InputFormatError(f"{path} has no header row") from None
    except csv.Error as exc:
        raise InputFormatError(f"{path}: the header row is not valid CSV ({exc})") from None
    names = [h.strip().lower() for h in header]
    unknown = [n for n in names if n not in KNOWN_FIELDS]
    if "text" not in names or unknown or len(set(names)) != len(names):
        raise InputFormatError(
            f"{path}: wrong CSV header {','.join(header)!r}",
            hint=f"the header must name 'text' and may name {', '.join(KNOWN_FIELDS[:-1])}",
        )
    received = datetime.now(UTC)
    yield from _flush_bad(path, bad_lines)
    while True:
        raw_of_record.clear()
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield from _flush_bad(path, bad_lines)
            yield Rejection(path, line_of_record[0], f"bad CSV: {exc}")
            continue
        yield from _flush_bad(path, bad_lines)
        number = line_of_record[0] - len(raw_of_record) + 1
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            yield Rejection(path, number, f"expected {len(names)} columns, found {len(row)}")
            continue
        raw = "".join(raw_of_record).rstrip("\r\n")
        try:
            yield record_to_item(dict(zip(names, row, strict=True)), raw=raw, received_at=received)
        except RecordError as exc:
            yield Rejection(path, number, str(exc))
    yield from _flush_bad(path, bad_lines)


def _flush_bad(path: str, bad_lines: dict[int, str]) -> Iterator[Rejection]:
    for number in sorted(bad_lines):
        yield Rejection(path, number, bad_lines[number])
    bad_lines.clear()
