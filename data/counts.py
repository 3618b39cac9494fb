"""Counts per label and language of every intent set in data/ (the tables in data/README.md).

    python data/counts.py            # from the repository root; prints Markdown
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

LABELS = ["solicit_kill", "solicit_harm", "solicit_intel", "direct_threat", "incitement", "doxxing",
          "surveillance_report", "reported_threat", "protected_speech", "benign"]
ROOT = Path(__file__).parent
#: Every training batch together (what ``threatdesk train`` reads), then each evaluation set.
#: Counts only: no item of a held-out set is printed.
SETS = {
    "train (every train/intent_*.jsonl)": sorted(str(p.relative_to(ROOT)) for p in (ROOT / "train").glob("intent_*.jsonl")),
    "dev (eval/dev.jsonl)": ["eval/dev.jsonl"],
    "challenge (eval/challenge.jsonl)": ["eval/challenge.jsonl"],
    "dev2 (eval/dev2.jsonl)": ["eval/dev2.jsonl"],
    "dev3 (eval/dev3.jsonl)": ["eval/dev3.jsonl"],
    "dev4 (eval/dev4.jsonl)": ["eval/dev4.jsonl"],
    "dev5 (eval/dev5.jsonl)": ["eval/dev5.jsonl"],
    "dev6 (eval/dev6.jsonl)": ["eval/dev6.jsonl"],
    "dev7 (eval/dev7.jsonl)": ["eval/dev7.jsonl"],
    "dev8 (eval/dev8.jsonl)": ["eval/dev8.jsonl"],
    "dev9 (eval/dev9.jsonl)": ["eval/dev9.jsonl"],
    "dev10 (eval/dev10.jsonl)": ["eval/dev10.jsonl"],
    "dev11 (eval/dev11.jsonl)": ["eval/dev11.jsonl"],
    "dev12 (eval/dev12.jsonl)": ["eval/dev12.jsonl"],
    "dev13 (eval/dev13.jsonl)": ["eval/dev13.jsonl"],
    "dev14 (eval/dev14.jsonl)": ["eval/dev14.jsonl"],
    "dev15 (eval/dev15.jsonl)": ["eval/dev15.jsonl"],
    "dev16 (eval/dev16.jsonl)": ["eval/dev16.jsonl"],
    "dev17 (eval/dev17.jsonl)": ["eval/dev17.jsonl"],
}


def main() -> None:
    for title, files in SETS.items():
        rows = [json.loads(line) for f in files for line in (ROOT / f).open(encoding="utf-8") if line.strip()]
        langs = sorted({r.get("lang") or "?" for r in rows})
        counts = Counter((r["label"], r.get("lang") or "?") for r in rows)
        print(f"### {title}: {len(rows)} items\n")
        print("| label | " + " | ".join(langs) + " | total |")
        print("|---|" + "--:|" * (len(langs) + 1))
        for label in LABELS:
            print(f"| `{label}` | " + " | ".join(str(counts[(label, lang)]) for lang in langs)
                  + f" | {sum(counts[(label, lang)] for lang in langs)} |")
        totals = Counter(r.get("lang") or "?" for r in rows)
        print("| **all** | " + " | ".join(f"**{totals[lang]}**" for lang in langs) + f" | **{len(rows)}** |")
        spanish = sum(totals[lang] for lang in langs if lang in ("es", "mixed"))
        bounty = sum(r.get("bounty_usd") is not None for r in rows)
        print(f"\nSpanish or Spanglish: {spanish} of {len(rows)} ({spanish / len(rows):.1%}); with `bounty_usd`: {bounty}.\n")


if __name__ == "__main__":
    main()
