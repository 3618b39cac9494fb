"""Risk on the demo corpus, judged with the corpus's expected labels.

So that risk is judged apart from the intent model's mistakes, this script takes each item's
expected ``label`` from corpus.jsonl in place of the intent label, keeps of the intent
analyzer's output only its ``solicitation`` signal (what an offer pays for, and whom it names;
not its framing cues), and feeds label + signals through ``risk.score``. Protectee matches and restricted personal data are
simulated from the demo registry (plaintext names in demo/protectees.csv, matched as
substrings) until the protectee and PII analyzers land; everything else is the real code.

    .venv/bin/python bench/risk_demo.py [--top 30] [--show-misses]

Prints the priority distribution per expected label, and the top of the queue.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from importlib import resources

from threatdesk import risk
from threatdesk.analyzers import analyzer_names, build_analyzers
from threatdesk.intake.normalize import record_to_item
from threatdesk.labels import LABEL_ORDER, Label
from threatdesk.models import Signal


def registry() -> list[tuple[str, str, str, bool]]:
    """(alias, kind, plaintext, restricted) from the demo registry; demo data only."""
    text = resources.files("threatdesk.demo").joinpath("protectees.csv").read_text(encoding="utf-8")
    out = []
    for row in csv.DictReader(text.splitlines()):
        for column, kind, restricted in (("names", "name", False), ("family_names", "family", False),
                                         ("home_addresses", "address", True), ("phones", "phone", True),
                                         ("plates", "plate", False)):
            for value in filter(None, row[column].split(";")):
                out.append((row["alias"], kind, value, restricted))
                if kind == "name" and "-" in value:
                    out.append((row["alias"], kind, value.split()[-1].split("-")[-1], False))
    return out


def simulated(text: str, entries: list[tuple[str, str, str, bool]]) -> list[Signal]:
    lower = text.lower()
    signals = []
    for alias, kind, value, restricted in entries:
        at = lower.find(value.lower())
        if at < 0 or len(value) < 5:
            continue
        signals.append(Signal("protectee.sim", "protectee", "simulated", at, at + len(value),
                              {"alias": alias, "matched": kind}))
        if restricted:
            signals.append(Signal("pii.sim", "pii", "simulated", at, at + len(value),
                                  {"type": kind, "normalized": None}, restricted=True))
    return signals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--show-misses", action="store_true", help="actionable items at P4, others above P4")
    args = parser.parse_args()
    # Intent runs too, for its ``solicitation`` signal (what an offer pays for and who it
    # names); its label is replaced by the expected one.
    analyzers = build_analyzers([n for n in analyzer_names() if n != "protectee.v1"])
    entries = registry()
    rows = []
    corpus = resources.files("threatdesk.demo").joinpath("corpus.jsonl").read_text(encoding="utf-8")
    for line in corpus.splitlines():
        record = json.loads(line)
        item = record_to_item(record)
        signals = [s for a in analyzers for s in a(item)
                   if not s.analyzer.startswith("intent.") or s.kind == "solicitation"] + simulated(item.text, entries)
        total, reasons = risk.score(Label(record["label"]), signals)
        rows.append((record, total, risk.priority_for(total), reasons))

    dist: Counter[tuple[str, str]] = Counter((r[0]["label"], r[2]) for r in rows)
    print(f"{'expected label':22} {'P1':>4} {'P2':>4} {'P3':>4} {'P4':>4}  median risk")
    for label in LABEL_ORDER:
        risks = sorted(r[1] for r in rows if r[0]["label"] == label)
        counts = " ".join(f"{dist[(str(label), p)]:>4}" for p in ("P1", "P2", "P3", "P4"))
        print(f"{label!s:22} {counts}  {risks[len(risks) // 2]:>5}")
    totals = " ".join(f"{sum(dist[(str(lb), p)] for lb in LABEL_ORDER):>4}" for p in ("P1", "P2", "P3", "P4"))
    print(f"{'all':22} {totals}")

    print(f"\nTop {args.top} (risk, then time):")
    for record, total, priority, reasons in sorted(rows, key=lambda r: (-r[1], r[0]["posted_at"]))[: args.top]:
        why = "; ".join(str(r) for r in reasons[1:4])
        print(f"{priority} {total:>3} {record['id']} {record['label']:20} {record['text'][:60]!r}  [{why}]")
    if args.show_misses:
        print("\nActionable at P4, or not actionable above P4:")
        for record, total, priority, _reasons in rows:
            actionable = Label(record["label"]) in LABEL_ORDER[:7]
            if (actionable and priority == "P4") or (not actionable and priority != "P4"):
                print(f"{priority} {total:>3} {record['id']} {record['label']:20} {record['text'][:90]!r}")


if __name__ == "__main__":
    main()
