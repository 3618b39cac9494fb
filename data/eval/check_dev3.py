"""Validate the held-out dev3 evaluation set and print its counts.

Why: dev3 is scored only by the lead, so nobody looks at its items during
development; this script is the only routine check that the file still obeys
the eval format in docs/TAXONOMY.md (labels, ids, bounty_usd placement) and the
composition promised in DEV3_README.md. It prints counts only, never items.

Usage: python data/eval/check_dev3.py [path]   (exit status 1 on any problem)
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

LABELS: tuple[str, ...] = (
    "solicit_kill", "solicit_harm", "solicit_intel", "direct_threat", "incitement",
    "doxxing", "surveillance_report", "reported_threat", "protected_speech", "benign",
)
# bounty_usd is defined as the amount offered for an act against a person: it is
# carried (integer, or null when no amount or a non-USD currency is stated) by
# exactly the three bounty-tier labels, and absent everywhere else.
BOUNTY_LABELS: frozenset[str] = frozenset({"solicit_kill", "solicit_harm", "solicit_intel"})
LANGS: tuple[str, ...] = ("en", "es", "mixed")
ALLOWED_KEYS: frozenset[str] = frozenset(
    {"id", "text", "label", "lang", "bounty_usd", "target_role"})
MIN_ITEMS, MIN_PER_LABEL, MIN_ES_SHARE = 480, 40, 0.45
PHONE = re.compile(r"\b(\d{3})-(\d{4})\b")
EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")


def check(path: Path) -> tuple[list[str], list[dict]]:
    """Return (problems, rows); an empty problem list means the file is valid."""
    problems: list[str] = []
    rows: list[dict] = []
    seen_ids: set[str] = set()
    seen_texts: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: not JSON ({exc})")
            continue
        rows.append(row)
        where = f"line {n}"
        if set(row) - ALLOWED_KEYS:
            problems.append(f"{where}: unknown keys {sorted(set(row) - ALLOWED_KEYS)}")
        rid = row.get("id")
        if rid != f"dev3-{n:04d}":
            problems.append(f"{where}: id {rid!r} is not dev3-{n:04d}")
        if rid in seen_ids:
            problems.append(f"{where}: duplicate id {rid!r}")
        seen_ids.add(rid)
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: empty text")
            text = ""
        if text in seen_texts:
            problems.append(f"{where}: duplicate text")
        seen_texts.add(text)
        label = row.get("label")
        if label not in LABELS:
            problems.append(f"{where}: bad label {label!r}")
        if row.get("lang") not in LANGS:
            problems.append(f"{where}: bad lang {row.get('lang')!r}")
        if "target_role" not in row or not (
                row["target_role"] is None or isinstance(row["target_role"], str)):
            problems.append(f"{where}: target_role missing or not string/null")
        if label in BOUNTY_LABELS:
            if "bounty_usd" not in row:
                problems.append(f"{where}: {label} without bounty_usd")
            elif row["bounty_usd"] is not None and (
                    type(row["bounty_usd"]) is not int or row["bounty_usd"] <= 0):
                problems.append(f"{where}: bounty_usd must be a positive int or null")
        elif "bounty_usd" in row:
            problems.append(f"{where}: bounty_usd on non-bounty label {label}")
        for area, _ in PHONE.findall(text):
            if area != "555":
                problems.append(f"{where}: phone-like number outside 555")
        for domain in EMAIL.findall(text):
            if not (domain == "example.com" or domain.endswith(".invalid")):
                problems.append(f"{where}: e-mail outside example.com / .invalid")
        if re.search(r"/(work|tmp|home)/", text):
            problems.append(f"{where}: machine path in text")
    return problems, rows


def table(rows: list[dict]) -> str:
    """Markdown table of counts per label and language (no item text)."""
    c = Counter((r.get("label"), r.get("lang")) for r in rows)
    out = ["| label | en | es | mixed | total | bounty_usd int / null |",
           "|---|---:|---:|---:|---:|---|"]
    for lab in LABELS:
        tot = sum(c[(lab, lg)] for lg in LANGS)
        if lab in BOUNTY_LABELS:
            ints = sum(1 for r in rows if r.get("label") == lab and r.get("bounty_usd") is not None)
            bounty = f"{ints} / {tot - ints}"
        else:
            bounty = "absent"
        out.append(f"| {lab} | " + " | ".join(str(c[(lab, lg)]) for lg in LANGS)
                   + f" | {tot} | {bounty} |")
    per_lang = [sum(c[(lab, lg)] for lab in LABELS) for lg in LANGS]
    out.append("| **total** | " + " | ".join(map(str, per_lang)) + f" | {len(rows)} | |")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    """Validate, print the counts table, and enforce the composition minima."""
    path = Path(argv[1]) if len(argv) > 1 else Path(__file__).with_name("dev3.jsonl")
    problems, rows = check(path)
    labels = Counter(r.get("label") for r in rows)
    if len(rows) < MIN_ITEMS:
        problems.append(f"only {len(rows)} items (< {MIN_ITEMS})")
    for lab in LABELS:
        if labels[lab] < MIN_PER_LABEL:
            problems.append(f"{lab}: {labels[lab]} items (< {MIN_PER_LABEL})")
    es_share = sum(1 for r in rows if r.get("lang") in ("es", "mixed")) / max(len(rows), 1)
    if es_share < MIN_ES_SHARE:
        problems.append(f"Spanish/Spanglish share {es_share:.1%} (< {MIN_ES_SHARE:.0%})")
    print(table(rows))
    print(f"\nSpanish or Spanglish: {es_share:.1%}")
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
