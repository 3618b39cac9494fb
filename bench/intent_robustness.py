"""How much the intent labels depend on how a message is typed rather than what it says.

Every item of the development sets named below (a later held-out set is read only when named
with --sets) is read as written and again under each typing
change below, all items alike: ALL CAPS, all lower case, sentence punctuation dropped (as
chat drops it), apostrophes dropped, accents dropped. For each it prints the figures of
``threatdesk eval`` and how many labels changed against the text as written, the baseline of
the same run (docs/intent.md, "Session 6": ALL CAPS changed 680 labels of 3,208 before the
model read shouting in lower case, 55 after).

    python bench/intent_robustness.py [--sets dev,dev2,...] [--model FILE]
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path

from threatdesk.evaluation import as_prediction, load_labelled, score
from threatdesk.intent.engine import IntentEngine
from threatdesk.intent.model import LinearIntentModel
from threatdesk.intent.training import without_stops

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SETS = "dev,dev2,dev3,dev4,dev5,dev6,dev7,dev8,dev9,dev10,challenge"
_ACCENTS = str.maketrans("áéíóúüñÁÉÍÓÚÜÑ", "aeiouunAEIOUUN")
#: Typing changes that leave what a message says as it was.
CHANGES: dict[str, Callable[[str], str]] = {
    "as written": lambda t: t,
    "ALL CAPS": str.upper,
    "all lower case": str.lower,
    "no sentence punctuation": without_stops,
    "no apostrophes": lambda t: re.sub(r"['’]", "", t),
    "no accents": lambda t: t.translate(_ACCENTS),
}
KEYS = {"macro_f1": "F1", "actionable_recall": "recall", "false_alarm_rate": "FA", "tier_accuracy": "tier", "bounty_amount_accuracy": "amount"}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0].replace("\n", " "))
    parser.add_argument("--sets", default=DEFAULT_SETS, help="comma-separated names under data/eval/")
    parser.add_argument("--model", type=Path, default=None, help="a model file (default: the packaged one)")
    args = parser.parse_args()
    examples = [e for name in args.sets.split(",") for e in load_labelled(ROOT / "data" / "eval" / f"{name}.jsonl")]
    engine = IntentEngine(LinearIntentModel.load(args.model) if args.model else None)
    print(f"{len(examples)} items from {args.sets}; model {engine.version}")
    print(f"{'typing':<26}" + "".join(f"{title:>9}" for title in KEYS.values()) + f"{'labels changed':>16}")
    written = None
    for name, change in CHANGES.items():
        predictions = [as_prediction(engine.classify(change(e.text))) for e in examples]
        written = written or predictions
        result = score(examples, predictions)
        changed = sum(a.label != b.label for a, b in zip(written, predictions, strict=True))
        print(f"{name:<26}" + "".join(f"{result[k]:>9.3f}" for k in KEYS) + f"{changed:>16}")


if __name__ == "__main__":
    main()
