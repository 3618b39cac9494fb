"""Keep Python's cyclic garbage collector from pausing a long-running API process.

Why: CPython's full (generation 2) collection walks every tracked object. After start-up
an API process holds about 110,000 of them (FastAPI, pydantic, SQLAlchemy, the
threatdesk modules; an assessor process about 90,000 more for its pipeline), so each full
collection held the GIL for 40-55 ms of CPU on the 2-core development machine. In the
HTTP process that stopped the event loop and the writer thread at once: every request
in flight (all 50 of ``bench/api_load.py``'s clients) waited out the pause, which was
the whole p99 of the 401 baseline and part of the submissions' tail; in an assessor it
held up a batch, and through the backpressure the submissions behind it.

Those start-up objects live as long as the process, so scanning them again and again
finds nothing. ``freeze_startup_heap()`` collects once and then moves every surviving
object to the collector's permanent generation (``gc.freeze``), which later collections
skip; they then scan only what the process allocated since. Garbage is still collected
as before (cycles made by requests are young objects); only the start-up heap is left
alone, which costs nothing since nothing in it is ever freed.
"""

from __future__ import annotations

import gc


def freeze_startup_heap() -> int:
    """Collect once, then exempt every surviving object from later collections; returns how many.

    Call it when start-up is over (imports done, app and pipeline built), not per request.
    """
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


__all__ = ["freeze_startup_heap"]
