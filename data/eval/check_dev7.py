"""Validate the held-out dev7 evaluation set and print its counts.

Checks keys, labels, languages, genres, unique ids and texts, and the bounty_usd rules
(integer or null; null outside solicit_kill / solicit_harm / solicit_intel). Prints counts
per label x language and per genre. Never prints item text.

Usage: python data/eval/check_dev7.py [path]   (stdlib only; exit 1 on any error)
"""
import collections
import json
import os
import re
import sys

LABELS = ["solicit_kill", "solicit_harm", "solicit_intel", "direct_threat", "incitement",
          "doxxing", "surveillance_report", "reported_threat", "protected_speech", "benign"]
LANGS = ["en", "es", "mixed"]
GENRES = ["chat", "social_post", "tip", "news", "official", "court", "banner", "forum",
          "sports_games", "email"]
KEYS = {"id", "text", "label", "lang", "genre", "bounty_usd", "target_role"}
SOLICIT = {"solicit_kill", "solicit_harm", "solicit_intel"}
ID_RE = re.compile(r"^dev7-\d{4}$")


def check(path):
    errors, rows = [], []
    ids, texts = set(), set()
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                errors.append(f"line {n}: blank line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"line {n}: bad JSON ({exc.msg})")
                continue
            if set(obj) != KEYS:
                errors.append(f"line {n}: keys {sorted(obj)} != {sorted(KEYS)}")
                continue
            if not isinstance(obj["id"], str) or not ID_RE.match(obj["id"]):
                errors.append(f"line {n}: bad id")
            if obj["id"] in ids:
                errors.append(f"line {n}: duplicate id {obj['id']}")
            ids.add(obj["id"])
            text = obj["text"]
            if not isinstance(text, str) or not text.strip():
                errors.append(f"line {n}: empty or non-string text")
            else:
                norm = " ".join(text.lower().split())
                if norm in texts:
                    errors.append(f"line {n}: duplicate text ({obj['id']})")
                texts.add(norm)
            if obj["label"] not in LABELS:
                errors.append(f"line {n}: unknown label")
            if obj["lang"] not in LANGS:
                errors.append(f"line {n}: unknown lang")
            if obj["genre"] not in GENRES:
                errors.append(f"line {n}: unknown genre")
            b = obj["bounty_usd"]
            if b is not None:
                if not isinstance(b, int) or isinstance(b, bool) or b <= 0:
                    errors.append(f"line {n}: bounty_usd must be a positive integer or null")
                if obj["label"] not in SOLICIT:
                    errors.append(f"line {n}: bounty_usd set outside solicit_* labels")
            tr = obj["target_role"]
            if tr is not None and (not isinstance(tr, str) or not tr.strip()):
                errors.append(f"line {n}: target_role must be a non-empty string or null")
            rows.append(obj)
    expected = [f"dev7-{i:04d}" for i in range(1, len(rows) + 1)]
    if sorted(ids) != expected:
        errors.append("ids are not a contiguous dev7-0001..dev7-N run")
    return rows, errors


def report(rows):
    by = collections.Counter((r["label"], r["lang"]) for r in rows)
    print("| label | en | es | mixed | total |")
    print("|---|---:|---:|---:|---:|")
    for lab in LABELS:
        cells = [by[(lab, lg)] for lg in LANGS]
        print(f"| {lab} | " + " | ".join(map(str, cells)) + f" | {sum(cells)} |")
    tot = [sum(by[(lab, lg)] for lab in LABELS) for lg in LANGS]
    print("| **total** | " + " | ".join(map(str, tot)) + f" | {sum(tot)} |")
    print()
    gen = collections.Counter(r["genre"] for r in rows)
    print("| genre | items |")
    print("|---|---:|")
    for g in GENRES:
        print(f"| {g} | {gen[g]} |")
    print()
    withb = [r for r in rows if r["bounty_usd"] is not None]
    print(f"bounty_usd set: {len(withb)} items "
          f"({', '.join(f'{k} {v}' for k, v in sorted(collections.Counter(r['label'] for r in withb).items()))})")
    print(f"target_role set: {sum(r['target_role'] is not None for r in rows)} items")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "dev7.jsonl")
    rows, errors = check(path)
    report(rows)
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors[:50]:
            print("  " + e)
        sys.exit(1)
    print("\nOK")


if __name__ == "__main__":
    main()
