"""Validate data/eval/dev10.jsonl (held-out final measurement set, session 6).

Stdlib only. Checks keys, labels, langs, genres, id format and uniqueness, unique
texts and the bounty rules; prints counts per label x lang (never item text).
Exit status 1 on any problem.
"""
import json
import os
import re
import sys
from collections import Counter

LABELS = ["solicit_kill", "solicit_harm", "solicit_intel", "direct_threat", "incitement",
          "doxxing", "surveillance_report", "reported_threat", "protected_speech", "benign"]
SOLICIT = {"solicit_kill", "solicit_harm", "solicit_intel"}
LANGS = ["en", "es", "mixed"]
GENRES = {"chat", "social_post", "tip", "news", "official", "court", "banner", "forum",
          "sports_games", "email"}
KEYS = {"id", "text", "label", "lang", "genre", "bounty_usd", "target_role"}


def main(path):
    errors = []
    ids, texts = set(), set()
    counts = Counter()
    genres = Counter()
    n = 0
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                errors.append(f"line {lineno}: blank line")
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"line {lineno}: bad JSON ({exc.msg})")
                continue
            n += 1
            if set(item) != KEYS:
                errors.append(f"line {lineno}: keys {sorted(item)}")
                continue
            if not re.fullmatch(r"dev10-\d{4}", str(item["id"])):
                errors.append(f"line {lineno}: bad id format")
            if item["id"] in ids:
                errors.append(f"line {lineno}: duplicate id")
            ids.add(item["id"])
            text = item["text"]
            if not isinstance(text, str) or not text.strip():
                errors.append(f"line {lineno}: empty text")
            else:
                key = " ".join(text.lower().split())
                if key in texts:
                    errors.append(f"line {lineno}: duplicate text")
                texts.add(key)
            if item["label"] not in LABELS:
                errors.append(f"line {lineno}: unknown label")
            if item["lang"] not in LANGS:
                errors.append(f"line {lineno}: unknown lang")
            if item["genre"] not in GENRES:
                errors.append(f"line {lineno}: unknown genre")
            b = item["bounty_usd"]
            if b is not None:
                if not isinstance(b, int) or isinstance(b, bool) or b <= 0:
                    errors.append(f"line {lineno}: bounty_usd not a positive integer")
                if item["label"] not in SOLICIT:
                    errors.append(f"line {lineno}: bounty_usd set outside solicit_* labels")
            tr = item["target_role"]
            if tr is not None and (not isinstance(tr, str) or not tr.strip()):
                errors.append(f"line {lineno}: target_role must be a non-empty string or null")
            counts[(item["label"], item["lang"])] += 1
            genres[item["genre"]] += 1

    print(f"items: {n}")
    print(f"{'label':22s}" + "".join(f"{lang:>7s}" for lang in LANGS) + f"{'total':>7s}")
    for lab in LABELS:
        row = [counts[(lab, lang)] for lang in LANGS]
        print(f"{lab:22s}" + "".join(f"{c:7d}" for c in row) + f"{sum(row):7d}")
    tot = [sum(counts[(lab, lang)] for lab in LABELS) for lang in LANGS]
    print(f"{'total':22s}" + "".join(f"{c:7d}" for c in tot) + f"{sum(tot):7d}")
    print("genres: " + ", ".join(f"{g} {c}" for g, c in sorted(genres.items())))
    if errors:
        print(f"{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dev10.jsonl")
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else default))
