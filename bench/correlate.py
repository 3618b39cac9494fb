"""Correlation benchmark: is it near-linear? Times at two sizes and their ratio (10x items -> ~10x time).

Three parts, each at a small and a large size, so the in-memory work and the database
work are reported apart:

1. clustering: ``cluster()`` (union-find over author+target, protectee, story, open case,
   and the 300 m / 72 h surveillance grid) on synthetic records built in memory;
2. near-duplicates: MinHash signatures + LSH grouping on synthetic texts with 5% reposts;
3. end to end: ``correlate(store)`` on a SQLite file of synthetic assessed items
   (loading, near-dup, clustering, and writing stories, cases, timeline and audit rows).

    .venv/bin/python bench/correlate.py                      # 100k / 1M, 20k / 200k, 5k / 50k
    .venv/bin/python bench/correlate.py --cluster 10000,100000 --neardup 2000,20000 --db 1000,10000
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from threatdesk.correlate import correlate, neardup
from threatdesk.correlate.blocking import Record, cluster
from threatdesk.labels import ACTIONABLE, Label
from threatdesk.models import Assessment, Item, Place, Reason
from threatdesk.risk import LABEL_BASE, priority_for
from threatdesk.store import Store

LABELS = [str(label) for label in ACTIONABLE] + [str(Label.REPORTED_THREAT)]
_vocab = random.Random(3)
WORDS = ["".join(_vocab.choice("abcdefghilmnoprstuv") for _ in range(_vocab.randint(2, 9))) for _ in range(20_000)]
T0 = datetime(2026, 10, 1, tzinfo=UTC).timestamp()


def records(n: int, seed: int = 7) -> list[Record]:
    rng = random.Random(seed)
    authors, protectees = max(10, n // 20), 200
    out = []
    for i in range(n):
        label = rng.choice(LABELS)
        point = (41.70 + rng.random() * 0.30, -87.85 + rng.random() * 0.30) if label == "surveillance_report" else None
        alias = (f"PROTECTEE-{rng.randrange(protectees):04d}",) if rng.random() < 0.3 else ()
        out.append(Record(
            item_id=f"itm_{i}", label=label, author=f"@u{int(rng.paretovariate(1.2)) % authors}" if rng.random() < 0.9 else None,
            posted=T0 + rng.random() * 60 * 86400, lat=point[0] if point else None, lon=point[1] if point else None,
            protectees=alias, targets=alias, story=i - rng.randrange(1, 50) if i > 50 and rng.random() < 0.05 else i,
            attach_only=label == "reported_threat",
        ))
    return out


def texts(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    for i in range(n):
        if out and rng.random() < 0.05:
            out.append("RT " + out[rng.randrange(max(0, i - 50), i)])
        else:
            out.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30))) + f" {i}")
    return out


def time_cluster(n: int) -> float:
    recs = records(n)
    gc.collect()
    started = time.perf_counter()
    cluster(recs)
    return time.perf_counter() - started


def time_neardup(n: int) -> tuple[float, float]:
    data = texts(n)
    started = time.perf_counter()
    sigs = neardup.signatures(data)
    mid = time.perf_counter()
    neardup.group(sigs)
    return mid - started, time.perf_counter() - mid


def time_db(n: int, folder: Path) -> tuple[float, float, str]:
    rng = random.Random(11)
    data = texts(n)
    items, assessments = [], []
    for text in data:
        label = Label(rng.choice(LABELS))
        point = Place(lat=41.70 + rng.random() * 0.3, lon=-87.85 + rng.random() * 0.3) if label == Label.SURVEILLANCE_REPORT else None
        item = Item.from_text(text, author=f"@u{int(rng.paretovariate(1.2)) % max(10, n // 20)}", place=point,
                              posted_at=datetime.fromtimestamp(T0 + rng.random() * 60 * 86400, UTC) + timedelta(0))
        risk = LABEL_BASE[label]
        items.append(item)
        assessments.append(Assessment(item.id, label, {str(label): 1.0}, risk, priority_for(risk), (Reason("label", "bench", risk),), (), "bench"))
    with Store.open(str(folder / f"bench-{n}.db")) as store:
        started = time.perf_counter()
        for start in range(0, n, 5000):
            store.write_batch(items[start:start + 5000], assessments[start:start + 5000])
        write = time.perf_counter() - started
        started = time.perf_counter()
        summary = correlate(store)
        return write, time.perf_counter() - started, str(summary)


def sizes(text: str) -> tuple[int, int]:
    small, large = (int(x) for x in text.split(","))
    return small, large


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cluster", default="100000,1000000")
    parser.add_argument("--neardup", default="20000,200000")
    parser.add_argument("--db", default="5000,50000")
    args = parser.parse_args()

    small, large = sizes(args.cluster)
    a, b = time_cluster(small), time_cluster(large)
    print(f"clustering (in memory)   {small:>9,} items {a:7.2f}s   {large:>9,} items {b:7.2f}s   "
          f"time ratio {b / a:5.1f} for {large / small:.0f}x items")

    small, large = sizes(args.neardup)
    (sa, ga), (sb, gb) = time_neardup(small), time_neardup(large)
    print(f"near-dup signatures      {small:>9,} texts {sa:7.2f}s   {large:>9,} texts {sb:7.2f}s   time ratio {sb / sa:5.1f}")
    print(f"near-dup LSH + union     {small:>9,} texts {ga:7.2f}s   {large:>9,} texts {gb:7.2f}s   time ratio {gb / ga:5.1f}")

    small, large = sizes(args.db)
    with tempfile.TemporaryDirectory() as folder:
        (wa, ca, sa_), (wb, cb, sb_) = time_db(small, Path(folder)), time_db(large, Path(folder))
    print(f"correlate() on SQLite    {small:>9,} items {ca:7.2f}s   {large:>9,} items {cb:7.2f}s   time ratio {cb / ca:5.1f}")
    print(f"  (writing the items first took {wa:.1f}s and {wb:.1f}s; {sa_}; {sb_})")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
