#!/usr/bin/env python3
"""Validate data/eval/dev15.jsonl (held-out set). Stdlib only.

Prints counts per label x lang, genre counts and bounty counts; never prints item text.
Exit status 1 on any problem.
"""
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, "dev15.jsonl")
NAME = "dev15"

KEYS = ["id", "text", "label", "lang", "genre", "bounty_usd", "target_role"]
LABELS = ["solicit_kill", "solicit_harm", "solicit_intel", "direct_threat", "incitement",
          "doxxing", "surveillance_report", "reported_threat", "protected_speech", "benign"]
LANGS = ["en", "es", "mixed"]
GENRES = ["chat", "social_post", "tip", "news", "official", "court", "banner", "forum",
          "sports_games", "email"]
SOLICIT = {"solicit_kill", "solicit_harm", "solicit_intel"}
ID_RE = re.compile(r"^%s-\d{4}$" % re.escape(NAME))


def main(path=PATH):
    problems = []
    rows = []
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        print("cannot read %s: %s" % (path, e))
        return 1
    for n, line in enumerate(lines, 1):
        if not line.strip():
            problems.append("line %d: empty line" % n)
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append("line %d: bad JSON (%s)" % (n, e.msg))
            continue
        if not isinstance(obj, dict):
            problems.append("line %d: not an object" % n)
            continue
        if sorted(obj.keys()) != sorted(KEYS):
            problems.append("line %d: keys %s != expected" % (n, sorted(obj.keys())))
            continue
        rows.append((n, obj))

    ids, texts = Counter(), Counter()
    for n, o in rows:
        where = "line %d (%s)" % (n, o.get("id"))
        if not isinstance(o["id"], str) or not ID_RE.match(o["id"]):
            problems.append("%s: bad id format" % where)
        ids[o["id"]] += 1
        if not isinstance(o["text"], str) or not o["text"].strip():
            problems.append("%s: empty or non-string text" % where)
        else:
            texts[" ".join(o["text"].split()).lower()] += 1
        if o["label"] not in LABELS:
            problems.append("%s: unknown label %r" % (where, o["label"]))
        if o["lang"] not in LANGS:
            problems.append("%s: unknown lang %r" % (where, o["lang"]))
        if o["genre"] not in GENRES:
            problems.append("%s: unknown genre %r" % (where, o["genre"]))
        b = o["bounty_usd"]
        if b is not None:
            if isinstance(b, bool) or not isinstance(b, int):
                problems.append("%s: bounty_usd must be an integer or null" % where)
            elif b <= 0:
                problems.append("%s: bounty_usd must be > 0" % where)
            if o["label"] not in SOLICIT:
                problems.append("%s: bounty_usd set on non-solicit label %s" % (where, o["label"]))
        t = o["target_role"]
        if t is not None and (not isinstance(t, str) or not t.strip()):
            problems.append("%s: target_role must be a non-empty string or null" % where)

    for i, c in ids.items():
        if c > 1:
            problems.append("duplicate id %s (x%d)" % (i, c))
    dup_texts = sum(1 for c in texts.values() if c > 1)
    if dup_texts:
        problems.append("%d duplicated texts" % dup_texts)
    expected = ["%s-%04d" % (NAME, i) for i in range(1, len(rows) + 1)]
    if sorted(ids) != expected:
        problems.append("ids are not a contiguous %s-0001..%s-%04d run" % (NAME, NAME, len(rows)))

    # counts
    objs = [o for _, o in rows]
    lab_lang = Counter((o["label"], o["lang"]) for o in objs)
    lab = Counter(o["label"] for o in objs)
    lng = Counter(o["lang"] for o in objs)
    print("items: %d" % len(objs))
    print("%-20s %5s %5s %6s %6s" % ("label", "en", "es", "mixed", "total"))
    for l in LABELS:
        print("%-20s %5d %5d %6d %6d" % (l, lab_lang[(l, "en")], lab_lang[(l, "es")],
                                          lab_lang[(l, "mixed")], lab[l]))
    print("%-20s %5d %5d %6d %6d" % ("TOTAL", lng["en"], lng["es"], lng["mixed"], len(objs)))
    gen = Counter(o["genre"] for o in objs)
    print("genres: " + ", ".join("%s=%d" % (g, gen[g]) for g in GENRES))
    nb = sum(1 for o in objs if o["bounty_usd"] is not None)
    print("bounty_usd set: %d" % nb)
    nt = sum(1 for o in objs if o["target_role"] is not None)
    print("target_role set: %d" % nt)

    # balance / language checks
    if objs:
        share_es = (lng["es"] + lng["mixed"]) / len(objs)
        if share_es < 0.5:
            problems.append("es+mixed share %.2f < 0.50" % share_es)
        for l in LABELS:
            frac = lab[l] / len(objs)
            hi = 0.13 if l in ("benign", "protected_speech") else 0.12
            if frac < 0.08 or frac > hi:
                problems.append("label %s share %.3f outside [0.08, %.2f]" % (l, frac, hi))
        for g in GENRES:
            if gen[g] == 0:
                problems.append("genre %s absent" % g)
    else:
        problems.append("no items")

    if problems:
        print("PROBLEMS (%d):" % len(problems))
        for p in problems:
            print("  - " + p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else PATH))
