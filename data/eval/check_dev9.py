#!/usr/bin/env python3
"""Validate data/eval/dev9.jsonl (stdlib only). Prints counts, never item text.

Usage: python data/eval/check_dev9.py [path]
Exit status 0 when valid, 1 when any problem is found.
"""
import json
import os
import sys
from collections import Counter

LABELS = [
    "solicit_kill", "solicit_harm", "solicit_intel", "direct_threat", "incitement",
    "doxxing", "surveillance_report", "reported_threat", "protected_speech", "benign",
]
BOUNTY_LABELS = {"solicit_kill", "solicit_harm", "solicit_intel"}
LANGS = ["en", "es", "mixed"]
GENRES = {"chat", "social_post", "tip", "news", "official", "court", "banner",
          "forum", "sports_games", "email"}
KEYS = {"id", "text", "label", "lang", "genre", "bounty_usd", "target_role"}


def main(argv):
    path = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "dev9.jsonl")
    problems = []
    ids, texts = set(), set()
    by_label_lang = Counter()
    by_genre = Counter()
    n = 0
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                problems.append(f"line {lineno}: blank line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"line {lineno}: bad JSON ({exc.msg})")
                continue
            n += 1
            keys = set(obj)
            if keys != KEYS:
                problems.append(f"line {lineno}: keys missing {sorted(KEYS - keys)} extra {sorted(keys - KEYS)}")
                continue
            iid = obj["id"]
            if not (isinstance(iid, str) and iid.startswith("dev9-") and iid[5:].isdigit() and len(iid) == 9):
                problems.append(f"line {lineno}: bad id")
            if iid in ids:
                problems.append(f"line {lineno}: duplicate id")
            ids.add(iid)
            text = obj["text"]
            if not isinstance(text, str) or not text.strip():
                problems.append(f"line {lineno}: empty text")
            else:
                norm = " ".join(text.lower().split())
                if norm in texts:
                    problems.append(f"line {lineno}: duplicate text")
                texts.add(norm)
            label, lang, genre = obj["label"], obj["lang"], obj["genre"]
            if label not in LABELS:
                problems.append(f"line {lineno}: unknown label")
            if lang not in LANGS:
                problems.append(f"line {lineno}: unknown lang")
            if genre not in GENRES:
                problems.append(f"line {lineno}: unknown genre")
            b = obj["bounty_usd"]
            if b is not None:
                if isinstance(b, bool) or not isinstance(b, int) or b <= 0:
                    problems.append(f"line {lineno}: bounty_usd must be a positive integer or null")
                if label not in BOUNTY_LABELS:
                    problems.append(f"line {lineno}: bounty_usd set outside solicit_* labels")
            tr = obj["target_role"]
            if tr is not None and (not isinstance(tr, str) or not tr.strip()):
                problems.append(f"line {lineno}: target_role must be a non-empty string or null")
            by_label_lang[(label, lang)] += 1
            by_genre[genre] += 1

    print(f"items: {n}")
    print(f"{'label':<22}" + "".join(f"{lang:>7}" for lang in LANGS) + f"{'total':>7}")
    for lab in LABELS:
        row = [by_label_lang[(lab, lang)] for lang in LANGS]
        print(f"{lab:<22}" + "".join(f"{c:>7}" for c in row) + f"{sum(row):>7}")
    tot = [sum(by_label_lang[(lab, lang)] for lab in LABELS) for lang in LANGS]
    print(f"{'total':<22}" + "".join(f"{c:>7}" for c in tot) + f"{sum(tot):>7}")
    print("genres: " + ", ".join(f"{g}={c}" for g, c in sorted(by_genre.items())))
    if problems:
        print(f"PROBLEMS: {len(problems)}")
        for p in problems:
            print("  " + p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
