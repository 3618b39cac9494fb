#!/usr/bin/env python3
"""Validator for data/eval/dev14.jsonl (held-out evaluation set, helper session dev14).

Stdlib only. Checks keys, labels, langs, genres, id format and uniqueness, unique
texts and the bounty_usd rules; prints counts per label x lang, per genre and the
number of items with bounty_usd. It never prints item text. Exit 1 on any problem.

Usage: python3 data/eval/check_dev14.py [path/to/dev14.jsonl]
"""
import collections
import json
import os
import re
import sys

NAME = "dev14"
KEYS = {"id", "text", "label", "lang", "genre", "bounty_usd", "target_role"}
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
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                problems.append("line %d: blank line" % n)
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append("line %d: invalid JSON (%s)" % (n, e.msg))
                continue
            if not isinstance(obj, dict):
                problems.append("line %d: not an object" % n)
                continue
            rows.append((n, obj))

    ids, texts = collections.Counter(), collections.Counter()
    for n, o in rows:
        where = "line %d" % n
        keys = set(o)
        if keys != KEYS:
            problems.append("%s: keys differ (missing %s, extra %s)"
                            % (where, sorted(KEYS - keys), sorted(keys - KEYS)))
        i = o.get("id")
        if not isinstance(i, str) or not ID_RE.match(i):
            problems.append("%s: bad id format" % where)
        else:
            ids[i] += 1
        t = o.get("text")
        if not isinstance(t, str) or not t.strip():
            problems.append("%s: empty or non-string text" % where)
        else:
            texts[" ".join(t.split()).lower()] += 1
        lab = o.get("label")
        if lab not in LABELS:
            problems.append("%s: unknown label" % where)
        if o.get("lang") not in LANGS:
            problems.append("%s: unknown lang" % where)
        if o.get("genre") not in GENRES:
            problems.append("%s: unknown genre" % where)
        b = o.get("bounty_usd")
        if b is not None:
            if isinstance(b, bool) or not isinstance(b, int) or b <= 0:
                problems.append("%s: bounty_usd must be a positive integer or null" % where)
            if lab not in SOLICIT:
                problems.append("%s: bounty_usd set on a non-solicit label" % where)
        r = o.get("target_role")
        if r is not None and (not isinstance(r, str) or not r.strip()):
            problems.append("%s: target_role must be a non-empty string or null" % where)

    for i, c in ids.items():
        if c > 1:
            problems.append("duplicate id %s (x%d)" % (i, c))
    dup_texts = sum(c - 1 for c in texts.values() if c > 1)
    if dup_texts:
        problems.append("%d duplicate text(s)" % dup_texts)
    expected = {"%s-%04d" % (NAME, k) for k in range(1, len(rows) + 1)}
    if set(ids) != expected:
        problems.append("ids are not numbered %s-0001..%s-%04d" % (NAME, NAME, len(rows)))

    # Report (counts only, never text)
    table = collections.Counter((o.get("label"), o.get("lang")) for _, o in rows)
    print("items: %d" % len(rows))
    print("%-22s %5s %5s %6s %6s" % ("label", "en", "es", "mixed", "total"))
    for lab in LABELS:
        row = [table[(lab, l)] for l in LANGS]
        print("%-22s %5d %5d %6d %6d" % (lab, row[0], row[1], row[2], sum(row)))
    tot = [sum(table[(lab, l)] for lab in LABELS) for l in LANGS]
    print("%-22s %5d %5d %6d %6d" % ("total", tot[0], tot[1], tot[2], sum(tot)))
    gc = collections.Counter(o.get("genre") for _, o in rows)
    print("genres: " + ", ".join("%s=%d" % (g, gc[g]) for g in GENRES))
    print("items with bounty_usd: %d" % sum(1 for _, o in rows if o.get("bounty_usd") is not None))
    if rows:
        share = (tot[1] + tot[2]) / len(rows)
        print("es+mixed share: %.1f%%" % (100 * share))
        if share < 0.5:
            problems.append("es+mixed share below 50%")

    if problems:
        print("PROBLEMS (%d):" % len(problems))
        for p in problems:
            print("  " + p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
