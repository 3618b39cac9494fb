"""Which items belong together: union-find over blocking keys, in memory, no database.

Comparing every item with every other is quadratic; instead each item emits a few
blocking keys (its author with each of its targets, each protectee it names, its
near-duplicate story, an open case it is already in) and items that share a key are
unioned. The author key carries the target so that an author who threatens two people
does not fuse their two campaigns into one case; an item with no known target takes its
author's target when the author is about one target (one known target, named by at
least half of the author's items; the caller fills ``targets`` that way), else it groups
with the author's other untargeted items. Two keys need a
neighbourhood rather than equality, and both stay local:

- target + place: items naming the same target at the same place join when they fall
  within ``TARGET_PLACE_WINDOW`` of each other (sorted by time, consecutive items linked);
- surveillance in space and time: a surveillance report joins every other one within
  ``SPATIAL_RADIUS_M`` and ``SPATIAL_WINDOW``, found through a grid of cells the size of
  the radius (each point looks only at its own and the 8 neighbouring cells, and only at
  points inside the time window).

Linking is single-linkage: A-B and B-C put A and C in one case. Items marked
``attach_only`` (reported threats: news about a threat) never link two groups; they
join the group of the first key they share (story or protectee) and nothing else.
Everything is linear in the number of items plus the links found.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from threatdesk.correlate.neardup import UnionFind
from threatdesk.labels import Label

SPATIAL_RADIUS_M = 300.0
SPATIAL_WINDOW_S = 72 * 3600
TARGET_PLACE_WINDOW_S = 7 * 24 * 3600
#: A point compares itself with at most this many earlier points of one cell inside the
#: window: a flood of tips at one spot is linked through its neighbours in time anyway.
MAX_NEIGHBOURS_PER_CELL = 64

_M_PER_DEG_LAT = 110_540.0
_M_PER_DEG_LON = 111_320.0


@dataclass(slots=True)
class Record:
    """What blocking and linking need to know about one item, and nothing more.

    Correlation keeps one of these per candidate item in memory (no text, no signals:
    about 300 bytes an item), so a run over a million items fits in a few hundred MB.
    ``targets`` is what the author key uses (``own_targets``, else the author's one
    target); ``place_name`` names the point (``lat``/``lon``) for case titles; ``quotes``
    are the normalised quotations of a reported threat (what the news quotes of the threat).
    """

    item_id: str
    label: str
    author: str | None = None
    posted: float | None = None
    lat: float | None = None
    lon: float | None = None
    protectees: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    story: int | None = None
    target_place: str | None = None
    case_id: int | None = None
    attach_only: bool = False
    own_targets: tuple[str, ...] = ()
    place_name: str | None = None
    quotes: tuple[str, ...] = ()

    @property
    def actionable(self) -> bool:
        return not self.attach_only

    @property
    def posted_at(self) -> datetime | None:
        """The posting time back as a datetime (exact: a float keeps microseconds for dates of this era)."""
        return datetime.fromtimestamp(self.posted, UTC) if self.posted is not None else None


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


def _keys(r: Record) -> list[tuple[str, str | int]]:
    """(kind, key) pairs; kinds are kept apart so a story id never needs a string of its own."""
    keys: list[tuple[str, str | int]] = [("p", alias) for alias in r.protectees]
    if r.story is not None:
        keys.append(("s", r.story))
    if r.attach_only:
        return keys
    if r.case_id is not None:
        keys.append(("c", r.case_id))
    if r.author:
        author = r.author.lower()
        keys.extend(("a", f"{author}|{t}") for t in r.targets or ("*",))
    return keys


def cluster(records: Sequence[Record]) -> list[int]:
    """Component id (the index of its lowest member) for every record; -1 for an unlinked attach-only record."""
    n = len(records)
    uf = UnionFind(n)
    owner: dict[str, dict[str | int, int]] = {"p": {}, "s": {}, "c": {}, "a": {}}
    windowed: dict[str, list[tuple[float, int]]] = defaultdict(list)
    cells: dict[tuple[int, int], list[tuple[float, int]]] = defaultdict(list)
    for i, r in enumerate(records):
        if r.attach_only:
            continue
        for kind, key in _keys(r):
            first = owner[kind].setdefault(key, i)
            if first != i:
                uf.union(first, i)
        if r.target_place and r.posted is not None:
            windowed[r.target_place].append((r.posted, i))
        if r.label == Label.SURVEILLANCE_REPORT and r.lat is not None and r.lon is not None and r.posted is not None:
            cells[_cell(r.lat, r.lon)].append((r.posted, i))
    for points in windowed.values():
        points.sort()
        for (t0, a), (t1, b) in zip(points, points[1:], strict=False):
            if t1 - t0 <= TARGET_PLACE_WINDOW_S:
                uf.union(a, b)
    _link_spatial(records, cells, uf)
    roots = [uf.find(i) for i in range(n)]
    for i, r in enumerate(records):
        if r.attach_only:
            roots[i] = next((roots[owner[kind][k]] for kind, k in _keys(r) if k in owner[kind]), -1)
    return roots


def _cell(lat: float, lon: float) -> tuple[int, int]:
    y = lat * _M_PER_DEG_LAT
    x = lon * _M_PER_DEG_LON * math.cos(math.radians(lat))
    return int(y // SPATIAL_RADIUS_M), int(x // SPATIAL_RADIUS_M)


def _link_spatial(records: Sequence[Record], cells: dict[tuple[int, int], list[tuple[float, int]]], uf: UnionFind) -> None:
    for points in cells.values():
        points.sort()
    times = {cell: [t for t, _ in points] for cell, points in cells.items()}
    for (cy, cx), points in cells.items():
        for t, i in points:
            a = records[i]
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    other = cells.get((cy + dy, cx + dx))
                    if not other:
                        continue
                    ts = times[(cy + dy, cx + dx)]
                    lo, hi = bisect_left(ts, t - SPATIAL_WINDOW_S), bisect_right(ts, t)
                    for k in range(hi - 1, max(lo, hi - MAX_NEIGHBOURS_PER_CELL) - 1, -1):
                        j = other[k][1]
                        if j == i:
                            continue
                        b = records[j]
                        if distance_m(a.lat, a.lon, b.lat, b.lon) <= SPATIAL_RADIUS_M:  # type: ignore[arg-type]
                            uf.union(i, j)
