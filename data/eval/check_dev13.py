#!/usr/bin/env python3
"""Validate data/eval/dev13.jsonl (held-out set). Standard library only.

Checks keys, labels, langs, genres, id format and uniqueness, unique texts and the
bounty_usd rules. Prints counts per label x lang, per genre and the bounty count;
never prints item text. Exits 1 on any problem.
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

NAME = "dev13"
PATH = Path(__file__).with_name(f"{NAME}.jsonl")
KEYS = {"id", "text", "label", "lang", "genre", "bounty_usd", "target_role"}
LABELS = ["solicit_kill", "solicit_harm", "solicit_intel", "direct_threat", "incitement",
          "doxxing", "surveillance_report", "reported_threat", "protected_speech", "benign"]
LANGS = ["en", "es", "mixed"]
GENRES = ["chat", "social_post", "tip", "news", "official", "court", "banner", "forum",
          "sports_games", "email"]
ID_RE = re.compile(rf"^{NAME}-\d{{4}}$")


def main() -> int:
    problems = []
    rows = []
    with PATH.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                problems.append(f"line {n}: blank line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"line {n}: bad JSON ({e.msg})")
                continue
            if not isinstance(obj, dict):
                problems.append(f"line {n}: not an object")
                continue
            rows.append((n, obj))

    ids, texts = Counter(), Counter()
    for n, r in rows:
        keys = set(r)
        if keys != KEYS:
            problems.append(f"line {n}: keys missing {sorted(KEYS - keys)} extra {sorted(keys - KEYS)}")
            continue
        if not isinstance(r["id"], str) or not ID_RE.match(r["id"]):
            problems.append(f"line {n}: bad id format")
        ids[r["id"]] += 1
        if not isinstance(r["text"], str) or not r["text"].strip():
            problems.append(f"line {n}: empty or non-string text")
        else:
            texts[" ".join(r["text"].split()).lower()] += 1
        if r["label"] not in LABELS:
            problems.append(f"line {n}: unknown label")
        if r["lang"] not in LANGS:
            problems.append(f"line {n}: unknown lang")
        if r["genre"] not in GENRES:
            problems.append(f"line {n}: unknown genre")
        b = r["bounty_usd"]
        if b is not None:
            if isinstance(b, bool) or not isinstance(b, int) or b <= 0:
                problems.append(f"line {n}: bounty_usd must be a positive integer or null")
            if not str(r["label"]).startswith("solicit_"):
                problems.append(f"line {n}: bounty_usd set on a non-solicit label")
        tr = r["target_role"]
        if tr is not None and (not isinstance(tr, str) or not tr.strip()):
            problems.append(f"line {n}: target_role must be a non-empty string or null")

    for i, c in ids.items():
        if c > 1:
            problems.append(f"id {i} appears {c} times")
    dup = sum(1 for c in texts.values() if c > 1)
    if dup:
        problems.append(f"{dup} texts appear more than once")
    expected = {f"{NAME}-{i:04d}" for i in range(1, len(rows) + 1)}
    if set(ids) != expected:
        problems.append("ids are not numbered 0001..N without gaps")

    good = [r for _, r in rows if set(r) == KEYS]
    table = Counter((r["label"], r["lang"]) for r in good)
    print(f"{'label':<22}" + "".join(f"{l:>7}" for l in LANGS) + f"{'total':>7}{'share':>8}")
    for lab in LABELS:
        cells = [table[(lab, l)] for l in LANGS]
        tot = sum(cells)
        share = tot / len(good) if good else 0
        print(f"{lab:<22}" + "".join(f"{c:>7}" for c in cells) + f"{tot:>7}{share:>8.1%}")
    cols = [sum(table[(lab, l)] for lab in LABELS) for l in LANGS]
    print(f"{'total':<22}" + "".join(f"{c:>7}" for c in cols) + f"{sum(cols):>7}")
    genres = Counter(r["genre"] for r in good)
    print("genres: " + ", ".join(f"{g}={genres[g]}" for g in GENRES))
    print(f"items with bounty_usd: {sum(1 for r in good if r['bounty_usd'] is not None)}")
    es_share = (cols[1] + cols[2]) / len(good) if good else 0
    print(f"es or mixed share: {es_share:.1%}")

    if good:
        if es_share < 0.5:
            problems.append("less than 50% es or mixed")
        for g in GENRES:
            if genres[g] == 0:
                problems.append(f"genre {g} never appears")
        for lab in LABELS:
            if sum(table[(lab, l)] for l in LANGS) == 0:
                problems.append(f"label {lab} never appears")

    if problems:
        print(f"{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print(f"OK: {len(good)} items")
    return 0


if __name__ == "__main__":
    sys.exit(main())
