#!/usr/bin/env python3
"""Validator for data/eval/dev16.jsonl (stdlib only).

Checks keys, labels, langs, genres, id format and uniqueness, unique texts and the
bounty_usd rules. Prints counts per label x lang, genre counts and the bounty count;
never prints item text. Exits 1 on any problem.
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

NAME = "dev16"
PATH = Path(__file__).resolve().parent / f"{NAME}.jsonl"
KEYS = {"id", "text", "label", "lang", "genre", "bounty_usd", "target_role"}
LABELS = ["solicit_kill", "solicit_harm", "solicit_intel", "direct_threat", "incitement",
          "doxxing", "surveillance_report", "reported_threat", "protected_speech", "benign"]
LANGS = ["en", "es", "mixed"]
GENRES = {"chat", "social_post", "tip", "news", "official", "court", "banner", "forum",
          "sports_games", "email"}
ID_RE = re.compile(r"^%s-\d{4}$" % NAME)


def main() -> int:
    problems = []
    rows = []
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else PATH
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                problems.append(f"line {n}: blank line")
                continue
            try:
                rows.append((n, json.loads(line)))
            except json.JSONDecodeError as e:
                problems.append(f"line {n}: invalid JSON ({e.msg})")

    ids, texts = Counter(), Counter()
    table, genres = Counter(), Counter()
    bounties = 0
    for n, r in rows:
        if not isinstance(r, dict) or set(r) != KEYS:
            problems.append(f"line {n}: keys must be exactly {sorted(KEYS)}")
            continue
        if not isinstance(r["id"], str) or not ID_RE.match(r["id"]):
            problems.append(f"line {n}: bad id format")
        ids[r["id"]] += 1
        if not isinstance(r["text"], str) or not r["text"].strip():
            problems.append(f"line {n} ({r['id']}): empty or non-string text")
        else:
            texts[" ".join(r["text"].split()).lower()] += 1
        if r["label"] not in LABELS:
            problems.append(f"line {n} ({r['id']}): unknown label")
        if r["lang"] not in LANGS:
            problems.append(f"line {n} ({r['id']}): unknown lang")
        if r["genre"] not in GENRES:
            problems.append(f"line {n} ({r['id']}): unknown genre")
        b = r["bounty_usd"]
        if b is not None:
            if isinstance(b, bool) or not isinstance(b, int) or b <= 0:
                problems.append(f"line {n} ({r['id']}): bounty_usd must be an integer > 0 or null")
            if not str(r["label"]).startswith("solicit_"):
                problems.append(f"line {n} ({r['id']}): bounty_usd set on a non-solicit item")
            bounties += 1
        tr = r["target_role"]
        if tr is not None and (not isinstance(tr, str) or not tr.strip()):
            problems.append(f"line {n} ({r['id']}): target_role must be a non-empty string or null")
        table[(r["label"], r["lang"])] += 1
        genres[r["genre"]] += 1

    for i, c in ids.items():
        if c > 1:
            problems.append(f"duplicate id {i} ({c}x)")
    dup_texts = sum(1 for c in texts.values() if c > 1)
    if dup_texts:
        problems.append(f"{dup_texts} duplicated text(s)")
    expected = {f"{NAME}-{i:04d}" for i in range(1, len(rows) + 1)}
    if set(ids) != expected:
        problems.append("ids are not a contiguous 0001..N sequence")

    total = len(rows)
    print(f"{path.name}: {total} items")
    print(f"{'label':<22}" + "".join(f"{l:>7}" for l in LANGS) + f"{'total':>7}{'share':>8}")
    for lab in LABELS:
        row = [table[(lab, l)] for l in LANGS]
        share = sum(row) / total if total else 0
        print(f"{lab:<22}" + "".join(f"{v:>7}" for v in row) + f"{sum(row):>7}{share:>8.1%}")
    col = [sum(table[(lab, l)] for lab in LABELS) for l in LANGS]
    print(f"{'total':<22}" + "".join(f"{v:>7}" for v in col) + f"{total:>7}")
    if total:
        nonen = (col[1] + col[2]) / total
        print(f"es+mixed share: {nonen:.1%}")
        if nonen < 0.5:
            problems.append("es+mixed share below 50%")
    print("genres: " + ", ".join(f"{g}={c}" for g, c in sorted(genres.items())))
    print(f"items with bounty_usd: {bounties}")

    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  - " + p)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
