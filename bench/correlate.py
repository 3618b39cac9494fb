"""Correlation benchmark: is it near-linear in time, and near-flat in memory?

End to end, ``correlate(store)`` on a SQLite file of synthetic assessed items (every one a
candidate: actionable labels and reported threats; 30% name a protectee, 15% carry a
solicitation target, surveillance reports carry a point, 5% are reposts), at two sizes:
loading, MinHash near-duplicates, blocking and linking, and writing stories, cases,
timeline and audit rows. Each size is built in one child process and correlated in a
fresh one, so the figures are correlation's own:

- wall seconds and CPU seconds of the correlating process (CPU time is what load from
  other processes on the machine does not distort), and the ratio large / small
  (near-linear: about 10 for 10x items);
- peak resident memory of that process, and the part of it correlation added over the
  process before it started (Python, numpy, SQLAlchemy and an open store).

    .venv/bin/python bench/correlate.py                          # 100,000 and 1,000,000 items
    .venv/bin/python bench/correlate.py --items 10000,100000     # a quicker look
    .venv/bin/python bench/correlate.py --cluster 100000,1000000 # also clustering alone, in memory

The default takes about 14 minutes on two busy cores, less when idle (most of it writing the million
items first and computing their MinHash signatures).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

LABELS = ("solicit_kill", "solicit_harm", "solicit_intel", "direct_threat", "incitement", "doxxing",
          "surveillance_report", "reported_threat")
_vocab = random.Random(3)
WORDS = ["".join(_vocab.choice("abcdefghilmnoprstuv") for _ in range(_vocab.randint(2, 9))) for _ in range(20_000)]
T0 = datetime(2026, 10, 1, tzinfo=UTC).timestamp()
TARGETS = ("the judge", "agent ramos", "officer kell", "the prosecutor", "la jueza")


def texts(n: int, seed: int = 7) -> list[str]:
    """Random texts of 12-30 words, 5% of them reposts ("RT " + one of the previous 50)."""
    rng = random.Random(seed)
    out: list[str] = []
    for i in range(n):
        if out and rng.random() < 0.05:
            out.append("RT " + out[rng.randrange(max(0, i - 50), i)])
        else:
            out.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30))) + f" {i}")
    return out


def build(n: int, path: str) -> dict[str, float]:
    """Write n synthetic assessed items into a new SQLite store (in this child process)."""
    from threatdesk.labels import Label
    from threatdesk.models import Assessment, Item, Place, Reason, Signal
    from threatdesk.risk import LABEL_BASE, priority_for
    from threatdesk.store import Store

    rng = random.Random(11)
    started = time.perf_counter()
    with Store.open(path) as store:
        data = texts(n)
        for start in range(0, n, 5000):
            items, assessments = [], []
            for text in data[start:start + 5000]:
                label = Label(rng.choice(LABELS))
                point = (Place(lat=41.70 + rng.random() * 0.3, lon=-87.85 + rng.random() * 0.3)
                         if label == Label.SURVEILLANCE_REPORT else None)
                signals = []
                if rng.random() < 0.3:
                    alias = f"PROTECTEE-{rng.randrange(200):04d}"
                    signals.append(Signal("bench", "protectee", "bench", 0, 4, {"alias": alias, "matched": "name"}))
                if rng.random() < 0.15:
                    signals.append(Signal("bench", "solicitation", "bench", 0, 4, {"target": rng.choice(TARGETS), "act": "killing",
                                                                        "offer": {"amount": 5000, "currency": "USD"}}))
                item = Item.from_text(text, author=f"@u{int(rng.paretovariate(1.2)) % max(10, n // 20)}", place=point,
                                      posted_at=datetime.fromtimestamp(T0 + rng.random() * 60 * 86400, UTC))
                risk = LABEL_BASE[label]
                items.append(item)
                assessments.append(Assessment(item.id, label, {str(label): 1.0}, risk, priority_for(risk),
                                              (Reason("label", "bench", risk),), tuple(signals), "bench"))
            store.write_batch(items, assessments)
    return {"write_s": time.perf_counter() - started}


def run(path: str) -> dict[str, float | str]:
    """Correlate the store at ``path`` (in this child process): time, CPU time, peak memory."""
    from threatdesk.correlate import correlate
    from threatdesk.store import Store

    with Store.open(path) as store:
        gc.collect()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        cpu, wall = time.process_time(), time.perf_counter()
        summary = correlate(store)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"wall_s": wall, "cpu_s": cpu, "peak_mib": peak, "base_mib": before, "summary": str(summary)}


def child(*args: str) -> dict[str, float | str]:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"bench/correlate.py {' '.join(args)} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def time_cluster(n: int) -> float:
    """Blocking and linking alone, on records built in memory."""
    from threatdesk.correlate.blocking import Record, cluster

    rng = random.Random(7)
    authors, recs = max(10, n // 20), []
    for i in range(n):
        label = rng.choice(LABELS)
        point = (41.70 + rng.random() * 0.30, -87.85 + rng.random() * 0.30) if label == "surveillance_report" else None
        alias = (f"PROTECTEE-{rng.randrange(200):04d}",) if rng.random() < 0.3 else ()
        recs.append(Record(
            item_id=f"itm_{i}", label=label, author=f"@u{int(rng.paretovariate(1.2)) % authors}" if rng.random() < 0.9 else None,
            posted=T0 + rng.random() * 60 * 86400, lat=point[0] if point else None, lon=point[1] if point else None,
            protectees=alias, targets=alias, story=i - rng.randrange(1, 50) if i > 50 and rng.random() < 0.05 else i,
            attach_only=label == "reported_threat",
        ))
    gc.collect()
    started = time.perf_counter()
    cluster(recs)
    return time.perf_counter() - started


def sizes(text: str) -> tuple[int, int]:
    small, large = (int(x) for x in text.split(","))
    return small, large


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in ("_build", "_run"):
        result = build(int(sys.argv[2]), sys.argv[3]) if sys.argv[1] == "_build" else run(sys.argv[2])
        print(json.dumps(result))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", default="100000,1000000", help="Two store sizes for correlate() end to end.")
    parser.add_argument("--cluster", help="Two sizes for clustering alone, in memory (off unless given).")
    args = parser.parse_args()

    if args.cluster:
        small, large = sizes(args.cluster)
        a, b = time_cluster(small), time_cluster(large)
        print(f"clustering alone (in memory) {small:>9,} items {a:7.2f}s   {large:>9,} items {b:7.2f}s   "
              f"ratio {b / a:5.1f} for {large / small:.0f}x items", flush=True)

    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes(args.items):
            path = str(Path(folder) / f"bench-{n}.db")
            built = child("_build", str(n), path)
            results[n] = {**built, **child("_run", path)}
            r = results[n]
            print(f"correlate() on SQLite {n:>9,} items: {r['wall_s']:7.1f}s wall, {r['cpu_s']:7.1f}s CPU "
                  f"({1e6 * float(r['cpu_s']) / n:5.0f} us CPU/item), peak RSS {r['peak_mib']:6.0f} MiB "
                  f"({float(r['peak_mib']) - float(r['base_mib']):+.0f} MiB over the process before; "
                  f"writing the items first took {r['write_s']:.0f}s)", flush=True)
            print(f"  {r['summary']}", flush=True)
            Path(path).unlink()
    small, large = sizes(args.items)
    s, b = results[small], results[large]
    print(f"ratio {large // small}x items: wall {float(b['wall_s']) / float(s['wall_s']):.1f}x, "
          f"CPU {float(b['cpu_s']) / float(s['cpu_s']):.1f}x, peak RSS {float(b['peak_mib']) / float(s['peak_mib']):.1f}x")


if __name__ == "__main__":
    main()
