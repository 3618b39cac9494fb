#!/usr/bin/env python3
"""Validator for data/eval/dev12.jsonl (stdlib only).

Checks keys, labels, langs, genres, id format and uniqueness, unique texts and the
bounty rules; prints counts per label x lang, per genre and the bounty count.
Never prints item text. Exit 1 on any problem.
"""
import json
import os
import re
import sys
from collections import Counter

NAME = "dev12"
KEYS = ["id", "text", "label", "lang", "genre", "bounty_usd", "target_role"]
LABELS = ["solicit_kill", "solicit_harm", "solicit_intel", "direct_threat", "incitement",
          "doxxing", "surveillance_report", "reported_threat", "protected_speech", "benign"]
SOLICIT = {"solicit_kill", "solicit_harm", "solicit_intel"}
LANGS = ["en", "es", "mixed"]
GENRES = ["chat", "social_post", "tip", "news", "official", "court", "banner", "forum",
          "sports_games", "email"]
ID_RE = re.compile(r"^%s-\d{4}$" % NAME)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), NAME + ".jsonl")
    problems = []
    items = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                problems.append(f"line {n}: empty line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"line {n}: bad JSON ({e.msg})")
                continue
            if not isinstance(obj, dict):
                problems.append(f"line {n}: not an object")
                continue
            items.append((n, obj))

    ids, texts = Counter(), Counter()
    for n, o in items:
        where = f"line {n}"
        if sorted(o) != sorted(KEYS):
            problems.append(f"{where}: keys {sorted(o)} != {sorted(KEYS)}")
            continue
        if not isinstance(o["id"], str) or not ID_RE.match(o["id"]):
            problems.append(f"{where}: bad id format")
        else:
            where = o["id"]
        ids[o["id"]] += 1
        if not isinstance(o["text"], str) or not o["text"].strip():
            problems.append(f"{where}: empty or non-string text")
        else:
            texts[o["text"].strip()] += 1
        if o["label"] not in LABELS:
            problems.append(f"{where}: unknown label")
        if o["lang"] not in LANGS:
            problems.append(f"{where}: unknown lang")
        if o["genre"] not in GENRES:
            problems.append(f"{where}: unknown genre")
        b = o["bounty_usd"]
        if b is not None:
            if isinstance(b, bool) or not isinstance(b, int) or b <= 0:
                problems.append(f"{where}: bounty_usd must be an integer > 0 or null")
            if o["label"] not in SOLICIT:
                problems.append(f"{where}: bounty_usd set on a non-solicit label")
        t = o["target_role"]
        if t is not None and (not isinstance(t, str) or not t.strip()):
            problems.append(f"{where}: target_role must be a non-empty string or null")

    for i, c in ids.items():
        if c > 1:
            problems.append(f"id {i} appears {c} times")
    dup_texts = sum(1 for c in texts.values() if c > 1)
    if dup_texts:
        problems.append(f"{dup_texts} texts appear more than once")
    expected = [f"{NAME}-{i:04d}" for i in range(1, len(items) + 1)]
    if sorted(ids) != expected:
        problems.append("ids are not a gapless run from 0001")

    valid = [o for _, o in items if sorted(o) == sorted(KEYS)]
    total = len(valid)
    table = Counter((o["label"], o["lang"]) for o in valid)
    print(f"{'label':<22}" + "".join(f"{lg:>7}" for lg in LANGS) + f"{'total':>7}{'share':>8}")
    for lab in LABELS:
        row = [table[(lab, lg)] for lg in LANGS]
        share = 100.0 * sum(row) / total if total else 0.0
        print(f"{lab:<22}" + "".join(f"{c:>7}" for c in row) + f"{sum(row):>7}{share:>7.1f}%")
    col = [sum(table[(lab, lg)] for lab in LABELS) for lg in LANGS]
    print(f"{'total':<22}" + "".join(f"{c:>7}" for c in col) + f"{total:>7}")
    nonen = sum(1 for o in valid if o["lang"] in ("es", "mixed"))
    print(f"es+mixed share: {100.0 * nonen / total if total else 0:.1f}%")
    genres = Counter(o["genre"] for o in valid)
    print("genres: " + ", ".join(f"{g}={genres[g]}" for g in GENRES))
    print(f"items with bounty_usd: {sum(1 for o in valid if o['bounty_usd'] is not None)}")

    if total and nonen * 2 < total:
        problems.append("es+mixed share below 50%")
    for g in GENRES:
        if genres[g] == 0:
            problems.append(f"genre {g} absent")
    for lab in LABELS:
        if table and sum(table[(lab, lg)] for lg in LANGS) == 0:
            problems.append(f"label {lab} absent")

    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print(f"\nOK: {total} items")
    return 0


if __name__ == "__main__":
    sys.exit(main())
