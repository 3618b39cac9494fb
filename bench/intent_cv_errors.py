"""The 5-fold CV's errors, to read for patterns of expression (docs/intent.md, session 5).

Runs ``training.cross_validate`` on the training files (same folds as ``threatdesk train
--cv 5``) and lists its tier errors (a solicitation read at the wrong tier) and its missed
actionable items, each with the cue spans that fired and the acts ``paid_acts`` kept, so a
missing cue-list form shows as an empty or wrong ``acts``. About 9 minutes on an idle core.

    python bench/intent_cv_errors.py [--json OUT.jsonl] [--kinds tier,missed,false_alarm]
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

from threatdesk.evaluation import load_labelled  # noqa: E402
from threatdesk.intent import training  # noqa: E402
from threatdesk.intent.solicitation import paid_acts  # noqa: E402
from threatdesk.labels import ACTIONABLE  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
KEYS = ("macro_f1", "actionable_recall", "false_alarm_rate", "tier_accuracy", "bounty_amount_accuracy")
_ACTIONABLE = {str(label) for label in ACTIONABLE}
#: Cue classes too common to help reading an error.
_QUIET = {"speaker_first", "second_person", "conditional", "target_pronoun"}


def kind_of(gold: str, pred: str) -> str | None:
    if gold == pred:
        return None
    if gold.startswith("solicit") and pred.startswith("solicit"):
        return "tier"
    if gold in _ACTIONABLE and pred not in _ACTIONABLE:
        return "missed"
    if gold not in _ACTIONABLE and pred in _ACTIONABLE:
        return "false_alarm"
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", help="also write every error as one JSON line to this file")
    parser.add_argument("--kinds", default="tier,missed", help="which errors to print (tier, missed, false_alarm, other)")
    args = parser.parse_args()
    files = sorted((ROOT / "data/train").glob("intent_*.jsonl"))
    examples = [e for p in files for e in load_labelled(p)]
    decisions: list = []
    result = training.cross_validate(examples, folds=5, decisions=decisions)
    print({k: result[k] for k in KEYS})
    wanted = set(args.kinds.split(","))
    rows = []
    for e, d in zip(examples, decisions, strict=True):
        kind = kind_of(e.label, d.label)
        if kind is None:
            continue
        text = e.text
        row = {
            "kind": kind, "gold": e.label, "pred": d.label, "text": text,
            "cues": {k: [text[s:t] for s, t, _ in v] for k, v in d.reading.hits.items() if k not in _QUIET},
            "acts": {k: [text[s:t] for s, t in v] for k, v in paid_acts(d.reading).items()},
        }
        rows.append(row)
        if kind in wanted:
            print(f"[{kind}] {e.label} -> {d.label} | {text[:160]!r} | acts {row['acts']} | cues {row['cues']}")
    if args.json:
        Path(args.json).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


if __name__ == "__main__":
    main()
