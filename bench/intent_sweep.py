"""Re-choose the engine's two decision constants on out-of-fold scores of the training files.

The actionable threshold (engine.ACTIONABLE_THRESHOLD) and the second stage's band
(training.BAND) were chosen on 5-fold CV of an earlier, smaller training set. Each time the
training set grows they can be re-chosen the same way, without touching any evaluation set:

1. fit both stages on 4 folds and score the fifth, for the same stratified folds as
   ``threatdesk train --cv`` (seed 0): every training item gets out-of-fold scores of both
   stages (cached in an .npz, keyed by a hash of the data and of the code that reads it);
2. replay the whole decision path (cascade, guards, threshold, tier rule) for every
   candidate threshold and band, which costs seconds, not fits;
3. print the figures of each candidate and the one with the smallest sum of shortfalls
   against the targets (recall 0.95, false alarms 0.03, tier 0.90), among the candidates
   whose second stage reads at most MAX_SHARE of the training texts (the encoder costs 3 to
   8 ms a read, and the analyzer table's budget is about 1 ms); ties keep the shipped value.
   The criterion is fixed here, before the figures are seen.

    python bench/intent_sweep.py [FILE...] [--folds 5] [--cache FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import os
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from threatdesk.evaluation import as_prediction, load_labelled, score  # noqa: E402
from threatdesk.intent import engine, training  # noqa: E402
from threatdesk.intent import model as M  # noqa: E402
from threatdesk.intent.features import read  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
THRESHOLDS = (0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
BANDS = ((0.35, 0.85), (0.3, 0.85), (0.35, 0.9), (0.3, 0.9), (0.4, 0.8), (0.25, 0.9))
MAX_SHARE = 0.12
TARGETS = {"actionable_recall": 0.95, "false_alarm_rate": 0.03, "tier_accuracy": 0.90}


def out_of_fold(examples, folds: int) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    """Both stages' out-of-fold probabilities, from the same fits and folds as ``threatdesk train --cv``."""
    oof: dict[str, np.ndarray] = {}
    training.cross_validate(examples, folds=folds, oof=oof)
    return oof["first"], oof["second"]


def replay(examples, readings, p1: np.ndarray, p2: np.ndarray, threshold: float, band: tuple[float, float]) -> dict:  # type: ignore[no-untyped-def]
    predictions, reads = [], 0
    for i, reading in enumerate(readings):
        scores = dict(zip(M.LABELS, map(float, p1[i]), strict=True))
        if engine.needs_second(scores, band):
            reads += 1
            scores = dict(zip(M.LABELS, map(float, p2[i]), strict=True))
        predictions.append(as_prediction(engine.decide(reading, scores, threshold=threshold)))
    result = score(examples, predictions)
    result["second_stage_share"] = round(reads / len(readings), 4)
    return result


def shortfall(result: dict) -> float:  # type: ignore[type-arg]
    return (
        max(0.0, TARGETS["actionable_recall"] - result["actionable_recall"])
        + max(0.0, result["false_alarm_rate"] - TARGETS["false_alarm_rate"])
        + max(0.0, TARGETS["tier_accuracy"] - result["tier_accuracy"])
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="training files (default: every data/train/intent_*.jsonl)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=None, help="where to keep the out-of-fold scores")
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "data" / "train").glob("intent_*.jsonl"))
    examples = [e for f in files for e in load_labelled(f)]
    texts, labels = [e.text for e in examples], [e.label for e in examples]
    # the scores depend on the data and on the code that reads it (cues, features, money)
    code = b"".join(p.read_bytes() for p in sorted((ROOT / "src" / "threatdesk").glob("intent/*.py")))
    code += (ROOT / "src" / "threatdesk" / "analyzers" / "money.py").read_bytes()
    data = "\n".join(f"{t}\t{y}" for t, y in zip(texts, labels, strict=True)).encode()
    digest = hashlib.sha256(data + code).hexdigest()[:12]
    cache = args.cache or Path(f"/tmp/threatdesk-oof-{digest}-{args.folds}.npz")
    if cache.exists():
        data = np.load(cache)
        p1, p2 = data["p1"], data["p2"]
    else:
        p1, p2 = out_of_fold(examples, args.folds)
        np.savez(cache, p1=p1, p2=p2)
    readings = [read(t) for t in texts]
    print(f"{len(examples)} training items, {args.folds} folds, out-of-fold scores in {cache}")
    print("threshold  band         macro_f1  recall  false_al  tier    amount  share   shortfall")
    best = None
    for band in BANDS:
        for threshold in THRESHOLDS:
            r = replay(examples, readings, p1, p2, threshold, band)
            s = shortfall(r)
            shipped = threshold == engine.ACTIONABLE_THRESHOLD and band == training.BAND
            print(
                f"{threshold:<9}  {band[0]:.2f}-{band[1]:.2f}    {r['macro_f1']:.4f}    {r['actionable_recall']:.4f}  "
                f"{r['false_alarm_rate']:.4f}    {r['tier_accuracy']:.4f}  {r['bounty_amount_accuracy']:.4f}  "
                f"{r['second_stage_share']:.3f}   {s:.4f}{'  (shipped)' if shipped else ''}"
            )
            key = (round(s, 6), not shipped)
            if r["second_stage_share"] <= MAX_SHARE and (best is None or key < best[0]):
                best = (key, threshold, band)
    assert best is not None
    print(f"smallest sum of shortfalls: threshold {best[1]}, band {best[2][0]}-{best[2][1]}")


if __name__ == "__main__":
    main()
