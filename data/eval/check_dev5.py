"""Validate data/eval/dev5.jsonl (held-out set) and print its counts.

Checks every record for the keys, labels, languages and genres of the set,
unique ids, and bounty_usd (an integer or null; null on every label other
than the three solicit_* labels).  Prints counts per label x lang and per
genre.  Standard library only; prints no item text.

    python data/eval/check_dev5.py [path]
"""

import json
import sys
from collections import Counter
from pathlib import Path

LABELS = [
    "solicit_kill", "solicit_harm", "solicit_intel", "direct_threat",
    "incitement", "doxxing", "surveillance_report", "reported_threat",
    "protected_speech", "benign",
]
SOLICIT = {"solicit_kill", "solicit_harm", "solicit_intel"}
LANGS = ["en", "es", "mixed"]
GENRES = {
    "chat", "social_post", "tip", "news", "official", "court", "banner",
    "forum", "sports_games", "email",
}
KEYS = {"id", "text", "label", "lang", "genre", "bounty_usd", "target_role"}


def check(path):
    errors = []
    ids = set()
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            errors.append(f"line {n}: empty line")
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: bad JSON ({e})")
            continue
        if set(r) != KEYS:
            errors.append(f"line {n}: keys {sorted(r)}")
            continue
        if not isinstance(r["id"], str) or not r["id"].startswith("dev5-"):
            errors.append(f"line {n}: bad id")
        if r["id"] in ids:
            errors.append(f"line {n}: duplicate id {r['id']}")
        ids.add(r["id"])
        if not isinstance(r["text"], str) or not r["text"].strip():
            errors.append(f"line {n}: empty text")
        if r["label"] not in LABELS:
            errors.append(f"line {n}: unknown label {r['label']!r}")
        if r["lang"] not in LANGS:
            errors.append(f"line {n}: unknown lang {r['lang']!r}")
        if r["genre"] not in GENRES:
            errors.append(f"line {n}: unknown genre {r['genre']!r}")
        b = r["bounty_usd"]
        if b is not None and (isinstance(b, bool) or not isinstance(b, int) or b <= 0):
            errors.append(f"line {n}: bounty_usd must be a positive integer or null")
        if b is not None and r["label"] not in SOLICIT:
            errors.append(f"line {n}: bounty_usd set on {r['label']}")
        t = r["target_role"]
        if t is not None and (not isinstance(t, str) or not t.strip()):
            errors.append(f"line {n}: target_role must be a string or null")
        rows.append(r)
    texts = Counter(r["text"].strip().lower() for r in rows)
    dups = sum(1 for c in texts.values() if c > 1)
    if dups:
        errors.append(f"{dups} duplicated text(s)")
    return rows, errors


def report(rows):
    by = Counter((r["label"], r["lang"]) for r in rows)
    w = max(len(x) for x in LABELS)
    print(f"{'label':<{w}} " + " ".join(f"{x:>5}" for x in LANGS) + "  total")
    for lab in LABELS:
        cells = [by[(lab, x)] for x in LANGS]
        print(f"{lab:<{w}} " + " ".join(f"{c:>5}" for c in cells) + f"  {sum(cells):>5}")
    tot = [sum(by[(lab, x)] for lab in LABELS) for x in LANGS]
    print(f"{'total':<{w}} " + " ".join(f"{c:>5}" for c in tot) + f"  {sum(tot):>5}")
    print()
    g = Counter(r["genre"] for r in rows)
    for genre, c in sorted(g.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{genre:<13} {c:>4}")
    print()
    sol = [r for r in rows if r["label"] in SOLICIT]
    with_b = sum(1 for r in sol if r["bounty_usd"] is not None)
    print(f"solicit_* items with bounty_usd: {with_b} of {len(sol)}")
    print(f"items with target_role: {sum(1 for r in rows if r['target_role'])}")


def main(argv):
    path = Path(argv[1]) if len(argv) > 1 else Path(__file__).with_name("dev5.jsonl")
    rows, errors = check(path)
    for e in errors:
        print("ERROR", e)
    print(f"{len(rows)} items, {len(errors)} error(s)\n")
    report(rows)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
