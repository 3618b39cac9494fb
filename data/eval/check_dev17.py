#!/usr/bin/env python3
"""Validator for data/eval/dev17.jsonl (stdlib only).

Checks keys, labels, langs, genres, id format and uniqueness, unique texts and
the bounty_usd rules. Prints counts per label x lang and per genre; never prints
item text. Exits 1 on any problem.
"""
import collections
import json
import os
import re
import sys

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dev17.jsonl")
KEYS = {"id", "text", "label", "lang", "genre", "bounty_usd", "target_role"}
LABELS = ["solicit_kill", "solicit_harm", "solicit_intel", "direct_threat",
          "incitement", "doxxing", "surveillance_report", "reported_threat",
          "protected_speech", "benign"]
LANGS = ["en", "es", "mixed"]
GENRES = ["chat", "social_post", "tip", "news", "official", "court", "banner",
          "forum", "sports_games", "email"]
ID_RE = re.compile(r"^dev17-\d{4}$")


def main(path=PATH):
    problems = []
    rows = []
    try:
        fh = open(path, encoding="utf-8")
    except OSError as e:
        print(f"cannot open {path}: {e}")
        return 1
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                problems.append(f"line {n}: blank line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"line {n}: invalid JSON ({e.msg})")
                continue
            if not isinstance(obj, dict):
                problems.append(f"line {n}: not an object")
                continue
            rows.append((n, obj))

    ids, texts = set(), set()
    for n, r in rows:
        keys = set(r)
        if keys != KEYS:
            problems.append(f"line {n}: keys differ (missing {sorted(KEYS - keys)}, extra {sorted(keys - KEYS)})")
            continue
        rid = r["id"]
        if not isinstance(rid, str) or not ID_RE.match(rid):
            problems.append(f"line {n}: bad id format")
        elif rid in ids:
            problems.append(f"line {n}: duplicate id {rid}")
        else:
            ids.add(rid)
        t = r["text"]
        if not isinstance(t, str) or not t.strip():
            problems.append(f"line {n}: empty or non-string text")
        else:
            key = " ".join(t.split()).lower()
            if key in texts:
                problems.append(f"line {n} ({rid}): duplicate text")
            texts.add(key)
        if r["label"] not in LABELS:
            problems.append(f"line {n} ({rid}): unknown label")
        if r["lang"] not in LANGS:
            problems.append(f"line {n} ({rid}): unknown lang")
        if r["genre"] not in GENRES:
            problems.append(f"line {n} ({rid}): unknown genre")
        tr = r["target_role"]
        if tr is not None and (not isinstance(tr, str) or not tr.strip()):
            problems.append(f"line {n} ({rid}): target_role must be a non-empty string or null")
        b = r["bounty_usd"]
        if b is not None:
            if isinstance(b, bool) or not isinstance(b, int) or b <= 0:
                problems.append(f"line {n} ({rid}): bounty_usd must be an integer > 0 or null")
            if not str(r["label"]).startswith("solicit_"):
                problems.append(f"line {n} ({rid}): bounty_usd set on a non-solicit label")

    # ids numbered 0001..N without gaps
    expected = {f"dev17-{i:04d}" for i in range(1, len(rows) + 1)}
    if ids and ids != expected:
        problems.append("ids are not a contiguous 0001..N sequence")

    valid = [r for _, r in rows if set(r) == KEYS]
    n = len(valid)
    table = collections.defaultdict(collections.Counter)
    for r in valid:
        table[r["label"]][r["lang"]] += 1
    print(f"items: {n}")
    print(f"{'label':<22}" + "".join(f"{l:>7}" for l in LANGS) + f"{'total':>7}{'share':>8}")
    for lab in LABELS:
        c = table[lab]
        tot = sum(c.values())
        share = tot / n if n else 0
        print(f"{lab:<22}" + "".join(f"{c[l]:>7}" for l in LANGS) + f"{tot:>7}{share:>8.1%}")
        if n and not (0.08 <= share <= 0.12):
            problems.append(f"label {lab} share {share:.1%} outside 8-12%")
    lang_tot = collections.Counter(r["lang"] for r in valid)
    print(f"{'total':<22}" + "".join(f"{lang_tot[l]:>7}" for l in LANGS) + f"{n:>7}")
    if n and (lang_tot["es"] + lang_tot["mixed"]) / n < 0.5:
        problems.append("less than 50% es or mixed")
    gen = collections.Counter(r["genre"] for r in valid)
    print("genres: " + ", ".join(f"{g}={gen[g]}" for g in GENRES))
    missing_genres = [g for g in GENRES if gen[g] == 0]
    if missing_genres:
        problems.append(f"genres absent: {missing_genres}")
    nb = sum(1 for r in valid if r["bounty_usd"] is not None)
    print(f"items with bounty_usd: {nb}")

    if problems:
        print(f"PROBLEMS ({len(problems)}):")
        for p in problems:
            print("  " + p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else PATH))
