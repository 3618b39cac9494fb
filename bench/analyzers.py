"""Messages per second of each analyzer, on the demo corpus repeated.

The baseline is the money analyzer (a single regular expression) in the same run, so the
ratios hold on a loaded machine; the absolute figures are for one core.

    .venv/bin/python bench/analyzers.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import time
from importlib import resources

from threatdesk.analyzers import build_analyzers, registry_name
from threatdesk.intake.normalize import record_to_item
from threatdesk.models import Item


def corpus_items(repeat: int) -> list[Item]:
    import json

    text = resources.files("threatdesk.demo").joinpath("corpus.jsonl").read_text(encoding="utf-8")
    items = [record_to_item(json.loads(line)) for line in text.splitlines()]
    return items * repeat


def rate(fn: object, items: list[Item]) -> float:
    best = 0.0
    for _ in range(3):
        start = time.perf_counter()
        for item in items:
            fn(item)  # type: ignore[operator]
        best = max(best, len(items) / (time.perf_counter() - start))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20, help="times the 339-message corpus is repeated")
    args = parser.parse_args()
    items = corpus_items(args.repeat)
    analyzers = build_analyzers()
    rates = {registry_name(a): rate(a, items) for a in analyzers}
    baseline = rates["money.v1"]
    print(f"{len(items):,} messages (demo corpus x{args.repeat}), best of 3, one process")
    print(f"{'analyzer':16} {'msg/s':>10} {'vs money.v1':>12}")
    for name, value in rates.items():
        print(f"{name:16} {value:>10,.0f} {value / baseline:>11.2f}x")
    table = 1 / sum(1 / v for v in rates.values())
    print(f"{'whole table':16} {table:>10,.0f} {table / baseline:>11.2f}x")


if __name__ == "__main__":
    main()
