#!/usr/bin/env python3
"""Validate data/eval/dev8.jsonl (held-out final measurement set).

Stdlib only. Checks keys, labels, langs, genres, unique ids and texts and the
bounty_usd rules, then prints counts per label x lang and per genre. It never
prints item text, so running it does not expose the set.

Usage: python data/eval/check_dev8.py [path]
"""
import json
import os
import re
import sys
from collections import Counter

LABELS = [
    "solicit_kill", "solicit_harm", "solicit_intel", "direct_threat", "incitement",
    "doxxing", "surveillance_report", "reported_threat", "protected_speech", "benign",
]
BOUNTY_LABELS = {"solicit_kill", "solicit_harm", "solicit_intel"}
LANGS = ["en", "es", "mixed"]
GENRES = ["chat", "social_post", "tip", "news", "official", "court", "banner",
          "forum", "sports_games", "email"]
KEYS = {"id", "text", "label", "lang", "genre", "bounty_usd", "target_role"}
ID_RE = re.compile(r"^dev8-\d{4}$")
EXPECTED_N = 500


def check(path):
    errors = []
    ids, texts = set(), set()
    by_label_lang = Counter()
    by_genre = Counter()
    n = 0
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                errors.append(f"line {lineno}: blank line")
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"line {lineno}: bad JSON ({exc.msg})")
                continue
            n += 1
            where = f"line {lineno}"
            if set(rec) != KEYS:
                errors.append(f"{where}: keys {sorted(set(rec) ^ KEYS)} missing or extra")
                continue
            rid = rec["id"]
            if not isinstance(rid, str) or not ID_RE.match(rid):
                errors.append(f"{where}: bad id")
            elif rid in ids:
                errors.append(f"{where}: duplicate id {rid}")
            ids.add(rid)
            text = rec["text"]
            if not isinstance(text, str) or not text.strip():
                errors.append(f"{where}: empty text")
            else:
                key = " ".join(text.lower().split())
                if key in texts:
                    errors.append(f"{where} ({rid}): duplicate text")
                texts.add(key)
            label, lang, genre = rec["label"], rec["lang"], rec["genre"]
            if label not in LABELS:
                errors.append(f"{where} ({rid}): unknown label")
            if lang not in LANGS:
                errors.append(f"{where} ({rid}): unknown lang")
            if genre not in GENRES:
                errors.append(f"{where} ({rid}): unknown genre")
            b = rec["bounty_usd"]
            if b is not None:
                if not isinstance(b, int) or isinstance(b, bool) or b <= 0:
                    errors.append(f"{where} ({rid}): bounty_usd must be a positive integer or null")
                if label not in BOUNTY_LABELS:
                    errors.append(f"{where} ({rid}): bounty_usd set outside solicit_* labels")
            tr = rec["target_role"]
            if tr is not None and (not isinstance(tr, str) or not tr.strip()):
                errors.append(f"{where} ({rid}): target_role must be a non-empty string or null")
            by_label_lang[(label, lang)] += 1
            by_genre[genre] += 1
    expected_ids = {f"dev8-{i:04d}" for i in range(1, EXPECTED_N + 1)}
    if n != EXPECTED_N:
        errors.append(f"expected {EXPECTED_N} items, found {n}")
    elif ids != expected_ids:
        errors.append(f"ids are not exactly dev8-0001..dev8-{EXPECTED_N:04d}")
    return n, by_label_lang, by_genre, errors


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "dev8.jsonl")
    n, by_ll, by_genre, errors = check(path)
    w = max(len(x) for x in LABELS)
    print(f"items: {n}")
    print()
    print(f"| {'label':<{w}} | " + " | ".join(f"{x:>5}" for x in LANGS) + " | total |")
    print(f"|{'-' * (w + 2)}|" + "|".join("-------" for _ in LANGS) + "|-------|")
    for lab in LABELS:
        cells = [by_ll[(lab, lg)] for lg in LANGS]
        print(f"| {lab:<{w}} | " + " | ".join(f"{c:>5}" for c in cells) + f" | {sum(cells):>5} |")
    tot = [sum(by_ll[(lab, lg)] for lab in LABELS) for lg in LANGS]
    print(f"| {'total':<{w}} | " + " | ".join(f"{c:>5}" for c in tot) + f" | {sum(tot):>5} |")
    print()
    print("| genre | items |")
    print("|---|---|")
    for g in GENRES:
        print(f"| {g} | {by_genre[g]} |")
    print()
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        for e in errors[:50]:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
