"""Checks that dev2.jsonl is well formed, so a broken line is caught before anyone measures on it.

    python data/eval/check_dev2.py            # from the repository root; exits 1 on any problem

It checks form only (JSON, fields, labels, ids, types, counts); it never reads a label's correctness.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

LABELS = ("solicit_kill", "solicit_harm", "solicit_intel", "direct_threat", "incitement", "doxxing",
          "surveillance_report", "reported_threat", "protected_speech", "benign")
FIELDS = ("id", "text", "label", "lang", "genre", "bounty_usd", "target_role")
LANGS = ("en", "es", "mixed")


def check(path: Path) -> list[str]:
    """Return one message per problem found in the file at `path`."""
    problems: list[str] = []
    ids: Counter[str] = Counter()
    texts: Counter[str] = Counter()
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            problems.append(f"line {n}: blank line")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: not JSON ({exc})")
            continue
        missing = [f for f in FIELDS if f not in row]
        if missing:
            problems.append(f"line {n}: missing {missing}")
            continue
        if row["label"] not in LABELS:
            problems.append(f"line {n}: unknown label {row['label']!r}")
        if row["lang"] not in LANGS:
            problems.append(f"line {n}: unknown lang {row['lang']!r}")
        bounty = row["bounty_usd"]
        if bounty is not None and (isinstance(bounty, bool) or not isinstance(bounty, (int, float)) or bounty <= 0):
            problems.append(f"line {n}: bounty_usd must be null or a positive number, got {bounty!r}")
        if not isinstance(row["text"], str) or not row["text"].strip():
            problems.append(f"line {n}: empty text")
        if row["target_role"] is not None and not isinstance(row["target_role"], str):
            problems.append(f"line {n}: target_role must be null or a string")
        if row["id"] != f"dev2-{n:04d}":
            problems.append(f"line {n}: id {row['id']!r} out of sequence")
        ids[row["id"]] += 1
        texts[row["text"]] += 1
        rows.append(row)
    problems += [f"duplicate id {i}" for i, c in ids.items() if c > 1]
    problems += [f"duplicate text {t[:60]!r}" for t, c in texts.items() if c > 1]
    per_label = Counter(r["label"] for r in rows)
    problems += [f"label {lab} has {per_label[lab]} items (want at least 30)" for lab in LABELS if per_label[lab] < 30]
    spanish = sum(r["lang"] != "en" for r in rows)
    if rows and spanish / len(rows) < 0.40:
        problems.append(f"Spanish or Spanglish is {spanish}/{len(rows)}, below 40%")
    return problems


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("dev2.jsonl")
    problems = check(path)
    for p in problems:
        print(p)
    print(f"{path.name}: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
