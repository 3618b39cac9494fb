"""CPU milliseconds per item of each analyzer and of the assessor, and a digest of the output.

The machine running a benchmark is often shared, so this measures process CPU time
(``time.process_time``), not wall time. The corpus mixes the generated benchmark corpus
(bench/corpus.py), the demo corpus and the development and training texts (every item
gets a posting time, so the times analyzer does its full work), so each analyzer meets
both the texts it fires on and the many it does not.

``--dump FILE`` writes every item's serialised assessment, one JSON line each; two dumps
made before and after a speed change must be byte-identical (compare them with ``cmp``),
which is how an optimisation proves it changed no output.

    PYTHONPATH=src .venv/bin/python bench/analyzer_cpu.py [--generated 3000] [--dump out.jsonl] [--skip intent.v1]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from corpus import generate  # noqa: E402

from threatdesk.analyzers import registry_name  # noqa: E402
from threatdesk.assess import assess  # noqa: E402
from threatdesk.intake.normalize import record_to_item  # noqa: E402
from threatdesk.models import Item  # noqa: E402
from threatdesk.pipeline import Pipeline  # noqa: E402

#: Open development and training files only; the held-out sets are never read here.
TEXT_FILES = ("data/eval/dev.jsonl", "data/eval/challenge.jsonl", "data/eval/pii.jsonl", "data/train/intent_*.jsonl")


def corpus(generated: int) -> list[Item]:
    items: list[Item] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = generate(Path(tmp) / "corpus.jsonl", generated)
        items += [record_to_item(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]
    demo = resources.files("threatdesk.demo").joinpath("corpus.jsonl").read_text(encoding="utf-8")
    items += [record_to_item(json.loads(line)) for line in demo.splitlines()]
    # Posting times spread over a week and the hours of the day, so weekday and clock
    # resolution take every branch.
    base = datetime(2026, 11, 16, 0, 0, tzinfo=UTC)
    n = 0
    for pattern in TEXT_FILES:
        for path in sorted(ROOT.glob(pattern)):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    n += 1
                    items.append(Item.from_text(json.loads(line)["text"], posted_at=base + timedelta(minutes=97 * n)))
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--generated", type=int, default=3000, help="items from bench/corpus.py")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes; the lowest CPU time of each analyzer is kept")
    parser.add_argument("--dump", type=Path, help="write every assessment as one JSON line here")
    parser.add_argument("--skip", action="append", default=[], metavar="NAME",
                        help="leave an analyzer out (e.g. intent.v1, to time the rest quickly); the output then differs")
    args = parser.parse_args()
    items = corpus(args.generated)
    pipeline = Pipeline()
    pipeline.analyzers = [a for a in pipeline.analyzers if registry_name(a) not in args.skip]
    names = [registry_name(a) for a in pipeline.analyzers]
    # One warm-up pass: first-call costs (lazy compiles, caches) are reported apart.
    cold: dict[str, float] = {}
    signals: list[list] = [[] for _ in items]
    for name, analyzer in zip(names, pipeline.analyzers, strict=True):
        t0 = time.process_time()
        for i, item in enumerate(items):
            signals[i].extend(analyzer(item))
        cold[name] = time.process_time() - t0
    best = {name: float("inf") for name in [*names, "assess"]}
    for _ in range(args.rounds):
        for name, analyzer in zip(names, pipeline.analyzers, strict=True):
            t0 = time.process_time()
            for item in items:
                analyzer(item)
            best[name] = min(best[name], time.process_time() - t0)
        t0 = time.process_time()
        out = [assess(item, sigs, model_version=pipeline.version) for item, sigs in zip(items, signals, strict=True)]
        best["assess"] = min(best["assess"], time.process_time() - t0)
    lines = [json.dumps(a.to_json(), ensure_ascii=False, sort_keys=True) for a in out]
    blob = ("\n".join(lines) + "\n").encode("utf-8")
    if args.dump:
        args.dump.write_bytes(blob)
    print(f"{len(items):,} items, CPU ms per item, best of {args.rounds} warm passes (first pass in brackets)")
    total = 0.0
    for name in [*names, "assess"]:
        ms = best[name] * 1000 / len(items)
        total += ms
        first = f"({cold[name] * 1000 / len(items):.3f})" if name in cold else ""
        print(f"{name:16} {ms:8.3f} {first:>10}")
    print(f"{'total':16} {total:8.3f}")
    print(f"output sha256 {hashlib.sha256(blob).hexdigest()}  signals {sum(len(s) for s in signals):,}")


if __name__ == "__main__":
    main()
