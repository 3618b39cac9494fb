#!/usr/bin/env python3
"""Validate data/eval/dev6.jsonl (held-out set) and print its counts.

Checks keys, labels, unique ids, lang, genre, bounty_usd (integer or null; null on
non-solicitation labels) and target_role (string or null). Prints counts per
label x lang and per genre. Never prints item text.

Usage: python3 data/eval/check_dev6.py [path]
"""
import json
import sys
from collections import Counter
from pathlib import Path

LABELS = ["solicit_kill", "solicit_harm", "solicit_intel", "direct_threat",
          "incitement", "doxxing", "surveillance_report", "reported_threat",
          "protected_speech", "benign"]
SOLICIT = {"solicit_kill", "solicit_harm", "solicit_intel"}
LANGS = ["en", "es", "mixed"]
GENRES = {"chat", "social_post", "tip", "news", "official", "court", "banner",
          "forum", "sports_games", "email"}
KEYS = {"id", "text", "label", "lang", "genre", "bounty_usd", "target_role"}


def main(argv):
    path = Path(argv[1]) if len(argv) > 1 else Path(__file__).with_name("dev6.jsonl")
    errors = []
    ids = set()
    texts = set()
    by_label_lang = Counter()
    by_genre = Counter()
    n = 0
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                errors.append(f"line {lineno}: blank line")
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"line {lineno}: bad JSON ({exc.msg})")
                continue
            n += 1
            where = f"line {lineno} ({rec.get('id')})"
            if set(rec) != KEYS:
                errors.append(f"{where}: keys {sorted(set(rec) ^ KEYS)} differ")
            rid = rec.get("id")
            if not isinstance(rid, str) or not rid.startswith("dev6-"):
                errors.append(f"{where}: bad id")
            elif rid in ids:
                errors.append(f"{where}: duplicate id")
            ids.add(rid)
            text = rec.get("text")
            if not isinstance(text, str) or not text.strip():
                errors.append(f"{where}: empty text")
            elif text in texts:
                errors.append(f"{where}: duplicate text")
            else:
                texts.add(text)
            label = rec.get("label")
            if label not in LABELS:
                errors.append(f"{where}: unknown label")
            lang = rec.get("lang")
            if lang not in LANGS:
                errors.append(f"{where}: unknown lang")
            genre = rec.get("genre")
            if genre not in GENRES:
                errors.append(f"{where}: unknown genre")
            bounty = rec.get("bounty_usd")
            if bounty is not None:
                if not isinstance(bounty, int) or isinstance(bounty, bool) or bounty <= 0:
                    errors.append(f"{where}: bounty_usd must be a positive integer or null")
                elif label not in SOLICIT:
                    errors.append(f"{where}: bounty_usd set on a non-solicitation label")
            role = rec.get("target_role")
            if role is not None and (not isinstance(role, str) or not role):
                errors.append(f"{where}: target_role must be a non-empty string or null")
            by_label_lang[(label, lang)] += 1
            by_genre[genre] += 1

    print(f"items: {n}")
    print()
    print("| label | en | es | mixed | total |")
    print("|---|---:|---:|---:|---:|")
    col = Counter()
    for label in LABELS:
        row = [by_label_lang[(label, lg)] for lg in LANGS]
        for lg, c in zip(LANGS, row, strict=True):
            col[lg] += c
        print(f"| {label} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    print("| total | " + " | ".join(str(col[lg]) for lg in LANGS) + f" | {sum(col.values())} |")
    print()
    print("| genre | items |")
    print("|---|---:|")
    for genre, c in sorted(by_genre.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        print(f"| {genre} | {c} |")
    if errors:
        print()
        print(f"ERRORS: {len(errors)}")
        for e in errors[:50]:
            print("  " + e)
        return 1
    print()
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
