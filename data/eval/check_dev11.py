#!/usr/bin/env python3
"""Validate data/eval/dev11.jsonl (stdlib only). Prints counts, never item text. Exit 1 on any problem."""
import collections
import json
import os
import re
import sys

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dev11.jsonl")
KEYS = {"id", "text", "label", "lang", "genre", "bounty_usd", "target_role"}
LABELS = ["solicit_kill", "solicit_harm", "solicit_intel", "direct_threat", "incitement",
          "doxxing", "surveillance_report", "reported_threat", "protected_speech", "benign"]
LANGS = ["en", "es", "mixed"]
GENRES = ["chat", "social_post", "tip", "news", "official", "court", "banner", "forum",
          "sports_games", "email"]
ID_RE = re.compile(r"^dev11-\d{4}$")


def main():
    problems = []
    ids, texts = set(), set()
    by = collections.Counter()
    genres = collections.Counter()
    n = bounties = 0
    with open(PATH, encoding="utf-8") as fh:
        for ln, line in enumerate(fh, 1):
            if not line.strip():
                problems.append(f"line {ln}: blank line")
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                problems.append(f"line {ln}: bad JSON ({exc.__class__.__name__})")
                continue
            n += 1
            if not isinstance(rec, dict) or set(rec) != KEYS:
                problems.append(f"line {ln}: keys differ from the required seven")
                continue
            rid = rec["id"]
            if not isinstance(rid, str) or not ID_RE.match(rid):
                problems.append(f"line {ln}: bad id format")
            elif rid in ids:
                problems.append(f"line {ln}: duplicate id {rid}")
            ids.add(rid)
            text = rec["text"]
            if not isinstance(text, str) or not text.strip():
                problems.append(f"line {ln}: empty or non-string text")
            else:
                key = " ".join(text.split()).lower()
                if key in texts:
                    problems.append(f"line {ln}: duplicate text")
                texts.add(key)
            label, lang, genre = rec["label"], rec["lang"], rec["genre"]
            if label not in LABELS:
                problems.append(f"line {ln}: unknown label")
            if lang not in LANGS:
                problems.append(f"line {ln}: unknown lang")
            if genre not in GENRES:
                problems.append(f"line {ln}: unknown genre")
            b = rec["bounty_usd"]
            if b is not None:
                if isinstance(b, bool) or not isinstance(b, int) or b <= 0:
                    problems.append(f"line {ln}: bounty_usd must be a positive integer or null")
                if not str(label).startswith("solicit_"):
                    problems.append(f"line {ln}: bounty_usd set on a non-solicit label")
                bounties += 1
            tr = rec["target_role"]
            if tr is not None and (not isinstance(tr, str) or not tr.strip()):
                problems.append(f"line {ln}: target_role must be a non-empty string or null")
            by[(label, lang)] += 1
            genres[genre] += 1
    expected = {f"dev11-{i:04d}" for i in range(1, n + 1)}
    if ids != expected:
        problems.append("ids are not exactly dev11-0001..dev11-%04d" % n)

    width = max(len(x) for x in LABELS)
    print(f"{'label':<{width}}  " + "  ".join(f"{x:>5}" for x in LANGS) + "  total    share")
    for lab in LABELS:
        row = [by[(lab, x)] for x in LANGS]
        print(f"{lab:<{width}}  " + "  ".join(f"{c:>5}" for c in row) + f"  {sum(row):>5}  {sum(row) / max(n, 1):6.1%}")
    tot = [sum(by[(lab, x)] for lab in LABELS) for x in LANGS]
    print(f"{'total':<{width}}  " + "  ".join(f"{c:>5}" for c in tot) + f"  {n:>5}")
    print("genres: " + ", ".join(f"{g}={genres[g]}" for g in GENRES))
    print(f"items: {n}; with bounty_usd: {bounties}; es+mixed share: {(tot[1] + tot[2]) / max(n, 1):.1%}")
    missing = [g for g in GENRES if genres[g] == 0]
    if missing:
        problems.append("genres absent: " + ", ".join(missing))
    if n and (tot[1] + tot[2]) / n < 0.5:
        problems.append("es+mixed share below 50%")
    for p in problems:
        print("PROBLEM:", p)
    if problems:
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
