"""Test records with a posting time, for tests that compare outputs of scans run at different times.

An item without ``posted_at`` has a time named in its text ("at noon") resolved against
when it was received, i.e. scanned, so two scans minutes apart may differ in
``hours_ahead``. Comparing engines or an interrupted run with an uninterrupted one is
about the scan, not the clock: these records carry a fixed posting time.
"""

from __future__ import annotations

from typing import Any

from tests.helpers import generated_records

EPOCH = 1_790_000_000


def dated_records(n: int, *, start: int = 0) -> list[dict[str, Any]]:
    return [{**r, "posted_at": EPOCH + 60 * i} for i, r in enumerate(generated_records(n, start=start), start=start)]
