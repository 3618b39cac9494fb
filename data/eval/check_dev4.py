"""Validate the held-out dev4 set and print its counts.

The set is only worth anything if its format matches what the evaluation tools read
(docs/TAXONOMY.md, "Evaluation file format") and if it keeps the balance promised in
DEV4_README.md; this script checks both so a broken or drifted file is caught before
anyone measures on it. It prints counts only, never item text, so running it does not
leak the set.

Usage: python data/eval/check_dev4.py [path] [--markdown]
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

# The ten primary labels of docs/TAXONOMY.md, in severity order.
LABELS: tuple[str, ...] = (
    "solicit_kill",
    "solicit_harm",
    "solicit_intel",
    "direct_threat",
    "incitement",
    "doxxing",
    "surveillance_report",
    "reported_threat",
    "protected_speech",
    "benign",
)
BOUNTY_LABELS = frozenset({"solicit_kill", "solicit_harm", "solicit_intel"})
NEGATIVE_LABELS = frozenset({"reported_threat", "protected_speech", "benign"})
LANGS: tuple[str, ...] = ("en", "es", "mixed")
REQUIRED = ("id", "text", "label", "lang", "target_role", "genre")
ALLOWED = frozenset(REQUIRED) | {"bounty_usd"}

MIN_PER_LABEL = 35
MIN_SPANISH_SHARE = 0.45  # es + mixed
NEGATIVE_SHARE = (0.35, 0.45)  # "about 40%"

ID_RE = re.compile(r"^dev4-\d{4}$")
# Anything that looks like a US phone number must be a 555-01xx placeholder.
PHONE_RE = re.compile(r"(?<!\d)(\d{3})[-. ](\d{4})(?!\d)")
EMAIL_RE = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")


def validate(path: Path) -> tuple[list[dict], list[str]]:
    """Return the parsed items and a list of problems (empty when the file is sound)."""
    errors: list[str] = []
    items: list[dict] = []
    seen_ids: set[str] = set()
    seen_texts: dict[str, str] = {}
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"line {lineno}"
        if not raw.strip():
            errors.append(f"{where}: blank line")
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: not JSON ({exc})")
            continue
        if not isinstance(item, dict):
            errors.append(f"{where}: not an object")
            continue
        missing = [k for k in REQUIRED if k not in item]
        extra = sorted(set(item) - ALLOWED)
        if missing:
            errors.append(f"{where}: missing {missing}")
        if extra:
            errors.append(f"{where}: unknown fields {extra}")
        iid = item.get("id")
        where = f"{where} ({iid})"
        if not isinstance(iid, str) or not ID_RE.match(iid):
            errors.append(f"{where}: bad id")
        elif iid in seen_ids:
            errors.append(f"{where}: duplicate id")
        else:
            seen_ids.add(iid)
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{where}: empty text")
        else:
            key = " ".join(text.lower().split())
            if key in seen_texts:
                errors.append(f"{where}: same text as {seen_texts[key]}")
            seen_texts[key] = str(iid)
            for area, rest in PHONE_RE.findall(text):
                if area != "555" or not rest.startswith("01"):
                    errors.append(f"{where}: phone-like number not a 555-01xx placeholder")
            for domain in EMAIL_RE.findall(text):
                if domain.lower() != "example.com":
                    errors.append(f"{where}: e-mail outside example.com")
        label = item.get("label")
        if label not in LABELS:
            errors.append(f"{where}: label {label!r} not in taxonomy")
        if item.get("lang") not in LANGS:
            errors.append(f"{where}: lang {item.get('lang')!r}")
        role = item.get("target_role")
        if role is not None and (not isinstance(role, str) or not role):
            errors.append(f"{where}: target_role must be a non-empty string or null")
        genre = item.get("genre")
        if not isinstance(genre, str) or not genre:
            errors.append(f"{where}: genre must be a non-empty string")
        if label in BOUNTY_LABELS:
            if "bounty_usd" not in item:
                errors.append(f"{where}: bounty label without bounty_usd")
            else:
                amount = item["bounty_usd"]
                ok = amount is None or (
                    isinstance(amount, int) and not isinstance(amount, bool) and amount > 0
                )
                if not ok:
                    errors.append(f"{where}: bounty_usd must be a positive integer or null")
        elif "bounty_usd" in item:
            errors.append(f"{where}: bounty_usd on non-bounty label {label}")
        items.append(item)
    return items, errors


def balance_errors(items: list[dict]) -> list[str]:
    """Check the promises made in DEV4_README.md about the set's make-up."""
    errors: list[str] = []
    n = len(items)
    if n == 0:
        return ["empty file"]
    labels = Counter(i.get("label") for i in items)
    for label in LABELS:
        if labels[label] < MIN_PER_LABEL:
            errors.append(f"{label}: {labels[label]} items < {MIN_PER_LABEL}")
    spanish = sum(1 for i in items if i.get("lang") in ("es", "mixed")) / n
    if spanish < MIN_SPANISH_SHARE:
        errors.append(f"es+mixed share {spanish:.1%} < {MIN_SPANISH_SHARE:.0%}")
    negative = sum(labels[lab] for lab in NEGATIVE_LABELS) / n
    lo, hi = NEGATIVE_SHARE
    if not lo <= negative <= hi:
        errors.append(f"negative share {negative:.1%} outside {lo:.0%}-{hi:.0%}")
    return errors


def tables(items: list[dict], markdown: bool) -> str:
    """Counts per label x lang, per genre, bounty fields; counts only, never text."""
    n = len(items)
    by = Counter((i["label"], i["lang"]) for i in items)
    lines: list[str] = []
    head = ["label", *LANGS, "total"]
    rows = [[lab, *(str(by[(lab, g)]) for g in LANGS), str(sum(by[(lab, g)] for g in LANGS))] for lab in LABELS]
    rows.append(["total", *(str(sum(by[(lab, g)] for lab in LABELS)) for g in LANGS), str(n)])
    if markdown:
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "---|" * len(head))
        lines += ["| " + " | ".join(r) + " |" for r in rows]
    else:
        lines += [f"{r[0]:<22}" + "".join(f"{c:>7}" for c in r[1:]) for r in [head, *rows]]
    spanish = sum(1 for i in items if i["lang"] in ("es", "mixed"))
    negative = sum(1 for i in items if i["label"] in NEGATIVE_LABELS)
    lines.append("")
    lines.append(f"es+mixed: {spanish}/{n} ({spanish / n:.1%}); negatives: {negative}/{n} ({negative / n:.1%})")
    bounty = [i for i in items if i["label"] in BOUNTY_LABELS]
    stated = sum(1 for i in bounty if i.get("bounty_usd") is not None)
    lines.append(f"bounty_usd: {stated} stated, {len(bounty) - stated} null, on {len(bounty)} bounty-tier items")
    genres = Counter(i["genre"] for i in items)
    lines.append("genres: " + ", ".join(f"{g} {c}" for g, c in genres.most_common()))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0]) if args else Path(__file__).with_name("dev4.jsonl")
    items, errors = validate(path)
    if not errors:
        errors = balance_errors(items)
    if errors:
        print(f"{path.name}: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print(f"{path.name}: {len(items)} items, OK\n")
    print(tables(items, "--markdown" in argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
