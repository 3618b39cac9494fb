"""Idle ticks for streamed input: a pipe delivers records as they come, not in batches.

``idle_ticks`` reads the source in a thread and yields ``FLUSH`` when no record has
arrived for ``idle`` seconds, so the scan loop can store (and alert on) a part-filled
batch instead of waiting for it to fill: an urgent line on standard input is assessed
within ``idle`` seconds of arriving.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import Any

#: Yielded when the source has gone quiet; the consumer should flush what it holds.
FLUSH: Any = object()
_END = object()
#: Seconds of silence on standard input before a part-filled batch is stored.
STDIN_IDLE = 0.5


def idle_ticks(records: Iterable[Any], idle: float) -> Iterator[Any]:
    q: queue.Queue[tuple[Any, Any]] = queue.Queue(maxsize=10_000)

    def pump() -> None:
        try:
            for record in records:
                q.put((record, None))
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there
            q.put((_END, exc))
            return
        q.put((_END, None))

    threading.Thread(target=pump, name="threatdesk-stdin", daemon=True).start()
    quiet = False
    while True:
        try:
            record, error = q.get(timeout=None if quiet else idle)
        except queue.Empty:
            quiet = True
            yield FLUSH
            continue
        quiet = False
        if record is _END:
            if error is not None:
                raise error
            return
        yield record
